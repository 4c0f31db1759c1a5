"""Oscar views with a fix (mounted by shop.oscar_fixes), until Oscar ships one."""

from django.utils.translation import gettext as _
from oscar.apps.dashboard.catalogue.forms import StockAlertSearchForm
from oscar.apps.dashboard.catalogue.views import StockAlertListView as OscarStockAlertListView


class StockAlertListView(OscarStockAlertListView):
    """Oscar's stock alerts; an unknown `status` lists all alerts instead of failing (AttributeError, issue 12)."""

    def get_queryset(self):
        self.description, self.form = _("All alerts"), StockAlertSearchForm()
        return super().get_queryset()

"""Oscar views replaced with a fix through their app config, keeping Oscar's URLs, names and permissions."""

from oscar.apps.dashboard.catalogue import apps as catalogue_dashboard


class CatalogueDashboardConfig(catalogue_dashboard.CatalogueDashboardConfig):
    def ready(self):
        super().ready()
        from shop.oscar_views import StockAlertListView

        self.stock_alert_view = StockAlertListView

"""Ops screens under /dashboard/fulfilment/ (staff only); each area owns its patterns."""

from fulfilment.carriers.urls import ops_patterns as carriers
from fulfilment.payouts.urls import ops_patterns as payouts
from fulfilment.remittance.urls import ops_patterns as remittance
from fulfilment.shipments.urls import ops_patterns as shipments
from invoices.urls import ops_patterns as invoices

app_name = "fulfilment-ops"
urlpatterns = [*shipments, *carriers, *remittance, *payouts, *invoices]

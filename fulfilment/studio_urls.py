"""Artisan screens under /artisans/studio/ (their own parcels and money only)."""

from fulfilment.carriers.urls import studio_patterns as carriers
from fulfilment.payouts.urls import studio_patterns as payouts
from fulfilment.remittance.urls import studio_patterns as remittance
from fulfilment.shipments.urls import studio_patterns as shipments
from invoices.urls import studio_patterns as invoices

app_name = "fulfilment-studio"
urlpatterns = [*shipments, *carriers, *remittance, *payouts, *invoices]

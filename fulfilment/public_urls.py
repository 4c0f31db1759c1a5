"""Public endpoints under /fulfilment/: carrier webhooks and shopper tracking."""

from fulfilment.carriers.urls import public_patterns as carriers
from fulfilment.payouts.urls import public_patterns as payouts
from fulfilment.remittance.urls import public_patterns as remittance
from fulfilment.shipments.urls import public_patterns as shipments

app_name = "fulfilment-public"
urlpatterns = [*shipments, *carriers, *remittance, *payouts]

"""URL patterns of this area, composed by fulfilment.ops_urls / studio_urls / public_urls."""

from django.urls import path

from fulfilment.shipments import views

ops_patterns: list = [
    path("shipments/", views.OpsShipmentListView.as_view(), name="shipment-list"),
    path("shipments/<int:shipment_pk>/", views.OpsShipmentDetailView.as_view(), name="shipment-detail"),
    path("ndr/", views.OpsNdrListView.as_view(), name="ndr-list"),
]
studio_patterns: list = [
    path("shipments/", views.StudioShipmentListView.as_view(), name="shipment-list"),
    path("shipments/<int:shipment_pk>/", views.StudioShipmentDetailView.as_view(), name="shipment-detail"),
]
public_patterns: list = []

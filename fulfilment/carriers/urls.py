"""URL patterns of this area, composed by fulfilment.ops_urls / studio_urls / public_urls."""

from django.urls import path

from fulfilment.carriers import views

ops_patterns: list = [
    path("shipments/<int:shipment_pk>/label/", views.OpsLabelView.as_view(), name="label"),
    path("shipments/<int:shipment_pk>/label.pdf", views.OpsLabelPdfView.as_view(), name="label-pdf"),
    path("labels.pdf", views.OpsLabelsPdfView.as_view(), name="labels-pdf"),
    path("artisans/<int:partner_pk>/manifest/", views.OpsManifestView.as_view(), name="manifest"),
    path("awb-ranges/", views.AwbRangeListView.as_view(), name="awb-range-list"),
]
studio_patterns: list = [
    path("shipments/<int:shipment_pk>/label/", views.StudioLabelView.as_view(), name="label"),
    path("shipments/<int:shipment_pk>/label.pdf", views.StudioLabelPdfView.as_view(), name="label-pdf"),
    path("manifest/", views.StudioManifestView.as_view(), name="manifest"),
]
public_patterns: list = [
    path("carriers/<slug:code>/webhook/", views.carrier_webhook, name="carrier-webhook"),
]

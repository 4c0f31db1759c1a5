"""URL patterns of invoices, composed by shop.urls (shopper, guest) and fulfilment ops/studio URLs."""

from django.urls import path

from invoices import views

shopper_patterns: list = [
    # The shop's own invoice (shipping, COD fee) first: "services" is not a parcel number.
    path(
        "accounts/orders/<str:number>/invoices/services/",
        views.CustomerShopInvoiceView.as_view(),
        name="services-invoice",
    ),
    path(
        "accounts/orders/<str:number>/invoices/services.pdf",
        views.CustomerShopInvoiceView.as_view(pdf=True),
        name="services-invoice-pdf",
    ),
    path(
        "accounts/order-status/<str:number>/<str:hash>/invoices/services/",
        views.GuestShopInvoiceView.as_view(),
        name="guest-services-invoice",
    ),
    path(
        "accounts/order-status/<str:number>/<str:hash>/invoices/services.pdf",
        views.GuestShopInvoiceView.as_view(pdf=True),
        name="guest-services-invoice-pdf",
    ),
    path(
        "accounts/orders/<str:number>/invoices/<str:shipment_id>/", views.CustomerInvoiceView.as_view(), name="invoice"
    ),
    path(
        "accounts/orders/<str:number>/invoices/<str:shipment_id>.pdf",
        views.CustomerInvoiceView.as_view(pdf=True),
        name="invoice-pdf",
    ),
    path(
        "accounts/order-status/<str:number>/<str:hash>/invoices/<str:shipment_id>/",
        views.GuestInvoiceView.as_view(),
        name="guest-invoice",
    ),
    path(
        "accounts/order-status/<str:number>/<str:hash>/invoices/<str:shipment_id>.pdf",
        views.GuestInvoiceView.as_view(pdf=True),
        name="guest-invoice-pdf",
    ),
]
studio_patterns: list = [
    path("shipments/<int:shipment_pk>/invoice/", views.StudioInvoiceView.as_view(), name="invoice"),
    path("shipments/<int:shipment_pk>/invoice.pdf", views.StudioInvoiceView.as_view(pdf=True), name="invoice-pdf"),
]
ops_patterns: list = [
    path("shipments/<int:shipment_pk>/invoice/", views.OpsInvoiceView.as_view(), name="invoice"),
    path("shipments/<int:shipment_pk>/invoice.pdf", views.OpsInvoiceView.as_view(pdf=True), name="invoice-pdf"),
    path("invoices.pdf", views.OpsInvoicesPdfView.as_view(), name="invoices-pdf"),
    path("orders/<str:number>/services-invoice/", views.OpsShopInvoiceView.as_view(), name="services-invoice"),
    path(
        "orders/<str:number>/services-invoice.pdf",
        views.OpsShopInvoiceView.as_view(pdf=True),
        name="services-invoice-pdf",
    ),
]

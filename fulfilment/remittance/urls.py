"""URL patterns of this area, composed by fulfilment.ops_urls / studio_urls / public_urls."""

from django.urls import path

from fulfilment.remittance import views

ops_patterns: list = [
    path("remittances/", views.RemittanceListView.as_view(), name="remittance-list"),
    path("remittances/<int:remittance_pk>/", views.RemittanceDetailView.as_view(), name="remittance-detail"),
    path(
        "remittances/lines/<int:line_pk>/resolve/",
        views.RemittanceLineResolveView.as_view(),
        name="remittance-line-resolve",
    ),
    path("cod-outstanding/", views.CodOutstandingView.as_view(), name="cod-outstanding"),
]
studio_patterns: list = []
public_patterns: list = []

from django.urls import path

from artisans import views

app_name = "artisans"

urlpatterns = [
    path("", views.ArtisanListView.as_view(), name="list"),
    path("join/", views.JoinView.as_view(), name="join"),
    path("join/thanks/", views.JoinDoneView.as_view(), name="join-done"),
    path("studio/", views.StudioHomeView.as_view(), name="studio"),
    path("studio/products/new/", views.StudioProductFormView.as_view(), name="studio-product-create"),
    path("studio/products/<int:pk>/", views.StudioProductFormView.as_view(), name="studio-product-edit"),
    path("studio/products/<int:pk>/delete/", views.StudioProductDeleteView.as_view(), name="studio-product-delete"),
    path("studio/products/<int:pk>/stock/", views.StudioStockView.as_view(), name="studio-product-stock"),
    path(
        "studio/products/<int:pk>/<str:action>/",
        views.StudioProductActionView.as_view(),
        name="studio-product-action",
    ),
    path(
        "studio/products/<int:pk>/photos/<int:image_id>/<str:action>/",
        views.StudioImageActionView.as_view(),
        name="studio-image-action",
    ),
    path("studio/profile/", views.StudioProfileView.as_view(), name="studio-profile"),
    path("studio/orders/", views.StudioOrdersView.as_view(), name="studio-orders"),
    path("<slug:slug>/", views.ArtisanDetailView.as_view(), name="detail"),
]

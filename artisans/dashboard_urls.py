from django.urls import path

from artisans import views

app_name = "artisans-dashboard"

urlpatterns = [
    path("", views.OpsArtisanListView.as_view(), name="list"),
    path("<int:pk>/", views.OpsArtisanDetailView.as_view(), name="detail"),
    path("craft-tax/", views.OpsCraftTaxListView.as_view(), name="craft-tax"),
    path("craft-tax/<slug:slug>/", views.OpsCraftTaxEditView.as_view(), name="craft-tax-edit"),
]

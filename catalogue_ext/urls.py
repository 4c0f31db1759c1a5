from django.urls import path

from catalogue_ext import views

app_name = "districts"

urlpatterns = [
    path("", views.DistrictListView.as_view(), name="list"),
    path("<slug:slug>/", views.DistrictDetailView.as_view(), name="detail"),
]

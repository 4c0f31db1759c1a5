from django.urls import path

from fulfilment import views

app_name = "fulfilment-dashboard"
urlpatterns = [path("", views.rate_card, name="rate-card")]

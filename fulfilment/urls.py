from django.urls import path

from fulfilment import views

app_name = "fulfilment"
urlpatterns = [path("pincode/", views.pincode_check, name="pincode-check")]

from django.urls import path

from payments import views

app_name = "payments-dashboard"
urlpatterns = [path("orders/<str:number>/refund/", views.order_refund, name="order-refund")]

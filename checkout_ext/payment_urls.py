"""/payments/stripe/webhook/ (namespace "payments"): Stripe's events settle card payments into orders, so
the endpoint is checkout's (see checkout_ext.services.stripe_webhook_handle)."""

from django.urls import path

from checkout_ext import views

app_name = "payments"
urlpatterns = [
    path("stripe/webhook/", views.stripe_webhook, name="stripe-webhook"),
]

from django.urls import path

from notifications import views

app_name = "notifications-ops"
urlpatterns = [
    path("", views.OutboxView.as_view(), name="outbox"),
    path("<int:pk>/retry/", views.OutboxRetryView.as_view(), name="retry"),
]

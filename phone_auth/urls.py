from django.urls import path

from phone_auth import views

app_name = "phone_auth"

urlpatterns = [
    path("", views.MobileSignInView.as_view(), name="mobile"),
    path("code/", views.MobileCodeView.as_view(), name="code"),
]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PhoneAuthConfig(AppConfig):
    name = "phone_auth"
    label = "phone_auth"
    verbose_name = _("Mobile sign-in")
    default_auto_field = "django.db.models.AutoField"

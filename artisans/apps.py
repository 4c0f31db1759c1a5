from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArtisansConfig(AppConfig):
    name = "artisans"
    label = "artisans"
    verbose_name = _("Artisans")
    default_auto_field = "django.db.models.AutoField"

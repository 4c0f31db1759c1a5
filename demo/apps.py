from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data only: installed when DEMO is on (see shop/settings.py); the shop's apps never import it."""

    name = "demo"
    verbose_name = "Demo data"

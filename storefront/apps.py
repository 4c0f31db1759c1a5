from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    """The shop front's own shell: templates, SEO helpers, sitemaps, trust pages, robots and favicon."""

    name = "storefront"
    verbose_name = "Storefront"

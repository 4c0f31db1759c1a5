from django.contrib.sites.models import Site
from django.core.management.base import BaseCommand

from order_ext.sites import site_url_sync


class Command(BaseCommand):
    help = "Set the Site's domain (used by password-reset and order e-mails) from SITE_URL; safe to re-run."

    def handle(self, *args, **options):
        domain = site_url_sync(site_model=Site)
        Site.objects.clear_cache()
        self.stdout.write(f"Site domain is now {domain}")

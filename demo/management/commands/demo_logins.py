from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.logins import DEMO_LOGINS, demo_logins_create


class Command(BaseCommand):
    help = "Create the demo's ops, artisan and shopper logins and print them. Refuses when DJANGO_DEBUG=0."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo logins have known passwords and are never created with DJANGO_DEBUG=0.")
        try:
            demo_logins_create()
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS("Demo logins (demo only):"))
        for login in DEMO_LOGINS:
            self.stdout.write(f"  {login.role:<8} {login.email:<24} password: {login.password:<18} {login.where}")

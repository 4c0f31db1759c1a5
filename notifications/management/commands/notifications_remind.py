from django.core.management.base import BaseCommand

from notifications.services import notifications_remind


class Command(BaseCommand):
    help = "Queue reminders due now (accept deadline near, courier pickup tomorrow); run hourly; safe to re-run."

    def handle(self, *args, **options):
        queued = notifications_remind()
        self.stdout.write(f"queued {queued} reminder message(s)")

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from notifications.models import PENDING, Notification
from notifications.services import notifications_drain


class Command(BaseCommand):
    help = "Send the notification outbox's due messages (SMS, WhatsApp, email); safe to run several at once."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--limit", type=int, default=None, help="Stop after trying this many messages.")
        parser.add_argument(
            "--watch", type=float, default=0, help="Keep draining, pausing this many seconds when idle."
        )

    def handle(self, *args, batch_size, limit, watch, **options):
        while True:
            due = Notification.objects.filter(status=PENDING).count()
            with tqdm(total=due, unit="msg", disable=not due or options["verbosity"] < 1, file=self.stderr) as bar:
                result = notifications_drain(batch_size=batch_size, limit=limit, progress=bar.update)
            if options["verbosity"] >= 1 and (result.sent or result.retrying or result.failed or not watch):
                self.stdout.write(f"sent {result.sent}, to retry {result.retrying}, failed {result.failed}")
            if not watch:
                return
            time.sleep(watch)

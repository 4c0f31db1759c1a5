import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from demo.orders import demo_fulfilment_load


class Command(BaseCommand):
    help = (
        "Place demo orders through checkout and walk their parcels through the pipeline (some delivered, "
        "some failed and returned), import a COD remittance and pay one payout batch. Deterministic per "
        "--seed; re-running only adds what is missing. Refuses when DJANGO_DEBUG=0."
    )

    def add_arguments(self, parser):
        parser.add_argument("--orders", type=int, default=80)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, orders: int, seed: int, **options):
        if not settings.DEBUG:
            raise CommandError("Demo orders are never created with DJANGO_DEBUG=0.")
        if not 0 <= orders <= 9999 or not 0 <= seed <= 99:
            raise CommandError("--orders must be 0–9999 and --seed 0–99.")
        # Demo orders confirm to made-up addresses: no mail is sent, and Oscar's per-order log lines stay quiet.
        logging.getLogger("oscar").setLevel(logging.WARNING)
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            try:
                counts = demo_fulfilment_load(orders=orders, seed=seed, progress=options["verbosity"] > 0)
            except ValueError as exc:
                raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo orders: {counts.placed} placed, {counts.existing} already there; "
                f"{counts.remitted_rows} COD remittance rows imported; {counts.payout_batches} payout batch paid."
            )
        )

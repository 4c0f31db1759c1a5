from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from fulfilment.shipments.services import shipments_ndr_expire


class Command(BaseCommand):
    help = (
        "Apply FULFILMENT_NDR_DEFAULT_ACTION to failed deliveries nobody acted on within "
        "FULFILMENT_NDR_ACTION_HOURS. Run it from cron (e.g. hourly); re-running does nothing twice."
    )

    def handle(self, *args, **options):
        verbose = options["verbosity"] > 0
        count = shipments_ndr_expire(progress=verbose, log=self.stdout.write if verbose else None)
        self.stdout.write(self.style.SUCCESS(_("Failed deliveries handled: %(count)s.") % {"count": count}))

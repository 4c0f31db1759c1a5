"""`import_cod_remittance FILE --carrier CODE`: the dashboard upload, from a shell or a cron job.

Exit code 0 when the file was imported; 1 with the reason on stderr when nothing was written (unknown
carrier, unreadable or malformed file as `FILE, line N: reason`, or a file imported before).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from oscar.templatetags.currency_filters import currency

from fulfilment.carriers.base import CarrierError, RemittanceFileError
from fulfilment.models import Carrier
from fulfilment.remittance.selectors import cod_remittance_totals
from fulfilment.remittance.services import RemittanceDuplicateFile, cod_remittance_import


class Command(BaseCommand):
    help = (
        "Import a carrier's COD remittance CSV (columns awb, amount, utr, remitted_on), reconcile every row "
        "against delivered COD parcels and credit the artisans. All or nothing; the same file is refused "
        "a second time (exit code 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--carrier", required=True, help="Code of the carrier that sent the file, e.g. aggregator.")

    def handle(self, *args, file: Path, carrier: str, **options):
        found = Carrier.objects.filter(code=carrier).first()
        if found is None:
            known = ", ".join(Carrier.objects.order_by("code").values_list("code", flat=True))
            raise CommandError(
                _("Unknown carrier %(code)s; known carriers: %(known)s.") % {"code": repr(carrier), "known": known}
            )
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(
                _("%(file)s: cannot read the file (%(error)s).") % {"file": file, "error": exc.strerror}
            ) from None
        try:
            remittance = cod_remittance_import(
                carrier=found, data=data, file_name=file.name, progress=options["verbosity"] > 0
            )
        except RemittanceFileError as exc:
            raise CommandError(
                _("%(file)s, line %(line)s: %(reason)s") % {"file": file, "line": exc.line, "reason": exc.reason}
            ) from None
        except (RemittanceDuplicateFile, CarrierError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _("Remittance #%(number)s from %(carrier)s: %(rows)s rows, %(amount)s.")
            % {
                "number": remittance.pk,
                "carrier": found.name,
                "rows": remittance.row_count,
                "amount": currency(remittance.total_amount),
            }
        )
        unresolved = 0
        for total in cod_remittance_totals(remittance=remittance):
            self.stdout.write(
                "  "
                + _("%(outcome)s: %(count)s, remitted %(amount)s, expected %(expected)s")
                % {
                    "outcome": total.label,
                    "count": total.count,
                    "amount": currency(total.amount),
                    "expected": currency(total.expected),
                }
            )
            unresolved += total.unresolved
        self.stdout.write(self.style.SUCCESS(_("Discrepancies to resolve: %(count)s.") % {"count": unresolved}))

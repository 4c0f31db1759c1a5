from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fulfilment.carriers.base import CarrierError
from fulfilment.carriers.services import AwbImportError, awb_lines, awb_range_import, awb_range_import_sequence
from fulfilment.models import Carrier


class Command(BaseCommand):
    help = (
        "Import a carrier's pre-allocated AWB numbers: a text file with one number a line, or a range "
        "(--prefix ODP --first 1 --last 5000 --width 9 gives ODP000000001 … ODP000005000). All or nothing; "
        "re-running the same import is refused, so it is safe."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, help="UTF-8 text file, one AWB number a line")
        parser.add_argument("--carrier", required=True, help="carrier code, e.g. aggregator")
        parser.add_argument("--prefix", default="")
        parser.add_argument("--first", type=int)
        parser.add_argument("--last", type=int)
        parser.add_argument("--width", type=int, default=0, help="zero-pad the number to this many digits")

    def handle(self, *args, file: Path | None, carrier: str, prefix: str, first, last, width: int, **options):
        carrier_row = Carrier.objects.filter(code=carrier).first()
        if carrier_row is None:
            raise CommandError(
                f"Unknown carrier {carrier!r}; known: {', '.join(Carrier.objects.values_list('code', flat=True))}."
            )
        ranged = first is not None or last is not None
        if (file is None) == (not ranged):
            raise CommandError("Give either a FILE or --first and --last, not both.")
        if ranged and (first is None or last is None):
            raise CommandError("A range needs both --first and --last.")
        progress = options["verbosity"] > 0
        source = file.name if file else "range"
        try:
            if ranged:
                count = awb_range_import_sequence(
                    carrier=carrier_row, prefix=prefix, first=first, last=last, width=width, progress=progress
                )
            else:
                count = awb_range_import(carrier=carrier_row, numbers=_lines(file), progress=progress)
        except AwbImportError as exc:
            where = f"{source}, {'number' if ranged else 'line'} {exc.line}" if exc.line else source
            raise CommandError(f"{where}: {exc.reason} Nothing was imported.") from None
        except CarrierError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"{count} AWB numbers imported for {carrier_row.name} from {source}."))


def _lines(path: Path) -> list[str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"{path.name}: cannot read the file ({exc.strerror}).") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CommandError(f"{path.name}, line {line}: not UTF-8 text. Nothing was imported.") from None
    return awb_lines(text=text)

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fulfilment.services import pincode_import
from shop.csvio import CsvRowError


class Command(BaseCommand):
    help = "Load or update pincodes (pincode,district,state_code,serviceable,cod_allowed,metro) from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            count = pincode_import(path=file, progress=options["verbosity"] > 0)
        except CsvRowError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"{count} pincodes loaded from {file.name}."))

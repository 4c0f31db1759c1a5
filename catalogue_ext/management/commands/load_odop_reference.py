from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalogue_ext.reference import REFERENCE_DATA_DIR
from catalogue_ext.services import odop_reference_load
from shop.csvio import CsvRowError


class Command(BaseCommand):
    help = "Load states, districts, crafts, GI tags and ODOP designations from the versioned CSV files."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir", type=Path, default=REFERENCE_DATA_DIR, help="Folder holding the reference CSV files."
        )

    def handle(self, *args, data_dir: Path, **options):
        try:
            counts = odop_reference_load(data_dir=data_dir)
        except CsvRowError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"ODOP reference data: {counts.states} states/UTs, {counts.districts} districts, "
                f"{counts.crafts} crafts, {counts.gi_tags} GI tags, "
                f"{counts.odop_designations} ODOP designations."
            )
        )

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from demo.catalogue import demo_catalogue_load
from shop.csvio import CsvRowError


class Command(BaseCommand):
    help = (
        "Create a deterministic demo catalogue of ODOP products with artisans, stock and images. "
        "Re-running, or running after an interruption, only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=500, help="How many products (default 500).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed; same seed, same catalogue.")

    def handle(self, *args, products: int, seed: int, **options):
        if products < 0:
            raise CommandError("--products must be zero or more.")
        if not 0 <= seed <= 999:
            raise CommandError("--seed must be between 0 and 999.")
        with tqdm(total=products, unit="product", desc="Demo catalogue", disable=options["verbosity"] == 0) as bar:
            try:
                counts = demo_catalogue_load(
                    products=products, seed=seed, progress=lambda done: bar.update(done - bar.n)
                )
            except (ValueError, CsvRowError) as exc:
                raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo catalogue: {counts.created} products created, {counts.skipped} already there, "
                f"{counts.artisans} artisans."
            )
        )

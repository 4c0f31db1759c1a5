from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.services import search_index_rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search index from every buyable product. Safe to interrupt and run again; "
        "with Elasticsearch a new index is filled and the alias switched only when every product is in it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Index every buyable product again.")

    def handle(self, *args, rebuild: bool, **options):
        if not rebuild:
            raise CommandError("Nothing to do: pass --rebuild.")
        with tqdm(unit="product", desc="Search index", disable=options["verbosity"] == 0) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            counts = search_index_rebuild(progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Search index: {counts.indexed} products indexed, {counts.removed} stale entries removed."
            )
        )
        if counts.elasticsearch_error:
            # A non-zero exit: deploy scripts must not believe Elasticsearch was rebuilt.
            raise CommandError(
                f"Elasticsearch index NOT rebuilt ({settings.ELASTICSEARCH_INDEX} still serves the old index, if any): "
                f"{counts.elasticsearch_error}"
            )
        if settings.ELASTICSEARCH_URL:
            self.stdout.write(
                self.style.SUCCESS(f"Elasticsearch: alias {settings.ELASTICSEARCH_INDEX} switched to the new index.")
            )

from django.core.management.base import BaseCommand, CommandError

from search import elastic, indexing
from search.models import SearchDocument
from search.registry import adapters


class Command(BaseCommand):
    help = (
        "Rewrite the search documents from the content, then (when ELASTICSEARCH_URL is set) "
        "fill a fresh Elasticsearch index and point the alias at it once it is complete."
    )

    def progress(self, label, total):
        width = 30

        def report(done):
            if done % 50 and done != total:
                return
            filled = width * done // max(total, 1)
            bar = "#" * filled + "-" * (width - filled)
            self.stdout.write(f"\r{label} [{bar}] {done}/{total}", ending="")
            self.stdout.flush()

        return report

    def handle(self, *args, **options):
        total = sum(adapter.get_queryset().count() for adapter in adapters())
        done = indexing.refresh_all(self.progress("database     ", total))
        self.stdout.write(f"\ndatabase: {done} documents")
        if not indexing.elasticsearch_enabled():
            return
        count = SearchDocument.objects.filter(removed=False).count()
        try:
            name = elastic.rebuild(self.progress("elasticsearch", count))
        except elastic.REBUILD_FAILED as error:
            raise CommandError(
                f"Elasticsearch failed; the previous index keeps serving: {error}"
            ) from error
        self.stdout.write(f"\nelasticsearch: {count} documents in {name}, alias {elastic.alias()}")

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from website import backup, fragments, frontend_cache


class Command(BaseCommand):
    help = (
        "Replace the database and the uploads with those of an archive written by `backup`, "
        "then rebuild the search index. Stop the application and the search worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="an archive written by `manage.py backup`")

    def handle(self, path, **options):
        try:
            manifest = backup.restore(path)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Restored the backup of %(created)s; rebuilding the search index.")
            % {"created": manifest["created"]}
        )
        # What was cached or indexed belongs to the site as it was before the restore.
        fragments.changed()
        frontend_cache.ban_all_sites()
        call_command("rebuild_search_index", stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                _("Done. Check the search index with: python manage.py check_search_index")
            )
        )

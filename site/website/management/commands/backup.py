from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from website import backup


class Command(BaseCommand):
    help = "Write the database and the uploads (MEDIA_ROOT) to one archive file (tar)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the archive to write, e.g. kienluong-2026-03-01.tar")

    def handle(self, path, **options):
        try:
            backup.backup(path)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(
                _("Cannot write %(path)s: %(error)s") % {"path": path, "error": error}
            ) from error
        self.stdout.write(self.style.SUCCESS(_("Backup written to %(path)s.") % {"path": path}))

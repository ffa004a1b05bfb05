from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from radio.roles import setup_radio_desk


class Command(BaseCommand):
    help = "Let the Phóng viên and Ban biên tập groups work the radio desk (after setup_newsroom)."

    def handle(self, *args, **options):
        setup_radio_desk()
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Radio desk: reporters and the editorial board receive stories and build "
                    "programmes."
                )
            )
        )

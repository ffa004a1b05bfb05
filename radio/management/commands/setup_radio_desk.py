from django.core.management.base import BaseCommand

from radio.roles import setup_radio_desk


class Command(BaseCommand):
    help = "Let the Phóng viên and Ban biên tập groups work the radio desk (after setup_newsroom)."

    def handle(self, *args, **options):
        setup_radio_desk()
        self.stdout.write(self.style.SUCCESS("Radio desk ready for Phóng viên and Ban biên tập."))

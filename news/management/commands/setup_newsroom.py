from django.core.management.base import BaseCommand
from wagtail.models import Site

from news.roles import setup_newsroom


class Command(BaseCommand):
    help = "Create the Phóng viên and Ban biên tập groups and the Duyệt tin workflow."

    def handle(self, *args, **options):
        root = Site.objects.get(is_default_site=True).root_page
        setup_newsroom(root)
        self.stdout.write(self.style.SUCCESS(f"Newsroom ready under “{root.title}”."))

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = "Build (or bring up to date) the demo site: Kiên Lương in 2017–2018. Idempotent."

    def handle(self, *args, **options):
        # Each app with a `demo` module adds its part, in INSTALLED_APPS order (website first).
        with transaction.atomic():
            for config in apps.get_app_configs():
                if find_spec(f"{config.name}.demo") is None:
                    continue
                import_module(f"{config.name}.demo").load(self.stdout)
        self.stdout.write(self.style.SUCCESS(_("Demo content ready.")))

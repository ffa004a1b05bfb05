from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.utils.apps import get_app_submodules

from website.importing import indexing_deferred


def demo_loaders():
    """Each app's `demo` module, after the apps its `LOAD_AFTER` names (the demos it builds on);
    apps that do not depend on each other keep the order they are found in."""
    found = dict(get_app_submodules("demo"))
    ordered = {}

    def visit(app, waiting=()):
        if app in waiting:
            raise CommandError(f"demo loaders wait for each other: {' → '.join(waiting)} → {app}")
        if app in ordered:
            return
        for earlier in getattr(found[app], "LOAD_AFTER", ()):
            visit(earlier, (*waiting, app))
        ordered[app] = found[app]

    for app in found:
        visit(app)
    return list(ordered.values())


class Command(BaseCommand):
    help = "Build (or bring up to date) the demo site: Kiên Lương in 2017–2018. Idempotent."

    def handle(self, *args, **options):
        # Indexed once at the end, as an import is: publishing a hundred demo pages one by one
        # would update every index a hundred times.
        with transaction.atomic(), indexing_deferred():
            for loader in demo_loaders():
                loader.load(self.stdout)
        self.stdout.write(self.style.SUCCESS(_("Demo content ready.")))

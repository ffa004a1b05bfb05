from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExemplarsConfig(AppConfig):
    name = "exemplars"
    verbose_name = _("Exemplars")

    def ready(self):
        from search.registry import register

        from .search import ExemplarAdapter

        # Before the search app connects its signal handlers (it comes later in INSTALLED_APPS).
        register(ExemplarAdapter())

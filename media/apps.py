from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    verbose_name = _("Visual propaganda")

    def ready(self):
        from search.registry import register

        from .search import InventoryAdapter

        # Before the search app connects its signal handlers (it comes later in INSTALLED_APPS).
        register(InventoryAdapter())

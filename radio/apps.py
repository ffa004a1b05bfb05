from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RadioConfig(AppConfig):
    name = "radio"
    verbose_name = _("Radio station")

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()

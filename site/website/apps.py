from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Website")

    def ready(self):
        from . import forms, signal_handlers

        signal_handlers.connect()
        forms.label_page_choosers()

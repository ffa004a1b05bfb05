from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Website")

    def ready(self):
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.fields import StreamField

        from . import admin_labels, signal_handlers
        from .blocks import CheckedBlockField

        signal_handlers.connect()
        register_form_field_override(StreamField, override={"form_class": CheckedBlockField})
        admin_labels.label_page_choosers()
        admin_labels.label_site_columns()

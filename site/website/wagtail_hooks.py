from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import fragments, frontend_cache
from .models import Commune, WebsiteLink

# An import drops cached pages once a batch, not once a page (website.importing).
hooks.register("defer_during_import", fragments.deferred)
hooks.register("defer_during_import", frontend_cache.deferred)


class WebsiteLinkViewSet(SnippetViewSet):
    model = WebsiteLink
    icon = "link"
    menu_label = _("Website links")
    list_display = ["title", "url"]
    sort_order_field = "sort_order"


register_snippet(WebsiteLinkViewSet)


class CommuneViewSet(SnippetViewSet):
    model = Commune
    icon = "site"
    menu_label = _("Communes")
    list_display = ["name", "kind"]
    search_fields = ["name"]
    sort_order_field = "sort_order"


register_snippet(CommuneViewSet)

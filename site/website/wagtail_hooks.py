from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Commune, WebsiteLink


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

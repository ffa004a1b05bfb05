from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Feedback


class FeedbackFilterSet(WagtailFilterSet):
    class Meta:
        model = Feedback
        fields = ["approved"]


class FeedbackViewSet(SnippetViewSet):
    model = Feedback
    icon = "comment"
    menu_label = _("Reader feedback")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "article", "message", "created_at", "approved"]
    list_export = ["name", "contact", "article", "message", "created_at", "approved"]
    filterset_class = FeedbackFilterSet
    search_fields = ["name", "message"]
    ordering = ["approved", "-created_at"]
    inspect_view_enabled = True


register_snippet(FeedbackViewSet)

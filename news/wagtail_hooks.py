from django.db.models import F, PositiveBigIntegerField, Value
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from website.pagination import heads

from . import archive, signal_handlers
from .models import ArticlePage, Feedback, newest_first

SIDEBAR_STORIES = 6


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


hooks.register("defer_during_import", signal_handlers.counts_deferred)


@hooks.register("before_delete_page")
def archive_instead_of_deleting(request, page):
    """Only administrators delete pages for good; anyone else who may delete a page archives
    it (news.archive), and the board can bring it back."""
    if request.user.is_superuser:
        return None
    parent_id = page.get_parent().pk
    if archive.is_archived(page):
        messages.error(request, gettext("Archived pages can only be deleted by an administrator."))
        return redirect("wagtailadmin_explore", parent_id)
    if request.method != "POST":
        return TemplateResponse(
            request,
            "news/confirm_archive.html",
            {"page": page, "descendant_count": page.get_descendant_count()},
        )
    archive.archive_page(page, request.user)
    messages.success(
        request,
        gettext("“%(title)s” was moved to the archive (Lưu trữ).")
        % {"title": page.get_admin_display_title()},
    )
    return redirect("wagtailadmin_explore", parent_id)


@hooks.register("before_bulk_action")
def archive_instead_of_bulk_deleting(request, action_type, objects, action_view):
    """The same for several pages deleted at once from a listing."""
    if action_type != "delete" or request.user.is_superuser:
        return None
    pages = [page for page in objects if isinstance(page, Page)]
    if not pages:
        return None
    if any(archive.is_archived(page) for page in pages):
        messages.error(request, gettext("Archived pages can only be deleted by an administrator."))
        return redirect(action_view.next_url)
    for page in pages:
        archive.archive_page(page, request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d page was moved to the archive (Lưu trữ).",
            "%(count)d pages were moved to the archive (Lưu trữ).",
            len(pages),
        )
        % {"count": len(pages)},
    )
    return redirect(action_view.next_url)


@hooks.register("register_log_actions")
def register_archive_action(actions):
    actions.register_action(archive.ARCHIVE_ACTION, _("Archive"), _("Archived instead of deleted"))


@hooks.register("reader_sidebar_boxes")
def story_boxes(request):
    """The sidebar's newest and most viewed stories (website_tags.sidebar caches them): their
    ids from the story and view count tables alone (one query, each list a short walk of its
    own index), then their titles and addresses from the page table, so neither images nor
    bodies are read. Joining the page table into the first query tripled its planning (1.2 ms
    of a cold page's 4–6 at 100,000 stories: costing a merge join reads both indexes' ends)."""
    stories = ArticlePage.objects.live().public()
    no_views = Value(None, output_field=PositiveBigIntegerField())
    latest, most_viewed = heads(
        [
            (stories.newest().annotate(views=no_views), SIDEBAR_STORIES),
            (stories.most_viewed().annotate(views=F("view_stats__views")), SIDEBAR_STORIES),
        ],
        "published_at",
        "pk",
        "views",
    )
    most_viewed.sort(key=lambda row: (row[2], row[1]), reverse=True)
    latest = newest_first(latest)
    found = {
        row[0]: ArticlePage.from_db(None, ["id", "title", "url_path"], row)
        for row in Page.objects.filter(pk__in=[row[1] for row in latest + most_viewed]).values_list(
            "pk", "title", "url_path"
        )
    }  # enough of a story for its title and `{% pageurl %}`
    return render_to_string(
        "news/includes/sidebar_stories.html",
        {
            # A story deleted between the two queries is left out.
            "latest_stories": [found[row[1]] for row in latest if row[1] in found],
            "most_viewed": [found[row[1]] for row in most_viewed if row[1] in found],
        },
        request=request,
    )

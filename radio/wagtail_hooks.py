from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from django_filters import DateFromToRangeFilter
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from news.models import SectionPage

from . import intake, signal_handlers
from .feeds import SlotPodcastFeed
from .models import Contribution, Programme, Slot, Submission
from .report_views import (
    CountsReportView,
    WorkReportCsvView,
    WorkReportDocxView,
    WorkReportView,
)

# An import marks its batch's submissions published once, at the end of the batch.
hooks.register("defer_during_import", signal_handlers.published_deferred)


class SubmissionFilterSet(WagtailFilterSet):
    received_at = DateFromToRangeFilter(label=_("received at"), widget=DateRangePickerWidget)

    class Meta:
        model = Submission
        fields = ["status", "unit", "commune", "received_at"]


class AcceptForm(forms.Form):
    section = forms.ModelChoiceField(label=_("Section"), queryset=SectionPage.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Live sections only: archived ones (news.archive) are unpublished.
        allowed = [
            s.pk
            for s in SectionPage.objects.live()
            if s.permissions_for_user(user).can_add_subpage()
        ]
        self.fields["section"].queryset = SectionPage.objects.filter(pk__in=allowed)


class AcceptView(WagtailAdminTemplateMixin, FormView):
    """ "Tạo tin bài": the submission becomes a draft story submitted for approval."""

    template_name = "radio/accept.html"
    form_class = AcceptForm
    page_title = _("Make a story")
    header_icon = "doc-full-inverse"

    def dispatch(self, request, pk):
        if not request.user.has_perm("radio.change_submission"):
            raise PermissionDenied
        self.submission = get_object_or_404(Submission, pk=pk)
        if self.submission.story_id is not None:
            messages.warning(request, gettext("This submission is already a story."))
            return redirect("wagtailadmin_pages:edit", self.submission.story_id)
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return self.submission.title

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(submission=self.submission, **kwargs)

    def form_valid(self, form):
        story = intake.accept(self.submission, form.cleaned_data["section"], self.request.user)
        messages.success(
            self.request,
            gettext("“%(title)s” is now a draft story, submitted for approval.")
            % {"title": story.title},
        )
        return redirect("wagtailadmin_pages:edit", story.pk)


class SubmissionIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.story_id is None and self.request.user.has_perm("radio.change_submission"):
            buttons.insert(
                0,
                ListingButton(
                    _("Make a story"),
                    url=reverse("radio_submission:accept", args=[instance.pk]),
                    icon_name="doc-full-inverse",
                    priority=5,
                ),
            )
        return buttons


class SubmissionViewSet(SnippetViewSet):
    model = Submission
    icon = "mail"
    menu_label = _("Submitted stories")
    url_namespace = "radio_submission"
    index_view_class = SubmissionIndexView
    list_display = ["code", "title", "author", "unit", "commune", "received_at", "status"]
    list_export = ["code", "title", "author", "unit", "commune", "contact", "received_at", "status"]
    filterset_class = SubmissionFilterSet
    search_fields = ["title", "author", "unit", "code"]
    ordering = ["-received_at"]
    inspect_view_enabled = True

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("accept/<int:pk>/", AcceptView.as_view(), name="accept")
        ]


class TimingPanel(Panel):
    """The rundown's total against the slot's length, and the way to the announcer's script."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "radio/includes/timing_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            programme = self.instance
            if programme.pk:
                context["programme"] = programme
                context["timing"] = timing(programme)
                context["script_url"] = reverse("radio_programme:script", args=[programme.pk])
                context["feed_url"] = SlotPodcastFeed.url("rss", programme.slot)
            return context


def timing(programme):
    """Seconds of the rundown, of the slot, and over (+) or under (−)."""
    items = list(programme.items.select_related("story"))
    total = sum(item.estimated_seconds() for item in items)
    length = programme.slot.length_seconds
    return {"items": items, "total": total, "length": length, "balance": total - length}


def script_view(request, pk):
    """The announcer's script: large type, one item after a clear break, each with its
    estimated duration; printable from the browser."""
    if not request.user.has_perm("radio.view_programme") and not request.user.has_perm(
        "radio.change_programme"
    ):
        raise PermissionDenied
    programme = get_object_or_404(Programme.objects.select_related("slot"), pk=pk)
    return TemplateResponse(
        request, "radio/script.html", {"programme": programme, "timing": timing(programme)}
    )


class ProgrammeFilterSet(WagtailFilterSet):
    date = DateFromToRangeFilter(label=_("date"), widget=DateRangePickerWidget)

    class Meta:
        model = Programme
        fields = ["slot", "aired", "date"]


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "media"
    menu_label = _("Programmes")
    url_namespace = "radio_programme"
    list_display = ["__str__", "slot", "date", "aired"]
    filterset_class = ProgrammeFilterSet
    ordering = ["-date"]

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("script/<int:pk>/", script_view, name="script")]

    panels = [TimingPanel(heading=_("Timing")), *Programme.panels]


def podcast_url(slot):
    return SlotPodcastFeed.url("rss", slot)


class SlotViewSet(SnippetViewSet):
    model = Slot
    icon = "time"
    menu_label = _("Programme slots")
    list_display = [
        "name",
        "channel",
        "length_minutes",
        "recurrence",
        "days_display",
        Column("podcast", label=_("Podcast feed"), accessor=podcast_url),
    ]


class ContributionFilterSet(WagtailFilterSet):
    sent_on = DateFromToRangeFilter(label=_("sent on"), widget=DateRangePickerWidget)

    class Meta:
        model = Contribution
        fields = ["channel", "used", "sent_on"]


class ContributionViewSet(SnippetViewSet):
    model = Contribution
    icon = "upload"
    menu_label = _("Contributions to the province")
    list_display = ["__str__", "channel", "sent_on", "used"]
    filterset_class = ContributionFilterSet
    ordering = ["-sent_on"]


class RadioGroup(SnippetViewSetGroup):
    menu_label = _("Radio station")
    menu_icon = "media"
    menu_order = 260
    items = (SubmissionViewSet, ProgrammeViewSet, SlotViewSet, ContributionViewSet)


register_snippet(RadioGroup)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/radio-counts/", CountsReportView.as_view(), name="radio_counts_report"),
        path("reports/radio-work/", WorkReportView.as_view(), name="radio_work_report"),
        path("reports/radio-work/csv/", WorkReportCsvView.as_view(), name="radio_work_report_csv"),
        path(
            "reports/radio-work/docx/",
            WorkReportDocxView.as_view(),
            name="radio_work_report_docx",
        ),
    ]


class RadioReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("radio.view_submission")


@hooks.register("register_reports_menu_item")
def register_counts_menu_item():
    return RadioReportMenuItem(
        _("Stories received per unit and commune"),
        reverse("radio_counts_report"),
        name="radio-counts",
        icon_name="table",
        order=1400,
    )


@hooks.register("register_reports_menu_item")
def register_work_report_menu_item():
    return RadioReportMenuItem(
        _("Work report of the radio station"),
        reverse("radio_work_report"),
        name="radio-work-report",
        icon_name="doc-full",
        order=1410,
    )

from collections import defaultdict

from django.db.models import Count, Min
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import Citation


class MissingDocumentsReport(ReportView):
    """Văn bản được trích dẫn nhưng chưa có: keys that live pages cite and no live document has,
    with the pages citing each, so the office knows what to add."""

    page_title = _("Documents cited but missing")
    header_icon = "doc-full"
    results_template_name = "documents/missing_documents_results.html"
    index_url_name = "documents_missing"
    index_results_url_name = "documents_missing_results"
    any_permission_required = ["add", "change", "publish"]

    @cached_property
    def permission_policy(self):
        return PagePermissionPolicy()

    def get_queryset(self):
        return (
            Citation.objects.filter(document__isnull=True, page__live=True)
            .values("key")
            .annotate(label=Min("label"), page_count=Count("page", distinct=True))
            .order_by("-page_count", "key")
        )

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        pages = defaultdict(list)
        citations = (
            Citation.objects.filter(
                key__in=[row["key"] for row in rows], document__isnull=True, page__live=True
            )
            .select_related("page")
            .order_by("-page__first_published_at")
        )
        for citation in citations:
            pages[citation.key].append(citation.page)
        for row in rows:
            row["pages"] = pages[row["key"]]
        return rows

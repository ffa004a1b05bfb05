"""How exemplar profiles appear in the site search."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search.registry import ContentAdapter, Document
from website.text import stream_text

from .models import ExemplarPage


class ExemplarAdapter(ContentAdapter):
    kind = "exemplar"
    label = _("Exemplar")

    model = ExemplarPage

    def get_queryset(self):
        return (
            self.model.objects.live()
            .public()
            .select_related("commune")
            .prefetch_related("commendations")
        )

    def get_document(self, page):
        commendations = list(page.commendations.all())
        reasons = [f"{c.get_award_type_display()} {c.issuer} {c.reason}" for c in commendations]
        return Document(
            title=page.title,
            lead=page.plain_summary,
            body="\n".join([page.unit, page.field, stream_text(page.body), *reasons]),
            url=page.get_url() or "",
            date=self.latest_award_date(commendations) or page.first_published_at,
            section=page.get_kind_display(),
            commune=page.commune.name if page.commune else "",
        )

    @staticmethod
    def latest_award_date(commendations):
        """When the exemplar was last commended: the year readers look for."""
        if not commendations:
            return None
        latest = max(commendations, key=lambda c: (c.year, c.decision_date or datetime.date.min))
        day = latest.decision_date
        if day is None or day.year != latest.year:
            day = datetime.date(latest.year, 1, 1)
        return timezone.make_aware(datetime.datetime(day.year, day.month, day.day))

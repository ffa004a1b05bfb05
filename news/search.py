"""How stories appear in the site search."""

from django.utils.translation import gettext_lazy as _

from search.models import SearchDocument
from search.registry import ContentAdapter, Document
from website.text import stream_text

from .models import ArticlePage, SectionPage


class StoryAdapter(ContentAdapter):
    kind = "story"
    label = _("Story")
    model = ArticlePage

    def get_queryset(self):
        return self.model.objects.live().public().for_listing().with_section_title()

    def outdated_by(self, page):
        """A renamed section's stories: their documents still carry the old name."""
        if not isinstance(page, SectionPage):
            return self.model.objects.none()  # only a section is a story's section: no query
        stale = SearchDocument.objects.filter(kind=self.kind).exclude(section=page.title)
        return self.model.objects.filter(section_id=page.pk, pk__in=stale.values("object_id"))

    def get_document(self, story):
        section = getattr(story, "section_title", None) or story.get_parent().title
        return Document(
            title=story.title,
            lead=story.lead,
            body=stream_text(story.body),
            url=story.get_url() or "",
            date=story.display_date,
            section=section,
        )

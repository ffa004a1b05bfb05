"""The feed of documents newly added to the library."""

from django.utils.translation import gettext_lazy as _

from website import feeds

from .models import DocumentPage


@feeds.register
class DocumentFeed(feeds.Feed):
    name = "documents"
    order = 50
    title = _("Official documents")
    description = _("Directives, resolutions, regulations and plans newly added to the library.")

    def get_queryset(self):
        return (
            DocumentPage.objects.live()
            .public()
            .descendant_of(self.site.root_page)
            .defer("file_text")
            .order_by("-first_published_at", "-pk")
        )

    def item_summary(self, page):
        return page.summary

    def fill_entry(self, entry, page):
        super().fill_entry(entry, page)
        entry.category(term=page.get_kind_display())

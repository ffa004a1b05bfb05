"""How documents appear in the site search: title, number and symbol, issuer, summary and the
text of their PDFs; a query that is a document's number finds that document first."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search.registry import ContentAdapter, Document
from website.text import words

from . import references
from .filters import number_lookup
from .models import DocumentPage, numbered


class DocumentAdapter(ContentAdapter):
    kind = "document"
    label = _("Official document")
    model = DocumentPage

    def get_queryset(self):
        return self.model.objects.live().public()

    def get_document(self, page):
        day = page.date_issued
        date = (
            timezone.make_aware(datetime.datetime(day.year, day.month, day.day))
            if day
            else page.first_published_at
        )
        return Document(
            title=page.title,
            lead=page.summary or numbered(page.kind, page.number),
            # The number as written, so that a story's spelling of it finds the document too.
            body="\n".join([numbered(page.kind, page.number), page.issuer, page.file_text]),
            url=page.get_url() or "",
            date=date,
            section=page.get_kind_display(),
        )

    def named_by(self, text):
        """The documents a query that is a number ("05/CT-TW", "chi thi 05", "CT05") means,
        and the words of their numbers as written, as a phrase: what their numbers share."""
        reference = references.parse_query(text)
        if reference is None:
            return None
        found = list(
            self.get_queryset().filter(number_lookup(reference)).values_list("pk", "number")
        )
        if not found:
            return None
        shared = words(found[0][1])
        for _pk, number in found[1:]:
            shared = [word for word in shared if word in words(number)]
        written = f'"{" ".join(shared)}"' if shared else text
        return [pk for pk, _number in found], written

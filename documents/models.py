from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.models import Orderable, Page
from wagtail.search import index

from website.pagination import paginate
from website.privacy import CachedPrivacyMixin, ReaderPageManager, ReaderPageQuerySet

from . import references
from .choices import DocumentKind, DocumentLevel
from .forms import DocumentPageForm


def numbered(kind, number):
    """A document of `kind` (a DocumentKind value) named by its number: “Chỉ thị số 05-CT/TW”."""
    return gettext("%(kind)s no. %(number)s") % {"kind": DocumentKind(kind).label, "number": number}


class DocumentIndexPage(CachedPrivacyMixin, Page):
    """Văn bản: the office's library of directives, resolutions, plans and the like."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=1000)

    objects = ReaderPageManager()

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    per_page = 30

    def get_documents(self):
        return (
            DocumentPage.objects.live()
            .public()
            .child_of(self)
            .defer("file_text")
            .order_by(models.F("date_issued").desc(nulls_last=True), "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from .filters import DocumentFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = DocumentFilterForm(request.GET, index=self)
        context["filter_form"] = form
        context["documents"] = paginate(
            request,
            lambda: form.filter(self.get_documents()),
            self.per_page,
            counted_as=f"documents:{self.pk}:{form.key}",
        )
        return context

    parent_page_types = ["website.HomePage"]
    subpage_types = ["documents.DocumentPage"]

    class Meta:
        verbose_name = _("document library")
        verbose_name_plural = _("document libraries")


class DocumentPage(CachedPrivacyMixin, Page):
    """One directive, resolution, plan… with its files and the pages that cite it."""

    kind = models.CharField(
        _("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.DIRECTIVE
    )
    number = models.CharField(
        _("number and symbol"),
        max_length=60,
        help_text=_("As written on the document, e.g. 05-CT/TW, 74-KH/HU, 123/QĐ-UBND."),
    )
    # The number as every spelling of it is looked up (documents.references): "ct-5-tw".
    key = models.CharField(_("reference key"), max_length=80, editable=False, db_index=True)
    issuer = models.CharField(
        _("issuing body"),
        max_length=255,
        blank=True,
        help_text=_("e.g. Bộ Chính trị, Ban Thường vụ Huyện ủy, UBND huyện Kiên Lương."),
    )
    level = models.CharField(
        _("level"), max_length=20, choices=DocumentLevel.choices, default=DocumentLevel.CENTRAL
    )
    date_issued = models.DateField(_("date issued"), null=True, blank=True)
    date_effective = models.DateField(_("date effective"), null=True, blank=True)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("What the document is about (trích yếu).")
    )
    # Read from the attached PDFs when the editor saves (forms.DocumentPageForm), for search.
    file_text = models.TextField(_("text of the files"), blank=True, editable=False)

    objects = ReaderPageManager()
    base_form_class = DocumentPageForm

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("number")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("issuer"), FieldPanel("level")]),
                FieldRowPanel([FieldPanel("date_issued"), FieldPanel("date_effective")]),
            ],
            heading=_("Issued by"),
        ),
        FieldPanel("summary"),
        InlinePanel("files", label=_("Files")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("number"),
        index.SearchField("key"),
        index.SearchField("issuer"),
        index.SearchField("summary"),
        index.SearchField("file_text"),
        index.FilterField("kind"),
        index.FilterField("level"),
        index.FilterField("date_issued"),
    ]

    def reference(self):
        return references.parse_number(self.number, DocumentKind(self.kind).word)

    def clean(self):
        super().clean()
        reference = self.reference()
        if reference is None or not reference.issuer:
            raise ValidationError(
                {"number": _("Write the number with its symbol, e.g. 05-CT/TW or 123/QĐ-UBND.")}
            )
        same = DocumentPage.objects.filter(key=reference.key).exclude(pk=self.pk).first()
        if same is not None:
            # Every reference in a story must lead to one document.
            raise ValidationError(
                {
                    "number": _("“%(title)s” already has this number and symbol.")
                    % {"title": same.title}
                }
            )
        self.key = reference.key

    def save(self, *args, **kwargs):
        reference = self.reference()
        self.key = reference.key if reference else ""
        super().save(*args, **kwargs)

    def citing_pages(self):
        """Live, public pages whose text cites this document, newest first."""
        return (
            ReaderPageQuerySet(Page)
            .live()
            .public()
            .filter(document_citations__document=self)
            .distinct()
            .order_by("-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only if the template's cached fragment of the document is missing.
        context["files"] = self.files.select_related("document")
        context["citing_pages"] = self.citing_pages()
        return context

    parent_page_types = ["documents.DocumentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("official document")
        verbose_name_plural = _("official documents")


class DocumentFile(Orderable):
    page = ParentalKey(DocumentPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        get_document_model_string(), verbose_name=_("file"), on_delete=models.CASCADE
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")


class Citation(models.Model):
    """A page's text cites a document by `key`; `document` is the live document with that key,
    or null while the library lacks it (the editors' report of missing documents)."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="document_citations")
    key = models.CharField(max_length=80, db_index=True)
    # The first spelling in the page, for the report: "Chỉ thị số 05-CT/TW".
    label = models.CharField(max_length=120)
    document = models.ForeignKey(
        DocumentPage, null=True, blank=True, on_delete=models.SET_NULL, related_name="citations"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "key"], name="one_citation_per_key")]

    def __str__(self):
        return f"{self.page_id} → {self.key}"

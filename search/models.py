from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One searchable object as both engines see it.

    The database engine searches these rows; Elasticsearch is fed from them. Each text is kept
    three ways: as written (shown and highlighted), as padded lower-case words (" học tập ",
    so a word or phrase matches whole) and folded the same way (" hoc tap ").
    """

    kind = models.CharField(_("type"), max_length=20)
    object_id = models.PositiveBigIntegerField()
    url = models.CharField(max_length=500)
    title = models.TextField(_("title"))
    lead = models.TextField(blank=True)
    body = models.TextField(blank=True)
    title_words = models.TextField(blank=True)
    lead_words = models.TextField(blank=True)
    body_words = models.TextField(blank=True)
    title_folded = models.TextField(blank=True)
    lead_folded = models.TextField(blank=True)
    body_folded = models.TextField(blank=True)
    section = models.CharField(_("section"), max_length=255, blank=True)
    commune = models.CharField(_("commune"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    date = models.DateTimeField(_("date"), null=True, blank=True, db_index=True)
    # Elasticsearch's copy lags behind until the background task pushes the change; a removed
    # object stays here, hidden, until Elasticsearch has dropped it too.
    pending = models.BooleanField(default=False, db_index=True)
    removed = models.BooleanField(default=False)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("search document")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}: {self.title}"

    @property
    def es_id(self):
        return f"{self.kind}-{self.object_id}"


class SearchTerm(models.Model):
    """Every folded word seen in the indexed text: the vocabulary that typo tolerance and
    "did you mean" look words up in."""

    term = models.CharField(max_length=100, unique=True)
    length = models.PositiveSmallIntegerField(db_index=True)

    def __str__(self):
        return self.term


class SearchEntry(models.Model):
    """PostgreSQL's narrow copy of each live SearchDocument, written by triggers (migration
    0003, leads since 0005): what counting, facets and ranking read, and `keys`, every word of
    each copy behind its field and copy (`bf:hoc`, `lw:học`) and, since 0006, every folded
    word anywhere (`af:hoc`), under a GIN index. SQLite has no such table: the database
    engine reads SearchDocument there."""

    id = models.BigIntegerField(primary_key=True)
    kind = models.CharField(max_length=20)
    section = models.CharField(max_length=255)
    year = models.PositiveSmallIntegerField(null=True)
    commune = models.CharField(max_length=255)
    date = models.DateTimeField(null=True)
    title_words = models.TextField()
    title_folded = models.TextField()
    lead_words = models.TextField()
    lead_folded = models.TextField()
    keys = ArrayField(models.TextField())

    class Meta:
        managed = False
        db_table = "search_entry"

    def __str__(self):
        return f"{self.kind}: {self.title_words.strip()}"

"""`import_documents`: an office's existing list of documents, a CSV file with the documents'
files beside it (docs/documents.md)."""

from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.utils.file import hash_filelike

from website.importing import (
    CsvImporter,
    RowInvalid,
    optional_text,
    parse_choice,
    parse_date,
    required_text,
)
from website.pages import find_index

from . import files
from .choices import DocumentKind, DocumentLevel
from .models import DocumentIndexPage, numbered
from .references import parse_number
from .services import upsert_document

COLUMNS = (
    "number",
    "kind",
    "title",
    "issuer",
    "level",
    "date_issued",
    "date_effective",
    "summary",
    "files",
)
# Several files of one document are separated by this in the `files` column.
FILE_SEPARATOR = ";"


class DocumentImporter(CsvImporter):
    columns = COLUMNS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.folder = Path(self.path).resolve().parent
        self.numbers = {}  # key -> the number as first written in the file

    def validate(self, raw):
        kind = parse_choice(raw["kind"], "kind", DocumentKind)
        number = required_text(raw, "number", max_length=60)
        reference = parse_number(number, DocumentKind(kind).word)
        if reference is None or not reference.issuer:
            raise RowInvalid(
                _("“number” must be a number with its symbol, such as 05-CT/TW: %(value)s")
                % {"value": number}
            )
        if reference.key in self.numbers:
            raise RowInvalid(
                _("the number %(number)s is already on an earlier line (as %(first)s)")
                % {"number": number, "first": self.numbers[reference.key]}
            )
        self.numbers[reference.key] = number
        date_issued = parse_date(raw["date_issued"], "date_issued")
        date_effective = parse_date(raw["date_effective"], "date_effective")
        if date_issued and date_effective and date_effective < date_issued:
            raise RowInvalid(_("date_effective is before date_issued"))
        return {
            "key": reference.key,
            "paths": [self.file_path(name) for name in self.file_names(raw)],
            "fields": {
                "kind": kind,
                "number": number,
                "title": optional_text(raw, "title", max_length=255) or numbered(kind, number),
                "issuer": optional_text(raw, "issuer", max_length=255),
                "level": parse_choice(raw["level"], "level", DocumentLevel),
                "date_issued": date_issued,
                "date_effective": date_effective,
                "summary": optional_text(raw, "summary"),
            },
        }

    @staticmethod
    def file_names(raw):
        names = optional_text(raw, "files").split(FILE_SEPARATOR)
        return [name.strip() for name in names if name.strip()]

    def file_path(self, name):
        """The file `name` beside the CSV file, checked as the admin checks an upload (a PDF's
        text must be readable), or RowInvalid."""
        path = (self.folder / name).resolve()
        if not path.is_relative_to(self.folder):
            raise RowInvalid(
                _("the file %(name)s is not in the folder of the CSV file") % {"name": name}
            )
        if not path.is_file():
            raise RowInvalid(_("the file %(name)s is not beside the CSV file") % {"name": name})
        extension = path.suffix.lower().lstrip(".")
        if extension not in settings.WAGTAILDOCS_EXTENSIONS:
            raise RowInvalid(
                _("the file %(name)s is not of a kind the library keeps (%(extensions)s)")
                % {"name": name, "extensions": ", ".join(settings.WAGTAILDOCS_EXTENSIONS)}
            )
        if path.stat().st_size > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE:
            raise RowInvalid(
                _("the file %(name)s is larger than %(size)s MB")
                % {"name": name, "size": settings.WAGTAILDOCS_MAX_UPLOAD_SIZE // 2**20}
            )
        if extension == "pdf":
            with path.open("rb") as handle:
                try:
                    files.read_pdf(handle, name)
                except files.UnreadableFile as error:
                    raise RowInvalid(str(error)) from error
        return path

    def check(self, rows):
        if find_index(DocumentIndexPage) is None:
            raise RowInvalid(_("there is no document library to import into: create one first"))

    def apply(self, rows, report):
        index = find_index(DocumentIndexPage)
        for _line, row in rows:
            # A dry run is rolled back, but files put in storage would stay there.
            attachments = [] if self.dry_run else [stored(path) for path in row["paths"]]
            _page, created = upsert_document(
                index, row["key"], attachments=attachments, **row["fields"]
            )
            if created:
                report.created += 1
            else:
                report.updated += 1


def stored(path):
    """The library's copy of the file at `path`: the one already uploaded with the same
    content, or a new one titled after the file's name."""
    Document = get_document_model()
    with path.open("rb") as handle:
        found = Document.objects.filter(file_hash=hash_filelike(handle)).first()
        if found is not None:
            return found
        handle.seek(0)
        document = Document(title=path.stem)
        document.file.save(path.name, File(handle), save=False)
    document.save()
    document.get_file_hash()
    return document

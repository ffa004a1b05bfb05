"""Writing documents outside the admin (the import and the demo), through page revisions as
an editor's work would be, with the text of their PDFs read as the admin's form reads it."""

from website.pages import upsert_page

from . import files
from .models import DocumentFile, DocumentPage


def upsert_document(index, key, *, attachments=(), **fields):
    """Create below `index`, or update, the document whose reference key is `key`, with
    `attachments` (Wagtail documents) as its files, and publish it. Returns (page, created)."""
    texts = [files.pdf_text(document) for document in attachments]
    return upsert_page(
        index,
        DocumentPage,
        {"key": key},
        files=[DocumentFile(document=document) for document in attachments],
        file_text="\n\n".join(text for text in texts if text),
        **fields,
    )

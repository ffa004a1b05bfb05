"""Documents for the tests: the library, its documents, and PDFs written by hand."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from documents.models import DocumentIndexPage, DocumentPage


def build_index(home):
    index = home.add_child(instance=DocumentIndexPage(title="Văn bản", slug="van-ban"))
    index.save_revision().publish()
    return index


def publish_document(index, number, title=None, kind="chi_thi", **fields):
    document = index.add_child(
        instance=DocumentPage(
            title=title or f"Văn bản số {number}",
            slug=number.lower().replace("/", "-").replace("đ", "d"),
            kind=kind,
            number=number,
            **fields,
        )
    )
    document.save_revision().publish()
    document.refresh_from_db()
    return document


def paragraphs(*html):
    """A story body of rich-text paragraphs."""
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in html]


def pdf_bytes(text):
    """A valid one-page PDF showing `text` (ASCII) in Helvetica, written object by object."""
    content = b"BT /F1 12 Tf 72 770 Td (" + text.encode("ascii") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def upload(title, content, name="van-ban.pdf"):
    """A file in Wagtail's document library."""
    document = get_document_model()(title=title)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document

"""The text of the files attached to a document, for the site search."""

import logging

from django.utils.translation import gettext as _
from pypdf import PdfReader

from website.text import clean, fold

logger = logging.getLogger(__name__)

# A long plan is some 50 pages; what is beyond this is an annex no reader searches.
MAX_CHARACTERS = 500_000


class UnreadableFile(ValueError):
    """A file whose text cannot be read; the message is for the editor."""


def pdf_text(document):
    """The text of a Wagtail document that is a PDF ("" for other files)."""
    if document.file_extension.lower() != "pdf":
        return ""
    try:
        with document.open_file() as handle:
            return read_pdf(handle, document.title)
    except OSError as error:
        raise damaged(document.title) from error


def read_pdf(handle, title):
    """The text of the PDF open in `handle`; UnreadableFile, naming `title`, if it has none to
    give."""
    try:
        reader = PdfReader(handle)
        if reader.is_encrypted:
            raise UnreadableFile(
                _("“%(title)s” is protected by a password: upload a copy without one.")
                % {"title": title}
            )
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except UnreadableFile:
        raise
    # pypdf raises many kinds of error on damaged files (its own, ValueError, KeyError…).
    except Exception as error:
        logger.info("Unreadable PDF %s: %r", title, error)
        raise damaged(title) from error
    return clean(text)[:MAX_CHARACTERS]


def damaged(title):
    return UnreadableFile(
        _(
            "“%(title)s” could not be read as a PDF: the file is damaged or is not a PDF. "
            "Upload the original file again."
        )
        % {"title": title}
    )


def text_pdf(lines):
    """A one-page PDF showing `lines` in Helvetica, for placeholders (the demo's documents).
    The PDF core fonts lack most Vietnamese letters: the text is folded to ASCII, which the
    search folds the same way."""
    shown = []
    for line in lines:
        text = fold(line).encode("ascii", "replace")
        shown.append(
            b"("
            + text.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            + b") Tj T*"
        )
    content = b"BT /F1 12 Tf 16 TL 56 780 Td " + b" ".join(shown) + b" ET"
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

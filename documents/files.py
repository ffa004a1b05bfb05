"""The text of the files attached to a document, for the site search."""

import logging

from django.utils.translation import gettext as _
from pypdf import PdfReader

from website.text import clean

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
            reader = PdfReader(handle)
            if reader.is_encrypted:
                raise UnreadableFile(
                    _("“%(title)s” is protected by a password: upload a copy without one.")
                    % {"title": document.title}
                )
            text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except UnreadableFile:
        raise
    # pypdf raises many kinds of error on damaged files (its own, ValueError, KeyError…).
    except Exception as error:
        logger.info("Unreadable PDF %s: %r", document.pk, error)
        raise UnreadableFile(
            _(
                "“%(title)s” could not be read as a PDF: the file is damaged or is not a PDF. "
                "Upload the original file again."
            )
            % {"title": document.title}
        ) from error
    return clean(text)[:MAX_CHARACTERS]

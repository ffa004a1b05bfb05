"""Text, written once for every app: Vietnamese folding and match keys, cleaning what people
paste, and rich text or StreamField content as plain or spoken text.

None of our search engines folds Vietnamese for us (SQLite's unicode61 keeps stacked marks and
never folds đ, PostgreSQL needs unaccent, the core Elasticsearch has no asciifolding), so text
and queries are folded here, the same way for all of them, for slugs and for matching what
editors type in import files.
"""

import math
import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import urljoin

import lxml.html

_STROKES = str.maketrans({"đ": "d", "Đ": "D"})
# Letters and digits; the underscore is punctuation to a reader.
_WORD = re.compile(r"[^\W_]+")
# Characters XML 1.0 cannot hold and no database stores well; pasted from word processors now
# and then. Tabs and line breaks stay.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Words (Vietnamese syllables, "tiếng") a radio news reader says in a minute.
READING_RATE = 200


def fold(text):
    """Text without diacritics: NFC first, every Vietnamese letter to its base, đ to d.

    Case is kept; callers lower-case when they need to.
    """
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text or ""))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare.translate(_STROKES))


def words(text):
    """The lower-case words of `text`, accents kept (NFC), split as the engines split them."""
    return _WORD.findall(unicodedata.normalize("NFC", text or "").lower())


def word_spans(text):
    """(start, end, folded word) for each word of `text`, with offsets into `text` itself.

    Folding letter by letter keeps every offset, so matches found on the folded form can be
    marked in the accented text.
    """
    text = unicodedata.normalize("NFC", text or "")
    folded = text.translate(_FOLDED_CHARS)
    return [(*m.span(), m.group()) for m in _WORD.finditer(folded)]


class _FoldedChars(dict):
    """Each character (by code point) folded and lower-cased, or a space when that takes more
    than one character: a table for `str.translate`, filled as characters are met.
    Highlighting folds every character of ten bodies per results page."""

    def __missing__(self, code):
        folded = fold(chr(code).lower())
        self[code] = folded if len(folded) == 1 else " "
        return self[code]


_FOLDED_CHARS = _FoldedChars()


def match_key(text):
    """A spelling reduced to what tells names apart: no marks, no case, no punctuation, one
    space between words ("Xã Hòa Điền", "xa hoa-dien" and "XA_HOA DIEN" are one key)."""
    folded = fold(nfc(text)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in folded).split())


def nfc(value):
    """Text stored as typed but in composed Unicode, without stray outer whitespace."""
    return unicodedata.normalize("NFC", "" if value is None else str(value)).strip()


def clean(text):
    """Text as written, in NFC, without the control characters XML and databases refuse."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", str(text or "")))


class _TextExtractor(HTMLParser):
    """Rich text to paragraphs of plain text: one per <p>, list item or heading."""

    BREAKS = {"p", "div", "li", "ul", "ol", "br", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs = []
        self._parts = []

    def handle_starttag(self, tag, attrs):
        if tag in self.BREAKS:
            self.end_paragraph()

    def handle_endtag(self, tag):
        if tag in self.BREAKS:
            self.end_paragraph()

    def handle_data(self, data):
        self._parts.append(data)

    def end_paragraph(self):
        text = " ".join("".join(self._parts).split())
        if text:
            self.paragraphs.append(text)
        self._parts = []


def html_paragraphs(html):
    """The paragraphs of an HTML fragment as plain text."""
    parser = _TextExtractor()
    parser.feed(html or "")
    parser.close()
    parser.end_paragraph()
    return parser.paragraphs


def stream_text(value):
    """The plain text of a StreamField value, as Wagtail's own search extracts it."""
    return "\n".join(value.stream_block.get_searchable_content(value))


def first_paragraph(value):
    """The first paragraph block of a StreamField value, as plain text ("" if none)."""
    for block in value:
        if block.block_type == "paragraph":
            return " ".join(html_paragraphs(block.value.source))
    return ""


def spoken_paragraphs(value, lead=""):
    """What an announcer reads of a StreamField value (after its lead): paragraphs, headings
    and quotes, without pictures, captions, credits, players or links to files."""
    paragraphs = [lead]
    for block in value:
        if block.block_type == "paragraph":
            paragraphs += html_paragraphs(block.value.source)
        elif block.block_type == "heading":
            paragraphs.append(block.value["text"])
        elif block.block_type == "quote":
            quote = " ".join(block.value["text"].split())
            attribution = block.value["attribution"]
            paragraphs.append(f"{quote} — {attribution}" if attribution else quote)
    return [clean(" ".join(p.split())) for p in paragraphs if p and p.strip()]


def reading_seconds(title, paragraphs):
    """Seconds an announcer takes to read the title and the paragraphs aloud (a programme's
    rundown adds them up)."""
    count = len(title.split()) + sum(len(p.split()) for p in paragraphs)
    return math.ceil(count * 60 / READING_RATE)


def reading_minutes(title, paragraphs):
    """Whole minutes an announcer takes to read the title and the paragraphs aloud."""
    return max(1, math.ceil(reading_seconds(title, paragraphs) / 60))


def absolute_url(url, base):
    return urljoin(base, url)


def absolute_html(html, base):
    """`html` with every link and image address made absolute against `base`."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    root.make_links_absolute(base, resolve_base_href=False)
    # The parent <div> was only there to hold the fragment.
    return lxml.html.tostring(root, encoding="unicode")[len("<div>") : -len("</div>")]

"""Vietnamese folding, shared by every search engine and by slugs.

None of our engines folds Vietnamese for us (SQLite's unicode61 keeps stacked marks and never
folds đ, PostgreSQL needs unaccent, the core Elasticsearch has no asciifolding), so text and
queries are folded here, the same way for all of them.
"""

import functools
import re
import unicodedata

_STROKES = str.maketrans({"đ": "d", "Đ": "D"})
# Letters and digits; the underscore is punctuation to a reader.
_WORD = re.compile(r"[^\W_]+")


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
    folded = "".join(_fold_char(char) for char in text)
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded)]


# Highlighting folds every character of ten bodies per results page.
@functools.lru_cache(maxsize=4096)
def _fold_char(char):
    folded = fold(char.lower())
    return folded if len(folded) == 1 else " "

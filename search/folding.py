"""Vietnamese folding, shared by every search engine and by slugs.

None of our engines folds Vietnamese for us (SQLite's unicode61 keeps stacked marks and never
folds đ, PostgreSQL needs unaccent, the core Elasticsearch has no asciifolding), so text and
queries are folded here, the same way for all of them.
"""

import unicodedata

_STROKES = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text):
    """Text without diacritics: NFC first, every Vietnamese letter to its base, đ to d.

    Case is kept; callers lower-case when they need to.
    """
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text or ""))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", bare.translate(_STROKES))

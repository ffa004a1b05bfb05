"""Marking what matched in the accented text, for both engines.

Matches are found on the folded words (so "hoc tap" marks "Học tập") and cut from the text
as written; everything but the <mark> tags is escaped.
"""

import functools
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

from website.text import word_spans

from .spelling import distance

SNIPPET_LENGTH = 220
CONTEXT_BEFORE = 60


@functools.lru_cache(maxsize=8192)
def _one_typo_away(token, word):
    # Cached: a story repeats its words, and a page marks ten stories' texts.
    return distance(token, word, 1) <= 1


def match_spans(text, units):
    spans = word_spans(text)
    tokens = [token for _, _, token in spans]
    found = []
    for unit in units:
        folded, size, typo = unit.folded, len(unit.folded), unit.tolerates_typo
        for i in range(len(tokens) - size + 1):
            if unit.phrase:
                hit = tuple(tokens[i : i + size]) == folded
            else:
                hit = tokens[i] == folded[0] or (typo and _one_typo_away(tokens[i], folded[0]))
            if hit:
                found.append((spans[i][0], spans[i + size - 1][1]))
    merged = []
    for a, b in sorted(found):
        # Neighbouring matched words read better as one mark: "<mark>Học tập</mark>".
        if merged and (a <= merged[-1][1] or not text[merged[-1][1] : a].strip()):
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def render(text, spans, start=0, end=None):
    end = len(text) if end is None else end
    out, position = [], start
    for a, b in spans:
        if a < position or b > end:
            continue
        out.append(escape(text[position:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        position = b
    out.append(escape(text[position:end]))
    return "".join(out)


def highlight(text, units):
    """All of `text`, escaped, with every match marked."""
    text = unicodedata.normalize("NFC", text or "")
    return mark_safe(render(text, match_spans(text, units)))


def snippet(texts, units, length=SNIPPET_LENGTH):
    """A passage of the first of `texts` that matches, escaped, with its matches marked."""
    texts = [unicodedata.normalize("NFC", t or "") for t in texts if t]
    for text in texts:
        spans = match_spans(text, units)
        if spans:
            break
    else:
        text, spans = (texts[0] if texts else ""), []
    start = max(0, spans[0][0] - CONTEXT_BEFORE) if spans else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    html = render(text, spans, start, end)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + html + suffix)

"""What a reader typed, parsed once for every engine."""

import functools
import re
from dataclasses import dataclass, field

from website.text import clean, fold, words

from .registry import adapters

# The form allows 200 characters; anything longer was not typed by a reader.
MAX_QUERY_LENGTH = 200
# A whole title typed from memory: up to 20 words.
MAX_UNITS = 20
# Typos, for both engines. Words of TYPO_MIN_LENGTH letters or more (folded) still match with
# TYPO_EDITS letters wrong, inserted, missing or swapped; the first TYPO_PREFIX letters stay as
# typed (Elasticsearch's prefix_length), which also keeps the variants few.
TYPO_MIN_LENGTH = 5
TYPO_EDITS = 1
TYPO_PREFIX = 1
# "Did you mean": unknown words of CORRECTED_MIN_LENGTH letters or more are replaced by the
# closest known word one edit away, two from TWO_EDITS_MIN_LENGTH letters (shorter words have
# too many one-letter neighbours for two edits to mean anything).
CORRECTED_MIN_LENGTH = 3
TWO_EDITS_MIN_LENGTH = 6
# Filters a reader narrows by: request parameter -> field of the indexed document.
FACETS = {"type": "kind", "section": "section", "year": "year", "commune": "commune"}
SORTS = ("relevance", "newest")

_CHUNKS = re.compile(r'"([^"]*)"?|([^"\s]+)')


@dataclass(frozen=True)
class Unit:
    """A word, or a quoted phrase whose words must come in order."""

    words: tuple
    phrase: bool = False

    @functools.cached_property
    def folded(self):
        return tuple(fold(word) for word in self.words)

    @property
    def text(self):
        return " ".join(self.words)

    @property
    def folded_text(self):
        return " ".join(self.folded)

    @property
    def tolerates_typo(self):
        return not self.phrase and len(self.folded[0]) >= TYPO_MIN_LENGTH


@dataclass(frozen=True)
class SearchQuery:
    text: str
    units: tuple
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    # (kind, id) of the objects the query names as a whole: they rank first.
    named: tuple = ()

    @classmethod
    def from_params(cls, params, kinds=()):
        """Build from request parameters, dropping whatever a reader could not have meant."""
        text = clean(params.get("q", ""))[:MAX_QUERY_LENGTH]
        filters = {}
        for param, name in FACETS.items():
            value = clean(params.get(param, "")).strip()[:255]
            if not value:
                continue
            if name == "year":
                if not value.isdigit() or len(value) != 4:
                    continue
                value = int(value)
            elif name == "kind" and value not in kinds:
                continue
            filters[name] = value
        sort = params.get("sort") if params.get("sort") in SORTS else "relevance"
        units, named = parse(text), ()
        for adapter in adapters():
            found = adapter.named_by(text) if units else None
            if found:
                ids, written = found
                named += tuple((adapter.kind, pk) for pk in ids)
                units = parse(written)
        return cls(text=text, units=units, filters=filters, sort=sort, named=named)


def parse(text):
    units = []
    for match in _CHUNKS.finditer(text):
        quoted, bare = match.groups()
        if quoted is not None:
            found = words(quoted)
            if len(found) > 1:
                units.append(Unit(tuple(found), phrase=True))
            elif found:
                units.append(Unit(tuple(found)))
        else:
            units.extend(Unit((word,)) for word in words(bare))
    return tuple(dict.fromkeys(units))[:MAX_UNITS]

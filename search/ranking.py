"""How results are ranked: one description that both engines turn into their own queries.

Every score is a sum of constant points, not Elasticsearch's BM25, so the two engines rank
the same results in the same order:

- each word (or quoted phrase) of the query earns the points of its best match, the field's
  weight (title over lead over body) times how it matched (with the accents as typed over
  folded over a typo);
- every word found at all earns COVERAGE, more than all the other points together, so a
  story holding more of the query's words ranks first;
- each pair of neighbouring query words that stands in the title in order, at most PAIR_SLOP
  words apart, earns PAIR points (more with the accents as typed);
- an object the query names as a whole (a document whose number was typed, found by its
  adapter's `named_by`) earns NAMED, more than any other result can, so it comes first;
- recency only breaks ties (both engines sort by score, then date).

A query of up to ALL_REQUIRED words must match all of them; a longer one, typically a whole
title typed from memory, may miss one word in MAY_MISS (a slip in a short word), quoted
phrases never.
"""

from .query import MAX_UNITS

FIELDS = {"title": 3, "lead": 2, "body": 1}
# How a word matched, times the field's weight.
EXACT = 6
FOLDED = 2
TYPO = 1
# A pair of neighbouring query words in the title: (with the accents as typed, folded).
PAIR = {"exact": 6, "folded": 3}
PAIR_SLOP = 1
COVERAGE = MAX_UNITS * (EXACT * max(FIELDS.values()) + PAIR["exact"]) + 1
NAMED = COVERAGE * (MAX_UNITS + 1)
ALL_REQUIRED = 5
MAY_MISS = 5


def required(words):
    """How many of a query's `words` (unquoted) a result must hold."""
    if words <= ALL_REQUIRED:
        return words
    return words - words // MAY_MISS


def matches():
    """(points, field, how) for each way a word can match, best first."""
    found = [
        (weight * points, field, how)
        for field, weight in FIELDS.items()
        for how, points in (("exact", EXACT), ("folded", FOLDED), ("typo", TYPO))
    ]
    return sorted(found, key=lambda match: -match[0])


def pairs(units):
    """Neighbouring words of the query, in order, as (exact words, folded words)."""
    exact = [word for unit in units for word in unit.words]
    folded = [word for unit in units for word in unit.folded]
    return [
        ((exact[i], exact[i + 1]), (folded[i], folded[i + 1]))
        for i in range(min(len(exact) - 1, MAX_UNITS - 1))
    ]

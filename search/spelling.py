"""Close spellings from the vocabulary of indexed words: typo tolerance for the database
engine and the "did you mean" suggestion of both engines."""

from .models import SearchTerm
from .query import CORRECTED_MIN_LENGTH, TWO_EDITS_MIN_LENGTH


def distance(a, b, limit=2):
    """Edit distance with swaps of neighbouring letters (as Elasticsearch's fuzziness counts),
    or limit + 1 once it is known to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def near(word, max_distance, prefix=""):
    """Known words within `max_distance` edits of `word` (and starting with `prefix`), closest
    first."""
    lengths = range(len(word) - max_distance, len(word) + max_distance + 1)
    candidates = SearchTerm.objects.filter(length__in=lengths, term__startswith=prefix)
    candidates = candidates.values_list("term", flat=True)
    scored = ((distance(word, term, max_distance), term) for term in candidates)
    return [term for d, term in sorted(scored) if d <= max_distance]


def did_you_mean(units):
    """The query with each unknown word replaced by the closest known one, or None."""
    folded = {word for unit in units for word in unit.folded}
    known = set(SearchTerm.objects.filter(term__in=folded).values_list("term", flat=True))
    changed = False
    parts = []
    for unit in units:
        unit_words = []
        for word in unit.folded:
            if word not in known and len(word) >= CORRECTED_MIN_LENGTH:
                close = near(word, 2 if len(word) >= TWO_EDITS_MIN_LENGTH else 1)
                if close:
                    word, changed = close[0], True
            unit_words.append(word)
        text = " ".join(unit_words)
        parts.append(f'"{text}"' if unit.phrase else text)
    return " ".join(parts) if changed else None

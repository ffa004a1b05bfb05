"""The database engine: the embedded default (SQLite) and Elasticsearch's fallback.

It searches the padded word copies of SearchDocument with LIKE: a word or quoted phrase
matches whole on the folded copy, and an exact match on the accented copy scores more.
"""

from django.db.models import Case, Count, IntegerField, Q, Value, When

from .models import SearchDocument
from .query import FACETS
from .spelling import near

TEXT_FIELDS = {"title": 3, "lead": 2, "body": 1}
FACET_SIZE = 50


def _needle(tokens):
    return f" {' '.join(tokens)} "


class DatabaseEngine:
    name = "database"

    def __init__(self):
        self._forms = {}

    def unit_forms(self, unit):
        """(exact needle, [folded needles]) for one word or phrase."""
        if unit in self._forms:
            return self._forms[unit]
        folded = [_needle(unit.folded)]
        if unit.tolerates_typo:
            folded += [_needle([word]) for word in near(unit.folded[0], 1)]
        self._forms[unit] = _needle(unit.words), list(dict.fromkeys(folded))
        return self._forms[unit]

    def matching(self, units):
        rows = SearchDocument.objects.filter(removed=False)
        for unit in units:
            _, needles = self.unit_forms(unit)
            match = Q()
            for needle in needles:
                for name in TEXT_FIELDS:
                    match |= Q(**{f"{name}_folded__contains": needle})
            rows = rows.filter(match)
        return rows

    def score(self, units):
        parts = []
        for unit in units:
            exact, needles = self.unit_forms(unit)
            folded = needles[0]
            for name, weight in TEXT_FIELDS.items():
                parts.append(When(Q(**{f"{name}_words__contains": exact}), then=4 * weight))
                parts.append(When(Q(**{f"{name}_folded__contains": folded}), then=2 * weight))
        whens = [Case(when, default=Value(0), output_field=IntegerField()) for when in parts]
        total = Value(0, output_field=IntegerField())
        for case in whens:
            total = total + case
        return total

    def summary(self, query):
        rows = self.matching(query.units)
        total = rows.filter(**query.filters).count()
        facets = {}
        for name in FACETS.values():
            others = {key: value for key, value in query.filters.items() if key != name}
            counted = (
                rows.filter(**others)
                .exclude(**{name: ""} if name != "year" else {"year": None})
                .values_list(name)
                .annotate(n=Count("pk"))
                .order_by("-n", name)[:FACET_SIZE]
            )
            facets[name] = list(counted)
        return total, facets

    def hits(self, query, offset, limit):
        rows = self.matching(query.units).filter(**query.filters)
        if query.sort == "newest":
            rows = rows.order_by("-date", "-pk")
        else:
            rows = rows.annotate(score=self.score(query.units)).order_by("-score", "-date", "-pk")
        fields = ("kind", "title", "lead", "body", "url", "section", "date")
        return list(rows.values(*fields)[offset : offset + limit])

    def suggest(self, units, limit):
        # Every word typed, the last one perhaps unfinished.
        *complete, last = [word for unit in units for word in unit.folded]
        rows = SearchDocument.objects.filter(removed=False, title_folded__contains=" " + last)
        for word in complete:
            rows = rows.filter(title_folded__contains=_needle([word]))
        return list(rows.order_by("-date").values("title", "url")[:limit])

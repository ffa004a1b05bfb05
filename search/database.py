"""The database engine: the embedded default (SQLite) and Elasticsearch's fallback.

It searches the padded word copies of SearchDocument: a word or quoted phrase matches whole
on the folded copy, and an exact match on the accented copy scores more. SQLite reads every
row with LIKE. PostgreSQL looks words up in GIN indexes over each copy's array of words
(migration 0002), so a search reads only the rows that hold its words and never the long
texts themselves, except to check the order of a phrase's words.
"""

import contextlib
import functools
import operator

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.fields.array import ArrayContains, ArrayOverlap
from django.db import connection, transaction
from django.db.models import Case, Count, Func, IntegerField, Q, TextField, Value, When

from .models import SearchDocument
from .query import FACETS
from .spelling import near

TEXT_FIELDS = {"title": 3, "lead": 2, "body": 1}
FACET_SIZE = 50


def _needle(tokens):
    return f" {' '.join(tokens)} "


class Words(Func):
    """The words of padded copies as an array: the expression PostgreSQL's indexes hold."""

    function = "search_words"
    arg_joiner = " || "
    output_field = ArrayField(TextField())


class DatabaseEngine:
    name = "database"

    def __init__(self):
        self._forms = {}
        self.indexed = connection.vendor == "postgresql"

    def unit_forms(self, unit):
        """(exact words, [folded words, then its one-typo variants]) of a word or phrase."""
        if unit not in self._forms:
            folded = [unit.folded]
            if unit.tolerates_typo:
                folded += [(word,) for word in near(unit.folded[0], 1)]
            self._forms[unit] = unit.words, list(dict.fromkeys(folded))
        return self._forms[unit]

    def holds(self, columns, forms):
        """Rows where one of `columns` (padded word copies) holds one of `forms` (tuples of
        words) whole and in order."""
        contains = functools.reduce(
            operator.or_,
            (Q(**{f"{column}__contains": _needle(form)}) for column in columns for form in forms),
        )
        if not self.indexed:
            return contains
        words = Words(*columns)
        if len(forms) == 1 and len(forms[0]) > 1:
            # The index finds the rows holding every word of the phrase; LIKE checks the order.
            return Q(ArrayContains(words, list(forms[0]))) & contains
        return Q(ArrayOverlap(words, [word for (word,) in forms]))

    def matching(self, units):
        rows = SearchDocument.objects.filter(removed=False)
        folded = [f"{name}_folded" for name in TEXT_FIELDS]
        for unit in units:
            rows = rows.filter(self.holds(folded, self.unit_forms(unit)[1]))
        return rows

    def score(self, units):
        # An exact match implies the folded one, so the accented copy is looked at only where
        # the folded copy matched: 6 points per weight with the accents as typed, else 2.
        total = Value(0, output_field=IntegerField())
        for unit in units:
            exact, forms = self.unit_forms(unit)
            for name, weight in TEXT_FIELDS.items():
                folded = self.holds([f"{name}_folded"], forms[:1])
                accented = self.holds([f"{name}_words"], [exact])
                if self.indexed:
                    # Each set is read once from its own index rather than tested row by row.
                    everything = SearchDocument.objects.all()
                    folded = Q(pk__in=everything.filter(folded).values("pk"))
                    accented = Q(pk__in=everything.filter(accented).values("pk"))
                accents = Case(When(accented, then=Value(6 * weight)), default=Value(2 * weight))
                total = total + Case(
                    When(folded, then=accents), default=Value(0), output_field=IntegerField()
                )
        return total

    @contextlib.contextmanager
    def planned(self):
        """Where the engine's queries run. search_words() is priced high so that PostgreSQL
        keeps to the indexes, which would also make it JIT-compile, for seconds, queries that
        run in milliseconds."""
        if not self.indexed:
            yield
            return
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
            yield

    def combinations(self, query):
        """Matches counted per combination of facet values: one query for the total and every
        facet, each facet then summed in `summary` with the other facets' filters applied."""
        filters = query.filters
        rows = self.matching(query.units)
        if len(filters) > 1:
            # A row failing two filters counts nowhere.
            rows = rows.filter(
                functools.reduce(
                    operator.or_,
                    (Q(**{k: v for k, v in filters.items() if k != skip}) for skip in filters),
                )
            )
        return rows.values_list(*FACETS.values()).annotate(n=Count("pk")).order_by()

    def summary(self, query):
        filters = query.filters
        names = list(FACETS.values())
        total = 0
        counts = {name: {} for name in names}
        with self.planned():
            found = list(self.combinations(query))
        for *values, n in found:
            row = dict(zip(names, values, strict=True))
            failing = [name for name, value in filters.items() if row[name] != value]
            if not failing:
                total += n
            for name in names:
                if failing in ([], [name]) and row[name] not in ("", None):
                    counts[name][row[name]] = counts[name].get(row[name], 0) + n
        facets = {
            name: sorted(found.items(), key=lambda item: (-item[1], item[0]))[:FACET_SIZE]
            for name, found in counts.items()
        }
        return total, facets

    def ranked(self, query):
        rows = self.matching(query.units).filter(**query.filters)
        if query.sort == "newest":
            return rows.order_by("-date", "-pk")
        return rows.annotate(score=self.score(query.units)).order_by("-score", "-date", "-pk")

    def hits(self, query, offset, limit):
        fields = ("kind", "title", "lead", "body", "url", "section", "date")
        with self.planned():
            return list(self.ranked(query).values(*fields)[offset : offset + limit])

    def suggest(self, units, limit):
        # Every word typed, the last one perhaps unfinished.
        *complete, last = [word for unit in units for word in unit.folded]
        rows = SearchDocument.objects.filter(removed=False, title_folded__contains=" " + last)
        for word in complete:
            rows = rows.filter(title_folded__contains=_needle([word]))
        return list(rows.order_by("-date").values("title", "url")[:limit])

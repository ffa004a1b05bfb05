"""The database engine: the embedded default (SQLite) and Elasticsearch's fallback.

It searches the padded word copies of SearchDocument: a word or quoted phrase matches whole
on the folded copy, and scores as `search.ranking` describes. SQLite reads every
row with LIKE. PostgreSQL looks words up in GIN indexes over each copy's array of words
(migration 0002), so a search reads only the rows that hold its words and never their bodies,
except to check the order of a phrase's words.
"""

import contextlib
import functools
import operator

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.fields.array import ArrayContains, ArrayOverlap
from django.db import connection, transaction
from django.db.models import Case, Count, Func, IntegerField, Q, TextField, Value, When

from . import indexing, ranking
from .engine import FACET_SIZE, HIT_FIELDS, SUGGESTION_FIELDS, Engine, by_kind
from .models import SearchDocument
from .query import FACETS, TYPO_EDITS, TYPO_PREFIX
from .registry import get_adapter
from .spelling import near

# Which copy each way of matching reads.
COPIES = {"exact": "words", "folded": "folded", "typo": "folded"}
# Short texts, which PostgreSQL ranks by testing each candidate row: cheaper than reading every
# row that holds a word from an index. Bodies are read from their indexes.
SHORT = ("title", "lead")


def _needle(tokens):
    return f" {' '.join(tokens)} "


def _contains(columns, forms):
    """Rows where one of `columns` (padded word copies) holds one of `forms` (tuples of words)
    whole and in order, tested row by row."""
    return functools.reduce(
        operator.or_,
        (Q(**{f"{column}__contains": _needle(form)}) for column in columns for form in forms),
    )


def _near(pair):
    """A pattern for two words in order at most `ranking.PAIR_SLOP` words apart in a padded
    copy (words are letters and digits only: nothing to escape)."""
    first, second = pair
    return f" {first} ([^ ]+ ){{0,{ranking.PAIR_SLOP}}}{second} "


class Words(Func):
    """The words of padded copies as an array: the expression PostgreSQL's indexes hold."""

    function = "search_words"
    arg_joiner = " || "
    output_field = ArrayField(TextField())


class DatabaseEngine(Engine):
    name = "database"

    def __init__(self):
        self._forms = {}
        self.indexed = connection.vendor == "postgresql"

    def unit_forms(self, unit):
        """(exact words, [folded words, then its one-typo variants]) of a word or phrase."""
        if unit not in self._forms:
            folded = [unit.folded]
            if unit.tolerates_typo:
                prefix = unit.folded[0][:TYPO_PREFIX]
                folded += [
                    (word,) for word in near(unit.folded[0], TYPO_EDITS) if word.startswith(prefix)
                ]
            self._forms[unit] = unit.words, list(dict.fromkeys(folded))
        return self._forms[unit]

    def holds(self, columns, forms):
        """Rows where one of `columns` (padded word copies) holds one of `forms` (tuples of
        words) whole and in order."""
        contains = _contains(columns, forms)
        if not self.indexed:
            return contains
        words = Words(*columns)
        if len(forms) == 1 and len(forms[0]) > 1:
            # The index finds the rows holding every word of the phrase; LIKE checks the order.
            return Q(ArrayContains(words, list(forms[0]))) & contains
        return Q(ArrayOverlap(words, [word for (word,) in forms]))

    def field_holds(self, field, copy, forms):
        """Rows whose `field`'s `copy` holds one of `forms`: on PostgreSQL a body's rows are
        read once from its index rather than each row's body tested."""
        if field in SHORT or not self.indexed:
            return _contains([f"{field}_{copy}"], forms)
        everything = SearchDocument.objects.all()
        return Q(pk__in=everything.filter(self.holds([f"{field}_{copy}"], forms)).values("pk"))

    def matching(self, units):
        """Rows holding every phrase and enough of the words (`ranking.required`)."""
        rows = SearchDocument.objects.filter(removed=False)
        folded = [f"{name}_folded" for name in ranking.FIELDS]
        words = [unit for unit in units if not unit.phrase]
        need = ranking.required(len(words))
        for unit in units:
            if unit.phrase or need == len(words):
                rows = rows.filter(self.holds(folded, self.unit_forms(unit)[1]))
        if need == len(words):
            return rows
        # A match misses at most `len(words) - need` words, so it holds one of any one more
        # than that: the longest (rarest, as a rule) bound the candidates through the index,
        # and words are counted on those rows alone.
        longest = sorted(words, key=lambda unit: -len(unit.folded[0]))
        bound = [
            form for unit in longest[: len(words) - need + 1] for form in self.unit_forms(unit)[1]
        ]
        found = sum(
            (Case(When(self.anywhere(unit), then=Value(1)), default=Value(0)) for unit in words),
            Value(0),
        )
        return rows.filter(self.holds(folded, bound)).alias(found=found).filter(found__gte=need)

    def anywhere(self, unit):
        """Rows holding `unit` (folded, or through a typo) in any field."""
        forms = self.unit_forms(unit)[1]
        return functools.reduce(
            operator.or_, (self.field_holds(field, "folded", forms) for field in ranking.FIELDS)
        )

    def score(self, units):
        """`ranking`'s points: each unit's best match, then pairs of words in the title."""
        total = Value(0, output_field=IntegerField())
        for unit in units:
            exact, forms = self.unit_forms(unit)
            ways = {"exact": [exact], "folded": forms[:1], "typo": forms[1:]}
            total = total + Case(
                *(
                    When(
                        self.field_holds(field, COPIES[how], ways[how]),
                        then=Value(ranking.COVERAGE + points),
                    )
                    for points, field, how in ranking.matches()
                    if ways[how]
                ),
                default=Value(0),
                output_field=IntegerField(),
            )
        # Read from the title of each candidate row: titles are short.
        for exact, folded in ranking.pairs(units):
            total = total + Case(
                When(Q(title_words__regex=_near(exact)), then=Value(ranking.PAIR["exact"])),
                When(Q(title_folded__regex=_near(folded)), then=Value(ranking.PAIR["folded"])),
                default=Value(0),
                output_field=IntegerField(),
            )
        return total

    @contextlib.contextmanager
    def planned(self):
        """Where the engine's queries run. search_words() is priced high so that PostgreSQL
        keeps to the indexes, which would also make it JIT-compile, for seconds, queries that
        run in milliseconds. Even so a word most rows hold was looked up by scanning the table
        and splitting every row's texts, ten times slower than its index, and each of a long
        query's lookups started parallel workers that cost more than they saved."""
        if not self.indexed:
            yield
            return
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SET LOCAL jit = off; SET LOCAL enable_seqscan = off;"
                " SET LOCAL max_parallel_workers_per_gather = 0"
            )
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
        score = self.score(query.units)
        if query.named:
            named = functools.reduce(
                operator.or_,
                (Q(kind=kind, object_id__in=ids) for kind, ids in by_kind(query.named).items()),
            )
            score = score + Case(
                When(named, then=Value(ranking.NAMED)),
                default=Value(0),
                output_field=IntegerField(),
            )
        return rows.annotate(score=score).order_by("-score", "-date", "-pk")

    def hits(self, query, offset, limit):
        with self.planned():
            return list(self.ranked(query).values(*HIT_FIELDS)[offset : offset + limit])

    def suggest(self, units, limit):
        # Every word typed, the last one perhaps unfinished.
        *complete, last = [word for unit in units for word in unit.folded]
        rows = SearchDocument.objects.filter(removed=False, title_folded__contains=" " + last)
        for word in complete:
            rows = rows.filter(title_folded__contains=_needle([word]))
        return list(rows.order_by("-date").values(*SUGGESTION_FIELDS)[:limit])

    def held(self):
        return set(SearchDocument.objects.filter(removed=False).values_list("kind", "object_id"))

    def repair(self, missing, extra):
        """Write the documents of `missing` anew from their objects, remove those of `extra`."""
        for kind, ids in by_kind(missing).items():
            indexing.sync(get_adapter(kind).get_queryset().filter(pk__in=ids))
        for kind, ids in by_kind(extra).items():
            indexing.remove(kind, ids)
        indexing.push_later()

"""The database engine: the embedded default (SQLite) and Elasticsearch's fallback.

It searches the padded word copies of SearchDocument: a word or quoted phrase matches whole
on the folded copy, and scores as `search.ranking` describes. SQLite reads every row with LIKE.
PostgreSQL reads the narrow `search_entry` (migration 0003): words are looked up in its GIN
index, rows are counted and ranked without reading any text but titles and leads, and the
bodies are read only for the page's ten hits (and to check the order of a phrase's words).
"""

import collections
import contextlib
import functools
import itertools
import operator

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import BooleanField, Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.db.models.expressions import RawSQL

from website.text import fold

from . import indexing, ranking
from .engine import (
    COUNT_LIMIT,
    FACET_SIZE,
    HIT_FIELDS,
    SUGGESTION_FIELDS,
    Engine,
    Summary,
    by_kind,
)
from .models import SearchDocument, SearchEntry
from .query import FACETS, TYPO_EDITS, TYPO_PREFIX
from .registry import get_adapter
from .spelling import near

# Which copy each way of matching reads.
COPIES = {"exact": "words", "folded": "folded", "typo": "folded"}
# No condition: `within` a ranking that reads every matching row.
EVERYWHERE = Q()
# When the count read fewer matching rows than this, they are all ranked at once: that costs
# less than ranking some first. Rows read, not the total: with a filter chosen, a word most
# stories hold still has every matching row read (and each of its lookups built whole) when
# ranked at once, however few pass the filter.
RANK_ALL_BELOW = 5000
# The fields whose rows holding a word of the query are ranked first, in turn (`first`), and
# whether their lookups of leads and bodies read only those rows: few hold a word in the title,
# but most hold a common word in title or lead, and then the whole lookups are cheaper.
TIERS = [(["title"], True), (["title", "lead"], False)]
# `best`'s fields for the most a unit scores anywhere.
ANYWHERE = ()
# The most units for which the rows whose title holds a set of units that may score more than
# a row holding a weaker set are ranked first (`title_sets`), in at most TITLE_SET_TIERS
# tiers: first every unit, then those beating what one unit alone can score. Past three units
# each set is one more ranking of its own (about 10 ms each at 100,000 documents, the
# query's index tests repeated), and the tiers decided too seldom to pay for themselves.
EVERY_TITLE_UNITS = 3
TITLE_SET_TIERS = 2
# Past that, up to ranking.ALL_REQUIRED units, the rows whose title holds one of at most
# FEW_TITLE_UNITS units are ranked first (one test of the index, `few_titles`): those that
# leave a row holding none of them in its title the least to score; when no unit alone is
# worth it (common words typed with their accents), the rows whose title holds two units
# (`two_titles`: one part a unit, so at most four).
FEW_TITLE_UNITS = 2
# A way of matching that fewer rows hold does not bound what the rows outside a tier score:
# those rows join the tier instead (`best`), so that a word written as typed in a few leads
# leaves the bound at what the many rows holding it folded score.
RARE = 200


def _common():
    """A CTE of the keys that the planner's statistics (a sample of the rows) find in more than
    twice RARE rows: `best` need not count those ways (a way deemed common wrongly would only
    loosen a bound, the rows holding it scoring no more than it)."""
    return f"""common AS (SELECT coalesce(array_agg(key), '{{}}') AS keys
    FROM pg_stats, unnest(most_common_elems::text::text[], most_common_elem_freqs) AS s(key, f)
    WHERE schemaname = current_schema() AND tablename = 'search_entry' AND attname = 'keys'
    AND key IS NOT NULL
    AND f * (SELECT reltuples FROM pg_class WHERE oid = 'search_entry'::regclass) >= {2 * RARE})"""


# `compiled_score`'s statements, by what they are made of, in this process: at most
# SCORES_KEPT (a few kilobytes each), the oldest dropped first.
_SCORES = collections.OrderedDict()
SCORES_KEPT = 500


class _Slot:
    """The `n`th parameter of a condition, taken from each use of a compiled ranking
    (`compiled_score`), less the keys `dropped` (`without_title`)."""

    def __init__(self, n, dropped=()):
        self.n = n
        self.dropped = dropped

    def fill(self, params):
        if not self.dropped:
            return params[self.n]
        return [key for key in params[self.n] if key not in self.dropped]


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


def _written(tests, glue="AND"):
    """A condition of `(SQL, parameter)` tests, all to pass (or one, with `glue` "OR"), as
    SQL (see `_keyed`)."""
    return RawSQL(
        f"({f' {glue} '.join(sql for sql, _ in tests)})",
        [param for _, param in tests],
        output_field=BooleanField(),
    )


def _paired(column, pair, written=False):
    """Rows whose `column` holds the two words of `pair` in order, at most
    `ranking.PAIR_SLOP` words apart; `written`: as SQL, for the row of `search_entry`
    itself (words are letters and digits only: nothing to escape in a LIKE pattern)."""
    if written:
        return _written(
            [(f"{column} LIKE %s", f"%{_needle(pair[:1])}%")]
            + [(f"{column} LIKE %s", f"%{_needle(pair[1:])}%")]
            + [(f"{column} ~ %s", _near(pair))]
        )
    return (
        _contains([column], [pair[:1]])
        & _contains([column], [pair[1:]])
        & Q(**{f"{column}__regex": _near(pair)})
    )


def _key(field, copy, word):
    """The key of `search_entry` saying that `field`'s `copy` holds `word`."""
    return f"{field[0]}{copy[0]}:{word}"


def _anywhere(word):
    """The key of `search_entry` saying that some folded copy holds `word` (migration 0006)."""
    return f"af:{word}"


def _keyed(keys, operator="&&"):
    """Rows of `search_entry` whose keys hold one of `keys` (`&&`) or all of them (`@>`): a
    test of its GIN index, written as SQL rather than built by the ORM, which spent more CPU
    compiling a results page's few dozen of them than PostgreSQL spends answering them.
    `keys` unqualified: inside a subquery it is the subquery's own table."""
    return RawSQL(f"keys {operator} %s::text[]", (list(keys),), output_field=BooleanField())


def _any(tests):
    """SQL and parameters of the rows passing one of `tests`, each (SQL, parameters)."""
    tests = list(tests)
    return (
        f"({' OR '.join(sql for sql, _ in tests)})",
        [param for _, params in tests for param in params],
    )


def _exists(tests):
    """SQL and parameters of whether some row of `search_entry` passes every one of `tests`,
    each (SQL, parameters): read from the index alone."""
    return (
        f"EXISTS (SELECT 1 FROM search_entry WHERE {' AND '.join(sql for sql, _ in tests)})",
        [param for _, params in tests for param in params],
    )


class DatabaseEngine(Engine):
    name = "database"

    def __init__(self):
        self._forms = {}
        # `best`'s answer, by the query's units.
        self._best = {}
        # The last query `summary` counted, and the matching rows it read: a page's hits
        # follow its count.
        self._counted = (None, None)
        self.indexed = connection.vendor == "postgresql"

    def unit_forms(self, unit):
        """(exact words, [folded words, then its one-typo variants]) of a word or phrase."""
        if unit not in self._forms:
            folded = [unit.folded]
            if unit.tolerates_typo:
                prefix = unit.folded[0][:TYPO_PREFIX]
                folded += [(word,) for word in near(unit.folded[0], TYPO_EDITS, prefix)]
            self._forms[unit] = unit.words, list(dict.fromkeys(folded))
        return self._forms[unit]

    def ways(self, unit):
        """The forms of `unit` each way of matching looks for: {how: [tuples of words]}."""
        exact, forms = self.unit_forms(unit)
        return {"exact": [exact], "folded": forms[:1], "typo": forms[1:]}

    def rows(self):
        """Every live document: the narrow entries on PostgreSQL."""
        if self.indexed:
            return SearchEntry.objects.all()
        return SearchDocument.objects.filter(removed=False)

    def holds(self, fields, copy, forms):
        """Rows where the `copy` of one of `fields` holds one of `forms` (tuples of words)
        whole and in order: on PostgreSQL through the index of `search_entry.keys` (a word
        in any of the three fields, folded: its one `af:` key)."""
        if not self.indexed:
            return _contains([f"{field}_{copy}" for field in fields], forms)
        if all(len(form) == 1 for form in forms):
            if copy == "folded" and set(fields) == set(ranking.FIELDS):
                return _keyed(_anywhere(word) for (word,) in forms)
            return _keyed(_key(field, copy, word) for field in fields for (word,) in forms)
        # A phrase (its only form): the index finds the rows holding each pair of its words
        # (folded) in one of the fields. That is the phrase itself when it is two words on the
        # folded copy; otherwise the text there tells whether they all follow each other.
        (form,) = forms
        folded = [fold(word) for word in form]
        holds = functools.reduce(
            operator.and_,
            (
                Q(_keyed(f"{field[0]}f:{first} {second}" for field in fields))
                for first, second in itertools.pairwise(folded)
            ),
        )
        if copy == "folded" and len(form) == 2:
            return holds
        ordered = SearchDocument.objects.filter(
            _contains([f"{field}_{copy}" for field in fields], forms), pk=OuterRef("pk")
        )
        return holds & Q(Exists(ordered))

    def field_holds(self, fields, copy, forms, within=EVERYWHERE):
        """Rows whose `fields`' `copy` holds one of `forms`. PostgreSQL tests the title on each
        row (it is short and in the row), and the lead too when the rows are few, those
        `within` (a condition on the index: a tier's). It reads the rows holding a body's words
        once from the index, as those holding a lead's words for a ranking of every matching
        row: only those `within` (then the rows both hold rather than every row holding a
        common word)."""
        if not self.indexed:
            return _contains([f"{field}_{copy}" for field in fields], forms)
        # As SQL, words being letters and digits (`_paired`).
        if fields == ["title"] or (fields == ["lead"] and within is not EVERYWHERE):
            (field,) = fields
            return _written(
                [(f"{field}_{copy} LIKE %s", f"%{_needle(form)}%") for form in forms], "OR"
            )
        holds = self.holds(fields, copy, forms)
        if not isinstance(holds, RawSQL):  # a phrase: its order is checked on the documents
            return Q(pk__in=SearchEntry.objects.filter(holds, within).values("pk"))
        # The rows `within` (a tier's title keys, rarer) first, as in `matching`.
        tests = [holds] if within is EVERYWHERE else [within, holds]
        sql = " AND ".join(test.sql for test in tests)
        params = [param for test in tests for param in test.params]
        return Q(pk__in=RawSQL(f"SELECT id FROM search_entry WHERE {sql}", params))

    def matching(self, units, within=EVERYWHERE):
        """Rows holding every phrase and enough of the words (`ranking.required`), among those
        `within` (a condition on the index). Its tests come first: GIN reads the keys of the
        conditions in their order, and skips through the long lists of a query's common words
        (a body holding them) only when a rarer key leads (a tier of four parts of "học tập
        làm theo Bác": 7-13 ms of index reading each with the words first, 3-5 with the
        tier's title keys first). The words of one form (no typo variant) are one test of
        their keys all held, whose lists GIN skips through together (the index's part of
        counting "hoc tap lam theo bac": 19 ms as five tests of three keys each, 10 as one)."""
        rows = self.rows().filter(within)
        fields = list(ranking.FIELDS)
        words = [unit for unit in units if not unit.phrase]
        need = ranking.required(len(words))
        every = [unit for unit in units if unit.phrase or need == len(words)]
        alone = [
            unit
            for unit in every
            if self.indexed and not unit.phrase and len(self.unit_forms(unit)[1]) == 1
        ]
        if alone:
            rows = rows.filter(_keyed([_anywhere(unit.folded[0]) for unit in alone], "@>"))
        for unit in every:
            if unit not in alone:
                rows = rows.filter(self.holds(fields, "folded", self.unit_forms(unit)[1]))
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
            (
                Case(
                    When(self.field_holds(fields, "folded", self.unit_forms(unit)[1]), then=1),
                    default=0,
                )
                for unit in words
            ),
            Value(0),
        )
        return (
            rows.filter(self.holds(fields, "folded", bound))
            .alias(found=found)
            .filter(found__gte=need)
        )

    def score(self, units, within=EVERYWHERE):
        """`ranking`'s points: each unit's best match, then pairs of words in the title."""
        total = Value(0, output_field=IntegerField())
        words = [unit for unit in units if not unit.phrase]
        all_required = ranking.required(len(words)) == len(words)
        for unit in units:
            ways = self.ways(unit)
            found, inside = [], within
            for points, field, how in ranking.matches():
                if ways[how]:
                    found.append(
                        (
                            self.field_holds([field], COPIES[how], ways[how], inside),
                            ranking.COVERAGE + points,
                        )
                    )
                if (field, how) == ("title", "folded"):
                    inside = self.without_title(unit, within)
            default = 0
            if unit.phrase or all_required:
                # Every candidate holds the unit (`matching`): one that matched no better way
                # matched the last, which need not be looked up (the body's folded copy, for a
                # word that most rows hold).
                default = found.pop()[1]
            total = total + Case(
                *(When(holds, then=Value(points)) for holds, points in found),
                default=Value(default),
                output_field=IntegerField(),
            )
        # Read from the title of each candidate row: titles are short. The regular expression
        # (several times slower) only runs on titles holding both words.
        for exact, folded in ranking.pairs(units):
            total = total + Case(
                When(
                    _paired("title_words", exact, self.indexed),
                    then=Value(ranking.PAIR["exact"]),
                ),
                When(
                    _paired("title_folded", folded, self.indexed),
                    then=Value(ranking.PAIR["folded"]),
                ),
                default=Value(0),
                output_field=IntegerField(),
            )
        return total

    @contextlib.contextmanager
    def planned(self, generic=False):
        """Where the engine's queries run on PostgreSQL: through `search_entry`'s index, even for
        a word most rows hold (a whole scan would read every row's `keys` out of line), without
        JIT (compiling costs more than these queries take), without parallel workers (each
        of a long query's lookups would start some, for more than they save), and planned for
        the words searched even once prepared (how many rows hold a word decides the plan;
        the tail of the typo queries was 10 ms longer with generic plans). `generic`: for a
        statement whose plan no count of rows changes (`best`'s), prepared at its first run
        rather than psycopg's sixth and planned once, its plan then serving the connection's
        next query of the same shape."""
        if not self.indexed:
            yield
            return
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SET LOCAL jit = off; SET LOCAL enable_seqscan = off;"
                " SET LOCAL max_parallel_workers_per_gather = 0;"
                f" SET LOCAL plan_cache_mode = force_{'generic' if generic else 'custom'}_plan"
            )
            threshold = connection.connection.prepare_threshold
            if generic and threshold is not None:  # None: this connection never prepares
                connection.connection.prepare_threshold = 0
            try:
                yield
            finally:
                connection.connection.prepare_threshold = threshold

    def counted(self, query):
        """SQL and parameters of the summary's one statement: the matches counted per
        combination of facet values. With filters, the matches failing at most one of them
        (each facet is counted with the other facets' filters), all of them: the total
        passing every filter needs them read anyway. Without, only the first COUNT_LIMIT + 1."""
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
        rows = rows.values_list(*FACETS.values())
        if not filters:
            rows = rows[: COUNT_LIMIT + 1]
        found, params = rows.query.sql_with_params()
        names = ", ".join(FACETS.values())
        return f"SELECT {names}, count(*) FROM ({found}) AS found GROUP BY {names}", params

    def summary(self, query):
        filters = query.filters
        names = list(FACETS.values())
        try:
            sql, params = self.counted(query)
        except EmptyResultSet:  # Django knows the query matches nothing (no words left)
            return Summary(0, {name: [] for name in names})
        with self.planned(), connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall()
        total = 0
        counts = [collections.Counter() for _ in names]
        # (position, value) of each filter in a row; a row of hundreds per page.
        checks = [(names.index(name), value) for name, value in filters.items()]
        for row in found:
            n = row[-1]
            # Each facet is counted with the other facets' filters.
            failing = [at for at, value in checks if row[at] != value]
            if not failing:
                total += n
            elif len(failing) > 1:
                continue
            for at in failing or range(len(names)):
                if row[at] not in ("", None):
                    counts[at][row[at]] += n
        counts = dict(zip(names, counts, strict=True))
        # More matches than were read: the facets' values go without counts.
        capped = total > COUNT_LIMIT and not filters
        facets = {
            name: [
                (value, None if capped else n)
                for value, n in sorted(held.items(), key=lambda item: (-item[1], item[0]))
            ][:FACET_SIZE]
            for name, held in counts.items()
        }
        self._counted = (query, sum(row[-1] for row in found))
        return Summary(COUNT_LIMIT if capped else total, facets, capped)

    def ranked(self, query, within=EVERYWHERE, narrow=False):
        """The matching rows (those `within`, a condition on the index) in rank order;
        `narrow`: the lookups of leads and bodies read only the rows `within`."""
        rows = self.matching(query.units, within).filter(**query.filters)
        if query.sort == "newest":
            return rows.order_by("-date", "-pk")
        inside = within if narrow else EVERYWHERE
        if self.indexed:
            score = RawSQL(*self.compiled_score(query, inside), output_field=IntegerField())
        else:
            score = self.whole_score(query, inside)
        return rows.annotate(score=score).order_by("-score", "-date", "-pk")

    def whole_score(self, query, within):
        """`score`, and NAMED for the documents the query names."""
        score = self.score(query.units, within)
        if query.named:
            # By id: PostgreSQL's rows here are `search_entry`'s, which keep no object ids.
            named = SearchDocument.objects.filter(
                functools.reduce(
                    operator.or_,
                    (Q(kind=kind, object_id__in=ids) for kind, ids in by_kind(query.named).items()),
                )
            ).values("pk")
            score = score + Case(
                When(pk__in=named, then=Value(ranking.NAMED)),
                default=Value(0),
                output_field=IntegerField(),
            )
        return score

    def compiled_score(self, query, within):
        """SQL and parameters of `whole_score`, written once per query and SQL of `within`
        in each process (`_SCORES`): Django builds, hashes and compiles the whole expression
        again for every statement it appears in (each tier's, each part's, then the whole
        ranking's), the parts of a tier, or the tiers, often differ in their parameters only
        (which keys), and readers search the same words again and again (7-15 ms of CPU a
        page at 100,000 documents)."""
        slots = within
        if within is not EVERYWHERE:
            slots = RawSQL(
                within.sql,
                [_Slot(n) for n in range(len(within.params))],
                output_field=BooleanField(),
            )
        # What the expression is made of: the units, the typo variants found for them (the
        # vocabulary grows), the documents named, the SQL of `within`.
        forms = tuple(tuple(self.unit_forms(unit)[1]) for unit in query.units)
        key = (query.units, forms, query.named, getattr(within, "sql", None))
        found = _SCORES.get(key)
        if found is None:
            found = _SCORES[key] = self.compiled(self.whole_score(query, slots))
            if len(_SCORES) > SCORES_KEPT:  # the oldest goes (one step: threads may share it)
                _SCORES.popitem(last=False)
        sql, params = found
        return sql, [p.fill(within.params) if isinstance(p, _Slot) else p for p in params]

    @staticmethod
    def without_title(unit, within):
        """`within` (slotted, see `compiled_score`) for the lookups of `unit`'s ways worth less
        than its folded word in the title: less the rows it holds only through that word's
        title key. Those rows score that way (the ranking tests it first, on the title), so
        the lookups below it need not read them: a fifth fewer rows each for a tier of the
        rows holding a word of the query in the title. `within` being tests of overlap (`&&`)
        joined by AND, a row it holds without that key it holds with the key dropped from each
        test: of the rows holding this unit and another in the title (`every_title`,
        `two_titles_parts`), none."""
        sql = getattr(within, "sql", None)
        if len(unit.folded) > 1 or sql is None or "@>" in sql:
            return within
        if not all(isinstance(slot, _Slot) for slot in within.params):
            return within
        dropped = (_key("title", "folded", unit.folded[0]),)
        slots = [_Slot(slot.n, dropped) for slot in within.params]
        return RawSQL(within.sql, slots, output_field=BooleanField())

    def keys_in(self, fields, units):
        """The keys of every folded word of `units` (and of their typo variants) in `fields`:
        a row holding none of them earns no point from those fields (nor a pair, from the
        title)."""
        return list(
            dict.fromkeys(
                _key(field, "folded", word)
                for field in fields
                for unit in units
                for form in self.unit_forms(unit)[1]
                for word in form
            )
        )

    def ways_outside(self, fields, unit):
        """(points, field, how) of each way `unit` can match outside `fields`, best first."""
        ways = self.ways(unit)
        return [
            (ranking.COVERAGE + points, field, how)
            for points, field, how in ranking.matches()
            if field not in fields and ways[how]
        ]

    def best(self, units):
        """{(fields, unit): (the points of the best way of matching outside `fields` that at
        least RARE rows hold (0 if none), [the keys of the better ways some row holds])} for
        each tier's `fields` (and ANYWHERE, outside no field, for `title_sets`): read from
        the index in one query, once per query, each unit's ways counted (up to RARE) best
        first until one is held that often. A word typed without accents is rarely written
        so, and then its folded way is the best most rows have; the few rows holding a better
        way are ranked with the tier (`tiers`). A phrase's way is not one key: held at all,
        it is the best."""
        units = tuple(units)
        if units not in self._best:
            keys, arrays, names, ctes, params, array_params = [], [], {}, [_common()], [], []
            tiers = [fields for fields, _ in TIERS]
            if 1 < len(units) <= ranking.ALL_REQUIRED:  # for `title_sets`
                tiers.append(ANYWHERE)
            for fields in tiers:
                for unit in units:
                    ways = self.ways_outside(fields, unit)
                    chain = []  # (SQL, parameters) of each way's count, best way first
                    for _, field, how in ways:
                        if (unit, field, how) not in names:
                            names[unit, field, how] = f"way{len(names)}"
                            sql, way_params = self.counted_way(unit, field, how)
                            ctes.append(f"{names[unit, field, how]} AS MATERIALIZED ({sql})")
                            params += way_params
                        count, count_params = f"(SELECT held FROM {names[unit, field, how]})", []
                        if way_keys := self.way_keys(unit, field, how):
                            # Not counted when the statistics know one of its keys to be
                            # held by many rows.
                            count = (
                                f"CASE WHEN (SELECT keys FROM common) && %s::text[]"
                                f" THEN {RARE} ELSE {count} END"
                            )
                            count_params = [way_keys]
                        if chain:  # counted only while the ways before were rare
                            before, before_params = chain[-1]
                            count = f"CASE WHEN {before} < {RARE} THEN {count} END"
                            count_params = [*before_params, *count_params]
                        chain.append((count, count_params))
                    keys.append(((tuple(fields), unit), ways))
                    arrays.append(
                        f"ARRAY[{', '.join(sql for sql, _ in chain)}]"
                        if ways
                        else "ARRAY[]::bigint[]"
                    )
                    array_params += [param for _, chain_params in chain for param in chain_params]
            statement = f"WITH {', '.join(ctes)} SELECT {', '.join(arrays)}"
            # Each count an index scan whatever its keys: one plan serves every query of the
            # same shape (8-10 ms of planning a page for four or five words at 100,000
            # documents).
            with self.planned(generic=True), connection.cursor() as cursor:
                cursor.execute(statement, [*params, *array_params])
                found = cursor.fetchone()
            self._best[units] = {}
            for ((fields, unit), ways), counts in zip(keys, found, strict=True):
                common = next((n for n, c in enumerate(counts) if (c or 0) >= RARE), None)
                rare = [
                    key
                    for (_, field, how), held in zip(ways[:common], counts, strict=False)
                    if held
                    for key in self.way_keys(unit, field, how) or ()
                ]
                self._best[units][fields, unit] = (0 if common is None else ways[common][0], rare)
        return self._best[units]

    def counted_way(self, unit, field, how):
        """SQL and parameters of the rows holding `unit` in `field` that way, counted up to
        RARE (a phrase's way: RARE if any row holds it, else 0)."""
        held, params = self.may_hold(field, COPIES[how], self.ways(unit)[how])
        if self.way_keys(unit, field, how) is None:
            sql = f"SELECT CASE WHEN EXISTS (SELECT FROM search_entry WHERE {held}) THEN {RARE}"
            return f"{sql} ELSE 0 END AS held", params
        return (
            f"SELECT count(*) AS held FROM (SELECT FROM search_entry WHERE {held}"
            f" LIMIT {RARE}) AS rows",
            params,
        )

    def way_keys(self, unit, field, how):
        """The keys of the rows holding `unit` in `field` that way, or None for a phrase's way
        (no one key tells it)."""
        forms = self.ways(unit)[how]
        if any(len(form) > 1 for form in forms):
            return None
        return [_key(field, COPIES[how], word) for (word,) in forms]

    def bound(self, fields, units):
        """SQL and parameters of the most a row whose `fields` (the title among them) hold
        none of `units` can score. Each unit scores at most its best way of matching in the
        other fields that some row holds (`best`). When no row holds every unit a way worth
        that much at once, which the index tells in the statement, one unit at least scores
        no more than its next way (nothing, if a result may miss it): the bound is lower by
        the smallest such step."""
        best = self.best(units)
        words = [unit for unit in units if not unit.phrase]
        all_required = ranking.required(len(words)) == len(words)
        total, steps, together = 0, [], []
        for unit in units:
            top, _ = best[tuple(fields), unit]
            if not top:
                continue
            ways = self.ways_outside(fields, unit)
            total += top
            together.append(
                _any(
                    self.may_hold(field, COPIES[how], self.ways(unit)[how])
                    for points, field, how in ways
                    if points == top
                )
            )
            lower = [points for points, _, _ in ways if points < top]
            if lower:
                steps.append(top - lower[0])
            elif not (unit.phrase or all_required):
                steps.append(top)
        if not steps:
            return str(total), []
        held, params = _exists(together)
        return f"(CASE WHEN {held} THEN {total} ELSE {total - min(steps)} END)", params

    def every_title(self, units):
        """The rows whose title holds (folded, or through a typo) a word of every one of
        `units`, as a condition on the index."""
        tests = [_keyed(self.keys_in(["title"], [unit])) for unit in units]
        if len(tests) == 1:  # the title tier's shape: its ranking compiled once (`compiled_score`)
            return tests[0]
        return RawSQL(
            f"({' AND '.join(test.sql for test in tests)})",
            [param for test in tests for param in test.params],
            output_field=BooleanField(),
        )

    def title_sets(self, units):
        """{frozenset of the numbers of `units` a row holds in its title: the most it can
        score} for every such set: the units held their best way anywhere, the others their
        best in the lead or body (`best`), and each pair of neighbouring words of the units
        held (`pair_points`: no pair holds a word its title lacks). Holding more never scores
        less."""
        best = self.best(units)
        owner = [n for n, unit in enumerate(units) for _ in unit.words]
        pairs = [
            (owner[i], owner[i + 1], self.pair_points(best, {units[owner[i]], units[owner[i + 1]]}))
            for i in range(len(ranking.pairs(units)))
        ]
        most = {}
        for size in range(len(units) + 1):
            for held in map(frozenset, itertools.combinations(range(len(units)), size)):
                scores = (
                    best[ANYWHERE if n in held else ("title",), unit][0]
                    for n, unit in enumerate(units)
                )
                kept = sum(points for a, b, points in pairs if a in held and b in held)
                most[held] = sum(scores) + kept
        return most

    @staticmethod
    def pair_points(best, units):
        """The most a pair of neighbouring words of `units` (its one or two owners) earns in
        the title of a row outside the title-set tiers, by `best` of the query. A word's
        title as written (or folded) is what earns a pair that much; when it is a better way
        than the word's best held by RARE rows anywhere, the rows holding it are in the tier
        (`best`), so rows outside earn the pair folded (or none). A phrase may hold its words
        apart: any."""
        title = {
            how: ranking.COVERAGE + points
            for points, field, how in ranking.matches()
            if field == "title"
        }
        for how in ("exact", "folded"):
            if all(unit.phrase or best[ANYWHERE, unit][0] >= title[how] for unit in units):
                return ranking.PAIR[how]
        return 0

    def tiers(self, units):
        """([conditions on the index, one test of its keys each, whose rows make the set],
        whether lookups read only its rows, the bound: SQL and parameters of the most a row
        outside it can score) of each set of rows `first` ranks in turn. Each set takes in
        the rows holding a rare way better than what its bound counts (`best`): as one more
        key to overlap, since a condition of several tests joined by OR would be tested on
        each row rather than through the index (reading every row's keys)."""
        best = self.best(units)

        def rare(*fields_of):
            return [key for fields in fields_of for unit in units for key in best[fields, unit][1]]

        if 1 < len(units) <= ranking.ALL_REQUIRED:
            # The rows holding a way better than the title tiers below count, rarely held.
            rare_keys = list(dict.fromkeys(rare(ANYWHERE, ("title",))))
        if 1 < len(units) <= EVERY_TITLE_UNITS:
            most = self.title_sets(units)
            for above in self.thresholds(units, most):
                # The rows holding in the title a set of units that may score above: each
                # smallest such set is a part (one test of the index).
                parts = [
                    self.every_title([units[n] for n in sorted(held)])
                    for held, points in most.items()
                    if points > above and all(most[held - {n}] <= above for n in held)
                ]
                if not parts:  # no set scores more
                    continue
                if rare_keys:
                    parts.append(_keyed(rare_keys))
                yield parts, True, (str(above), [])
        elif EVERY_TITLE_UNITS < len(units) <= ranking.ALL_REQUIRED:
            if few := self.few_titles(units):
                held, above = few
                keys = [*self.keys_in(["title"], [units[n] for n in held]), *rare_keys]
                yield [_keyed(dict.fromkeys(keys))], True, (str(above), [])
            elif above := self.two_titles(units):
                yield self.two_titles_parts(units, rare_keys), True, (str(above), [])

        for fields, narrow in TIERS:
            held = _keyed(dict.fromkeys([*self.keys_in(fields, units), *rare(tuple(fields))]))
            yield [held], narrow, self.bound(fields, units)

    def few_titles(self, units):
        """(the numbers of at most FEW_TITLE_UNITS of `units`, the most a row whose title holds
        none of them can score) for the first tier of four or five units: those leaving the
        others the least (`title_sets`: a row whose title holds a set of the others scores at
        most that set's most). "hoc tap lam theo bac": the rows holding "tap" or "theo" in the
        title, 45 % of those holding one of the five, the others scoring at most 34 points
        over coverage, the page's tenth 35."""
        most = self.title_sets(units)
        every = frozenset(range(len(units)))
        # Units of one title key only: a word with typo variants ("tưởng": "trong", "thuong",
        # …) holds most titles among its keys.
        single = [n for n, unit in enumerate(units) if len(self.keys_in(["title"], [unit])) == 1]
        chosen = [
            frozenset(held)
            for size in range(1, FEW_TITLE_UNITS + 1)
            for held in itertools.combinations(single, size)
        ]
        if not chosen:
            return None
        held = min(chosen, key=lambda held: (most[every - held], len(held)))
        # Worth it when one of them alone may beat what a row holding none of them scores.
        if all(most[frozenset([n])] <= most[every - held] for n in held):
            return None
        return sorted(held), most[every - held]

    def two_titles(self, units):
        """The most a row whose title holds at most one of four or five `units` can score, when
        a title holding any two of them may score more (`title_sets`): for common words typed
        with their accents, whose folded twins fill titles ("cờ": "có", "cô", …) and whose
        lead as written scores more than a title folded, so that `few_titles` finds no unit
        worth ranking first. "cờ đảng băng rôn": at most 54 points over coverage, the page's
        tenth 60; 1,169 rows hold two of the four in the title, 13,086 one."""
        most = self.title_sets(units)
        above = max(points for held, points in most.items() if len(held) <= 1)
        pairs = itertools.combinations(range(len(units)), 2)
        if all(most[frozenset(pair)] > above for pair in pairs):
            return above
        return None

    def two_titles_parts(self, units, rare_keys):
        """The rows whose title holds (folded, or through a typo) two or more of `units`, or a
        key of `rare_keys`, as parts (conditions on the index, one test of its keys each): the
        rows holding a unit and one of the units after it, for each unit but the last (fewer
        parts than pairs). Not one condition joined by OR: PostgreSQL may then read the
        rows matching the query through the index and test the OR on each, reading its keys
        out of line (28 s for "học thuong trong những dương")."""
        parts = [
            _written(
                [
                    ("keys && %s::text[]", self.keys_in(["title"], [unit])),
                    ("keys && %s::text[]", self.keys_in(["title"], units[n + 1 :])),
                ]
            )
            for n, unit in enumerate(units[:-1])
        ]
        if rare_keys:
            parts.append(_keyed(rare_keys))
        return parts

    @staticmethod
    def thresholds(units, most):
        """The bounds of the title-set tiers (`tiers`), highest first, at most TITLE_SET_TIERS:
        the most a row holding one unit, or all but one, in its title can score (`most`, from
        `title_sets`). Each tier holds the rows holding a set that may score more; a unit
        whose title adds nothing to its best way elsewhere leaves its rows out."""
        found = {points for held, points in most.items() if len(held) in (1, len(units) - 1)}
        return sorted(found, reverse=True)[:TITLE_SET_TIERS]

    def may_hold(self, field, copy, forms):
        """SQL and parameters of the rows whose `field`'s `copy` holds every word of one of
        `forms`: all that hold a form, read from the index alone (word order is not checked)."""
        singles = [_key(field, copy, word) for (word, *more) in forms if not more]
        held = [_keyed(singles)] if singles else []
        held += [
            _keyed((_key(field, copy, word) for word in form), "@>")
            for form in forms
            if len(form) > 1
        ]
        return _any((test.sql, test.params) for test in held)

    def compiled(self, expression):
        """SQL and parameters of an expression over `search_entry`."""
        rows = SearchEntry.objects.all()
        compiler = rows.query.get_compiler(connection=connection)
        return compiler.compile(expression.resolve_expression(rows.query))

    def first(self, query, ranked, order, count):
        """SQL and parameters of the first `count` of the `ranked` entries (their columns of
        `order` only).

        Most rows matching a word most stories hold score little: they hold it in the body
        only. The entries holding a word of the query in their title are ranked first (the
        index finds them); when `count` of them score above `bound`, what any other row can
        score, they are the answer and the other rows are never scored. Otherwise the same
        with the title or lead, and then every matching row (at once when `summary` read
        few). A query of 2 to EVERY_TITLE_UNITS units starts with the fewer entries holding
        every unit in the title, one of four or five with those holding one of its one or two
        words worth most in the title, or else two of its words (`tiers`). All in one
        statement: each test is an init plan, each later ranking behind a one-time filter that
        PostgreSQL runs only when the tests before it failed."""
        whole, params = ranked.values(*order)[:count].query.sql_with_params()
        counted, read = self._counted
        few = counted == query and read < RANK_ALL_BELOW
        if query.sort != "relevance" or query.named or few:
            return whole, params
        ctes, cte_params, branches, failed = [], [], [], []
        by = ", ".join(f"{column} DESC" for column in order)
        for n, (parts, narrow, (bound, bound_params)) in enumerate(self.tiers(query.units)):
            heads, head_params = [], []
            for within in parts:
                # Scored as the whole ranking unless `narrow`: the same expression, filtered.
                head = self.ranked(query, within, narrow) if narrow else ranked.filter(within)
                head, part_params = head.values(*order)[:count].query.sql_with_params()
                heads.append(f"({head})")
                head_params += part_params
            # The first `count` of the parts' first `count` (a row in two parts is one row).
            head = heads[0]
            if len(heads) > 1:
                head = (
                    f"SELECT * FROM ({' UNION '.join(heads)}) AS parts ORDER BY {by} LIMIT {count}"
                )
            ctes.append(
                f"head{n} AS MATERIALIZED ({head}), known{n} AS (SELECT count(*)"
                f" FILTER (WHERE score > {bound}) = %s AS known FROM head{n})"
            )
            cte_params += [*head_params, *bound_params, count]
            known = f"(SELECT known FROM known{n})"
            branches.append(f"SELECT * FROM head{n} WHERE {' AND '.join([*failed, known])}")
            failed.append(f"NOT {known}")
        branches.append(f"SELECT * FROM ({whole}) AS whole WHERE {' AND '.join(failed)}")
        sql = f"WITH {', '.join(ctes)} {' UNION ALL '.join(branches)}"
        return sql, (*cte_params, *params)

    def hits(self, query, offset, limit):
        ranked = self.ranked(query)
        if not self.indexed:
            return list(ranked.values(*HIT_FIELDS)[offset : offset + limit])
        # The page's entries are ranked first; only their documents' texts are then read.
        # Each column the entries are ordered by ("-score", "-date", "-pk"), all descending.
        order = ["id" if name == "-pk" else name.lstrip("-") for name in ranked.query.order_by]
        try:
            sql, params = self.first(query, ranked, order, offset + limit)
        except EmptyResultSet:  # Django knows the query matches nothing (no words left)
            return []
        columns = ", ".join(f"d.{field}" for field in HIT_FIELDS)
        by = ", ".join(f"page.{column} DESC" for column in order)
        with self.planned(), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns} FROM ({sql}) AS page"
                f" JOIN {SearchDocument._meta.db_table} AS d ON d.id = page.id"
                f" ORDER BY {by} OFFSET %s LIMIT %s",
                (*params, offset, limit),
            )
            return [dict(zip(HIT_FIELDS, row, strict=True)) for row in cursor.fetchall()]

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

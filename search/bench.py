"""Search latency on both engines (run by scripts/bench.sh, not by the tests).

    BENCH_STORIES="300 10000 100000" make bench    (or: python -m search.bench 300 10000 100000)

grows one generated corpus to each size in turn and times a page of results (count, facets,
ten hits) for each set of queries. Documents are written straight into SearchDocument (and
their words into SearchTerm), as indexing would write them, so 100,000 take a minute rather
than the hours publishing pages would. Elasticsearch is timed up to
BENCH_ELASTICSEARCH_MAX_STORIES documents (default 10000; 0 to skip it): its rebuild is slow.
BENCH_KEEP_CORPUS=1 keeps the documents of an earlier run (they are the same whatever the run)
and only adds what is missing: 100,000 are written once, then measured again and again.
"""

import gc
import os
import random
import signal
import statistics
import sys
import time
import unicodedata
from pathlib import Path

import django

KIND = "bench"
FIRST_ID = 10_000_000
BATCH = 2000
# Space-separated: the words a district's news uses most, then its own vocabulary, ahead of
# the long tail of syllables made of ONSETS and RHYMES.
COMMON = (
    "và của các là có được trong cho người những với đã này một không đến năm xã huyện "
    "học tập làm theo tư tưởng đạo đức phong cách hồ chí minh kiên lương băng rôn cờ đảng "
    "phướn pano khen thưởng thể cá nhân mô hình hũ gạo tình thương ba hòn đô thị thanh niên "
    "đoàn viên phụ nữ nông dân tuyên truyền chông bình an dương hòa trường bác"
)
ONSETS = "b c ch d đ g gi h k kh l m n ng nh ph qu r s t th tr v x"
RHYMES = (
    "a ai ao au ay am an ang anh ac at ăn ăng ăc ăt âm ân âng ây âu âc ât e em en eo et ê ên "
    "ênh êt êch i in inh it ich iêu iên iêng iêt o oa oai oan oang oat oc on ong ot oi ô ôi ôn "
    "ông ôt ôc ơ ơi ơn ơm ơt u ua ui un ung uc ut uân uy uyên ư ưa ưng ưc ươi ươn ương ươc"
)
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
MARKED = set("ăâêôơư")
SECTIONS = [
    "Tin tức",
    "Xây dựng Đảng",
    "Gương người tốt",
    "Kinh tế",
    "Văn hóa - Xã hội",
    "Quốc phòng - An ninh",
    "Pháp luật",
    "Nông thôn mới",
]
COMMUNES = ["", "Kiên Lương", "Bình An", "Bình Trị", "Dương Hòa", "Hòa Điền", "Kiên Bình"]

# Query sets as readers type them: frequent words (matching most stories), rare words, quoted
# phrases, typos, and a frequent word narrowed by a facet. Readers type with diacritics as
# often as without: four or five common words are timed both ways.
QUERY_SETS = {
    "common words": [
        "hoc tap lam theo bac",
        "học tập làm theo Bác",
        "cờ đảng băng rôn",
        "Bác",
        "dang vien",
        "kien luong",
        "khen thuong",
    ],
    "rare words": [],  # filled from the vocabulary's tail, see query_sets()
    "phrases": ['"hu gao tinh thuong"', '"dang vien"', '"tuyen truyen"'],
    "typos": ["truonng", "tuyenn truyen", "thuongg"],
    "with a facet": [
        ("Bác", {"section": "Kinh tế"}),
        ("dang vien", {"year": "2024"}),
        ("thanh nien", {"commune": "Bình An"}),
    ],
}


def syllable(onset, rhyme, tone):
    if rhyme[-1] in "ct" or rhyme.endswith("ch"):
        tone = TONES[2] if tone in TONES[:2] else TONES[5]  # stops take only sắc or nặng
    vowels = [i for i, char in enumerate(rhyme) if char in "aăâeêioôơuưy"]
    marked = [i for i in vowels if rhyme[i] in MARKED]
    if marked:
        at = marked[-1]
    elif rhyme in ("oa", "oai", "oan", "oang", "oat", "uy") or rhyme[-1] not in "aeiouy":
        at = vowels[-1]
    else:
        at = vowels[0]
    return unicodedata.normalize("NFC", onset + rhyme[: at + 1] + tone + rhyme[at + 1 :])


def vocabulary():
    """About 6,000 distinct words, most frequent first."""
    rng = random.Random(1195)
    common = COMMON.split()
    onsets = ["", *ONSETS.split()]
    syllables = {syllable(o, r, t) for o in onsets for r in RHYMES.split() for t in TONES}
    tail = sorted(syllables - set(common))
    rng.shuffle(tail)
    return common + tail[:6000]


class Corpus:
    """Generated stories whose words follow Zipf's law over `vocabulary()`."""

    def __init__(self):
        from website.text import fold, words

        self.words = vocabulary()
        assert all(words(word) == [word] for word in self.words)
        self.folded = [fold(word) for word in self.words]
        weights = [1 / rank**1.05 for rank in range(1, len(self.words) + 1)]
        self.cumulative = [sum(weights[: i + 1]) for i in range(len(weights))]

    def size(self):
        from .models import SearchDocument

        return SearchDocument.objects.filter(kind=KIND).count()

    def grow(self, count):
        """Add documents until there are `count`; each is the same whatever the order."""
        from django.utils import timezone

        from .indexing import remember_words
        from .models import SearchDocument

        now = timezone.now()
        start = self.size()
        for first in range(start, count, BATCH):
            rows = [self.document(n, now) for n in range(first, min(first + BATCH, count))]
            SearchDocument.objects.bulk_create(rows)
        if start == 0:
            remember_words(" ".join(self.folded))

    def document(self, n, now):
        from django.utils import timezone

        from .models import SearchDocument

        rng = random.Random(n)
        picks = rng.choices(range(len(self.words)), cum_weights=self.cumulative, k=338)
        date = now - timezone.timedelta(days=rng.randint(0, 3650))
        values = {}
        for name, part in (("title", picks[:8]), ("lead", picks[8:38]), ("body", picks[38:])):
            text = " ".join(self.words[i] for i in part)
            values[name] = text[0].upper() + text[1:] + "."
            values[f"{name}_words"] = f" {text} "
            values[f"{name}_folded"] = f" {' '.join(self.folded[i] for i in part)} "
        return SearchDocument(
            kind=KIND,
            object_id=FIRST_ID + n,
            url=f"/bench/{n}/",
            section=rng.choice(SECTIONS),
            commune=rng.choice(COMMUNES),
            date=date,
            year=date.year,
            changed_at=now,
            **values,
        )

    def query_sets(self):
        sets = dict(QUERY_SETS)
        sets["rare words"] = [self.folded[rank] for rank in (400, 1500, 4000)] + [
            f"{self.words[60]} {self.words[900]}"
        ]
        return sets


def measure(engine, queries, runs=5):
    """Median and 95th percentile, in ms, of a results page for each of `queries`, each page
    with a new engine of `engine`'s class, as each reader's search gets one (`Searcher`):
    nothing one page learnt (the best ways of a query's words) serves the next. With no
    `engine`, the way a reader's search goes (Elasticsearch behind its breaker, then the
    database)."""
    from .query import SearchQuery
    from .service import Results, Searcher

    timings = []
    for _ in range(runs):
        for query in queries:
            text, filters = query if isinstance(query, tuple) else (query, {})
            searcher = Searcher()
            if engine is not None:
                searcher.engines = [type(engine)()]
            start = time.perf_counter()
            params = {"q": text, **filters}
            results = Results(SearchQuery.from_params(params, kinds=[KIND]), searcher)
            results.count()
            list(results[0:10])
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(0, round(len(timings) * 0.95) - 1)]


def analyze():
    """Planner statistics for documents just written in bulk (PostgreSQL)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchdocument, search_entry")


def engines_to_time(with_elasticsearch):
    """The database engine, and Elasticsearch over a freshly rebuilt index if asked."""
    from . import elastic
    from .database import DatabaseEngine

    engines = [DatabaseEngine()]
    if with_elasticsearch:
        start = time.perf_counter()
        elastic.rebuild()
        print(f"Elasticsearch index built in {time.perf_counter() - start:.1f}s", flush=True)
        engines.append(elastic.ElasticsearchEngine())
    return engines


def report(label, corpus, engine):
    for name, queries in corpus.query_sets().items():
        median, p95 = measure(engine, queries)
        print(
            f"{label:14} {name:13} page of results (count, facets, 10 hits): "
            f"median {median:6.1f} ms, p95 {p95:6.1f} ms",
            flush=True,
        )


def main():
    # scripts/bench.sh passes BENCH_STORIES as one argument.
    sizes = [int(size) for arg in sys.argv[1:] for size in arg.split()] or [3000]
    es_max = int(os.environ.get("BENCH_ELASTICSEARCH_MAX_STORIES", "10000"))
    django.setup()
    gc.freeze()  # as a worker does (website/wsgi.py)
    from django.db import connection

    from .indexing import elasticsearch_enabled
    from .models import SearchDocument

    corpus = Corpus()
    if not os.environ.get("BENCH_KEEP_CORPUS"):
        SearchDocument.objects.filter(kind=KIND).delete()
    for size in sizes:
        start = time.perf_counter()
        corpus.grow(size)
        analyze()
        print(
            f"\n{size} documents ({connection.vendor}), "
            f"written in {time.perf_counter() - start:.1f}s",
            flush=True,
        )
        engines = engines_to_time(elasticsearch_enabled() and size <= es_max)
        for engine in engines:
            report(engine.name, corpus, engine)
        if len(engines) > 1:
            while_elasticsearch_hangs(corpus)


def while_elasticsearch_hangs(corpus):
    """Readers' searches while Elasticsearch is alive but not answering (paused with SIGSTOP,
    as a stuck process or a full disk would leave it): the breaker should keep them at the
    database's own latency, all but the first in each cool-down."""
    pid_file = Path(os.environ.get("SERVICES_DIR", "/nonexistent")) / "es" / "pid"
    if not pid_file.exists():
        print("Elasticsearch frozen: not measured (it was not started by scripts/services.sh)")
        return
    pid = int(pid_file.read_text())
    os.kill(pid, signal.SIGSTOP)
    try:
        report("ES frozen", corpus, None)
    finally:
        os.kill(pid, signal.SIGCONT)


if __name__ == "__main__":
    main()

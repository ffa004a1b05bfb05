"""Search latency on both engines (run by scripts/bench.sh, not by the tests)."""

import random
import statistics
import sys
import time

import django

QUERIES = [
    "hoc tap lam theo bac",
    "Bác",
    "khen thuong",
    '"hu gao tinh thuong"',
    "bang ron co dang",
    "truonng",
    "dang vien",
    "kien luong",
]
WORDS = [
    "học",
    "tập",
    "làm",
    "theo",
    "tư",
    "tưởng",
    "đạo",
    "đức",
    "phong",
    "cách",
    "Hồ",
    "Chí",
    "Minh",
    "huyện",
    "Kiên",
    "Lương",
    "băng",
    "rôn",
    "cờ",
    "Đảng",
    "cờ",
    "phướn",
    "pano",
    "khen",
    "thưởng",
    "tập",
    "thể",
    "cá",
    "nhân",
    "mô",
    "hình",
    "hũ",
    "gạo",
    "tình",
    "thương",
    "Ba",
    "Hòn",
    "đô",
    "thị",
    "thanh",
    "niên",
    "đoàn",
    "viên",
    "phụ",
    "nữ",
    "nông",
    "dân",
    "tuyên",
    "truyền",
    "Hòn",
    "Chông",
    "Bình",
    "An",
    "Dương",
    "Hòa",
    "trường",
    "học",
]


def make_stories(count):
    from search import indexing
    from search.adapters import StoryAdapter
    from search.models import SearchDocument

    rng = random.Random(1195)
    adapter = StoryAdapter()
    SearchDocument.objects.filter(kind="bench").delete()

    class Story:
        def __init__(self, n):
            self.pk = 10_000_000 + n

    def document(story):
        from django.utils import timezone

        from search.registry import Document

        text = lambda k: " ".join(rng.choice(WORDS) for _ in range(k))  # noqa: E731
        return Document(
            title=text(8).capitalize(),
            lead=text(30),
            body=text(300),
            url=f"/bench/{story.pk}/",
            date=timezone.now() - timezone.timedelta(days=rng.randint(0, 3000)),
            section=rng.choice(["Tin tức", "Xây dựng Đảng", "Gương người tốt"]),
        )

    adapter.kind = "bench"
    adapter.get_document = document
    for n in range(count):
        indexing.store(adapter, Story(n))


def measure(engine, runs=5):
    from search.query import SearchQuery
    from search.service import Results, Searcher

    timings = []
    for _ in range(runs):
        for text in QUERIES:
            searcher = Searcher()
            searcher.engines = [engine]
            start = time.perf_counter()
            results = Results(SearchQuery.from_params({"q": text}, kinds=["bench"]), searcher)
            results.count()
            list(results[0:10])
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    django.setup()
    from django.db import connection

    from search import elastic
    from search.database import DatabaseEngine

    start = time.perf_counter()
    make_stories(count)
    print(f"{count} stories written in {time.perf_counter() - start:.1f}s ({connection.vendor})")
    start = time.perf_counter()
    elastic.rebuild()
    print(f"Elasticsearch index built in {time.perf_counter() - start:.1f}s")
    for engine in (DatabaseEngine(), elastic.ElasticsearchEngine()):
        median, p95 = measure(engine)
        print(
            f"{engine.name:14} page of results (count, facets, 10 hits): "
            f"median {median:.1f} ms, p95 {p95:.1f} ms"
        )


if __name__ == "__main__":
    main()

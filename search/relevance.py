"""Relevance of both engines' ranking (run by scripts/bench.sh, not by the tests).

    python -m search.relevance [stories]    (default 10000)

writes generated stories straight into SearchDocument (as indexing would) with titles in the
office's usual shape, "<unit> <commune> <action> “<model>” (n)" (news.corpus: about a dozen
stories share each unit, commune, action and model, and many more share three of them), each
in one of news.corpus's topics as its section, which its lead names. Then it asks each engine
what readers type:

- a sampled story's whole title, accented; without diacritics; without diacritics and one
  letter dropped from a word of three letters or more; its commune and model without
  diacritics. A result is relevant if its title has the same unit, commune, action and model
  (the last form: the same commune and model);
- each commune's name and each section's name without diacritics: relevant if the title
  names the commune, if the story is in the section.

Scores: MRR over the first ten results (1/rank of the first relevant one, 0 if none is in the
first ten) and recall@10 (relevant results in the first ten / min(10, relevant stories)).
Run it on a database of its own (`make bench` does): other documents compete for the first
ten places and count as irrelevant. The generated documents are deleted afterwards.
"""

import random
import statistics
import sys
import time
from datetime import timedelta

import django

KIND = "relevance"
PREFIX = f"/{KIND}/"
FIRST_ID = 20_000_000
BATCH = 2000
SAMPLED_TITLES = 40
SEED = 17
# Forms a reader types, and the MRR each engine must reach (None: only compared).
BOTH = {"database": 0.9, "elasticsearch": 0.9}
TARGETS = {
    "title, accented": BOTH,
    "title, no diacritics": BOTH,
    "title, no diacritics, a slip": BOTH,
    "commune + model": {},
    "commune": {"elasticsearch": 0.9},
    "section": {"elasticsearch": 0.9},
}
# The database engine's MRR may trail Elasticsearch's by this much on any form.
ENGINE_GAP = 0.1


class Corpus:
    def __init__(self, size):
        from news.corpus import TOPICS, story_title, title_parts

        self.size = size
        self.stories = []  # (parts, section, title), by number
        positions = dict.fromkeys(TOPICS, 0)
        for n in range(size):
            rng = random.Random(n)
            parts = title_parts(rng)
            section = rng.choice(TOPICS)
            positions[section] += 1
            self.stories.append((parts, section, story_title(parts, positions[section])))

    def write(self):
        from django.utils import timezone

        from news.corpus import COMMUNES, story_paragraphs

        from .indexing import remember_words, text_fields
        from .models import SearchDocument

        now = timezone.now()
        for first in range(0, self.size, BATCH):
            documents = []
            for n in range(first, min(first + BATCH, self.size)):
                _, section, title = self.stories[n]
                rng = random.Random(-n)
                date = now - timedelta(minutes=rng.randrange(60 * 24 * 365 * 8))
                texts = text_fields(
                    title=title,
                    lead=f"{title}. Tin từ {rng.choice(COMMUNES)}, chuyên mục {section}.",
                    body=" ".join(story_paragraphs(title, rng)),
                )
                documents.append(
                    SearchDocument(
                        kind=KIND,
                        object_id=FIRST_ID + n,
                        url=f"{PREFIX}{n}/",
                        section=section,
                        date=date,
                        year=date.year,
                        changed_at=now,
                        **texts,
                    )
                )
            SearchDocument.objects.bulk_create(documents)
            remember_words(*(d.title_folded + d.lead_folded + d.body_folded for d in documents))

    def queries(self):
        """{form: [(text, is relevant(story number))]}."""
        from news.corpus import COMMUNES, TOPICS
        from website.text import fold

        rng = random.Random(SEED)
        forms = {form: [] for form in TARGETS}
        for n in rng.sample(range(self.size), SAMPLED_TITLES):
            parts, _, title = self.stories[n]
            same = self._having(parts=parts)
            forms["title, accented"].append((title, same))
            forms["title, no diacritics"].append((fold(title), same))
            forms["title, no diacritics, a slip"].append((slip(fold(title), rng), same))
            _, commune, _, model = parts
            forms["commune + model"].append(
                (fold(f"{commune} {model}"), self._having(commune=commune, model=model))
            )
        forms["commune"] = [(fold(c), self._having(commune=c)) for c in COMMUNES]
        forms["section"] = [(fold(s), self._having(section=s)) for s in TOPICS]
        return forms

    def _having(self, parts=None, commune=None, model=None, section=None):
        def relevant(n):
            (unit, their_commune, action, their_model), their_section, _ = self.stories[n]
            return (
                (parts is None or parts == (unit, their_commune, action, their_model))
                and (commune is None or commune == their_commune)
                and (model is None or model == their_model)
                and (section is None or section == their_section)
            )

        relevant.count = sum(relevant(n) for n in range(self.size))
        return relevant


def slip(text, rng):
    """`text` with one letter dropped from one of its words of three letters or more."""
    words = text.split(" ")
    at = rng.choice([i for i, word in enumerate(words) if len(word) >= 3 and word.isalpha()])
    letter = rng.randrange(len(words[at]))
    words[at] = words[at][:letter] + words[at][letter + 1 :]
    return " ".join(words)


def number(hit):
    return int(hit["url"].removeprefix(PREFIX).strip("/"))


def evaluate(engine, queries):
    """(MRR@10, recall@10, median ms) of `engine` over (text, relevant) pairs."""
    from .query import SearchQuery

    reciprocal, recall, timings = [], [], []
    for text, relevant in queries:
        # Not narrowed to the generated kind: that filter would change the plans measured.
        query = SearchQuery.from_params({"q": text})
        start = time.perf_counter()
        hits = engine.hits(query, 0, 10)
        timings.append((time.perf_counter() - start) * 1000)
        found = [hit["url"].startswith(PREFIX) and relevant(number(hit)) for hit in hits]
        reciprocal.append(next((1 / rank for rank, ok in enumerate(found, 1) if ok), 0))
        recall.append(sum(found) / min(10, relevant.count))
    return statistics.mean(reciprocal), statistics.mean(recall), statistics.median(timings)


def main():
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    django.setup()
    from django.db import connection

    from .bench import analyze, engines_to_time
    from .indexing import elasticsearch_enabled
    from .models import SearchDocument

    SearchDocument.objects.filter(kind=KIND).delete()
    start = time.perf_counter()
    corpus = Corpus(size)
    corpus.write()
    analyze()
    print(
        f"\nRelevance: {size} stories ({connection.vendor}) written in "
        f"{time.perf_counter() - start:.1f}s",
        flush=True,
    )
    # Elasticsearch's column first: the one the database engine is held against.
    engines = engines_to_time(elasticsearch_enabled())[::-1]
    try:
        report(engines, corpus.queries())
    finally:
        SearchDocument.objects.filter(kind=KIND).delete()


def report(engines, forms):
    names = [engine.name for engine in engines]
    print(
        "| query | n | "
        + " | ".join(f"{name} MRR / recall@10 (median ms)" for name in names)
        + " |\n|---|---|"
        + "---|" * len(names),
        flush=True,
    )
    missed = []
    for form, queries in forms.items():
        mrr = {}
        cells = []
        with_engines = zip(names, engines, strict=True)
        for name, engine in with_engines:
            mrr[name], recall, median = evaluate(engine, queries)
            cells.append(f"{mrr[name]:.2f} / {recall:.2f} ({median:.0f})")
            if mrr[name] < TARGETS[form].get(name, 0):
                missed.append(f"{name} on {form}: MRR {mrr[name]:.2f} < {TARGETS[form][name]}")
        if len(mrr) == 2 and mrr["database"] < mrr["elasticsearch"] - ENGINE_GAP:
            missed.append(f"database trails Elasticsearch by more than {ENGINE_GAP} on {form}")
        print(f"| {form} | {len(queries)} | " + " | ".join(cells) + " |", flush=True)
    print("\n".join(["Targets missed:", *missed]) if missed else "Every target met.")


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Benchmarks (`make bench`): reader pages uncached at several corpus sizes, search latency on
# both engines, the legacy import's throughput, then pages through the front cache
# (scripts/bench_cache.sh).
# Starts PostgreSQL and Elasticsearch like the tests unless DATABASE_URL / ELASTICSEARCH_URL
# are given; BENCH_STORIES sets the search corpus sizes (default "300 10000 100000"),
# BENCH_RELEVANCE_STORIES the relevance corpus (default 10000).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export SERVICES_DIR=${SERVICES_DIR:-$(mktemp -d /tmp/kienluong-bench.XXXXXX)}
trap 'scripts/services.sh stop' EXIT
eval "$(scripts/services.sh start)"
export DJANGO_SETTINGS_MODULE=website.settings.dev
export SEARCH_INDEX_ALIAS=bench-content
# Reader pages at BENCH_PAGE_SIZES stories, in a database of their own (benchmarks/reader_pages.py).
PYTHONPATH=site:. "$PY" -m benchmarks.reader_pages "${BENCH_PAGE_SIZES:-300,10000,100000}"
"$PY" manage.py migrate --noinput -v 0
# Ranking quality on both engines (search/relevance.py); a bulk request of the index rebuild
# may take longer than readers' timeout on a busy machine.
SEARCH_ELASTICSEARCH_TIMEOUT=${SEARCH_ELASTICSEARCH_TIMEOUT:-30} PYTHONPATH=site:. "$PY" \
  -m search.relevance "${BENCH_RELEVANCE_STORIES:-10000}"
PYTHONPATH=site:. "$PY" -m search.bench "${BENCH_STORIES:-300 10000 100000}"
# Legacy story import throughput, on a database of its own (BENCH_IMPORT_DATABASE: sqlite,
# postgres or a URL; see news/bench.py).
env -u ELASTICSEARCH_URL PYTHONPATH=site:. "$PY" -m news.bench "${BENCH_IMPORT_STORIES:-1000}"
# Pages through Varnish, publish-to-served latency, a cache miss storm (docs/performance.md).
env -u ELASTICSEARCH_URL -u SEARCH_INDEX_ALIAS PY="$PY" scripts/bench_cache.sh

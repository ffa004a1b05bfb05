#!/usr/bin/env bash
# The test run behind `make test`: start the services not given through DATABASE_URL /
# ELASTICSEARCH_URL / REDIS_URL / VARNISH_URL, run the suite on SQLite (with the browser
# tests) and again on PostgreSQL (with the topology tests, whose application processes share
# its database), then stop what was started.
# `scripts/test.sh --quick` (`make test-quick`): the SQLite pass alone, without the browser and
# topology tests, so no PostgreSQL is started. Further arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export SERVICES_DIR=${SERVICES_DIR:-$(mktemp -d /tmp/kienluong-services.XXXXXX)}
trap 'scripts/services.sh stop' EXIT

quick=
if [ "${1:-}" = --quick ]; then
  quick=1
  shift
  export DATABASE_URL=sqlite:///:memory:
fi

given_database=${DATABASE_URL:-}
eval "$(scripts/services.sh start)"
postgres_url=${given_database:-$DATABASE_URL}

if [ -n "$quick" ]; then
  echo "== pytest on SQLite (quick: without browser and topology tests)"
  "$PY" -m pytest -m "not browser and not topology" "$@"
  exit
fi

echo "== pytest on SQLite (with browser tests)"
DATABASE_URL=sqlite:///:memory: "$PY" -m pytest -m "not topology" "$@"

echo "== pytest on PostgreSQL (with the topology tests)"
DATABASE_URL=$postgres_url "$PY" -m pytest -m "topology or not browser" "$@"

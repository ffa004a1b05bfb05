#!/usr/bin/env bash
# Front-cache benchmarks (part of `make bench`; figures in docs/performance.md, "Through the
# front cache"), on the demo content served by scripts/topology.sh:
#  1. requests/s for cached anonymous pages (home, story, section, exemplar list, yearly
#     report) from Varnish, next to nginx serving the very same bytes as a static file;
#  2. seconds from publishing a story to Varnish serving it on the home page, idle and while
#     readers load the home page;
#  3. a cache miss storm: readers load every story and the five pages while the whole cache
#     is banned every 5 s; error count and latency percentiles.
# Uses the services in the environment (scripts/services.sh) or starts its own; the demo goes
# into a database of its own. BENCH_SECONDS (10) and BENCH_CONNECTIONS (32) size the load.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PY:-$ROOT/.venv/bin/python}
SECONDS_EACH=${BENCH_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
export SERVICES_DIR=${SERVICES_DIR:-$(mktemp -d /tmp/kienluong-bench-cache.XXXXXX)}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

cleanup() {
  scripts/topology.sh stop || true
  [ -n "${own_services:-}" ] && scripts/services.sh stop
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if [ -z "${VARNISH_URL:-}" ]; then
  own_services=1
  eval "$(scripts/services.sh start)"
fi

# The demo in a database of its own, served at Varnish's address (so purges match).
"$PY" - <<PY
import psycopg
with psycopg.connect("$DATABASE_URL", autocommit=True) as db:
    db.execute("DROP DATABASE IF EXISTS cache_bench WITH (FORCE)")
    db.execute("CREATE DATABASE cache_bench")
PY
export DATABASE_URL=${DATABASE_URL%/*}/cache_bench
export DJANGO_SETTINGS_MODULE=website.settings.dev FRONTEND_CACHE_URL=$VARNISH_URL
export MEDIA_ROOT=$SERVICES_DIR/uploads
"$PY" manage.py migrate --noinput -v 0
PYTHONPATH=site:. "$PY" -m benchmarks.front_cache prepare "$VARNISH_URL" >"$SERVICES_DIR/paths"
eval "$(scripts/topology.sh start)"
static=$SERVICES_DIR/topology/static/bench
mkdir -p "$static"

rps() {  # url -> requests per second
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" "$1" | awk '/^Requests\/sec/ {print $2}'
}

echo "## Front cache: $(nproc) cores, wrk -t2 -c$CONNECTIONS -d${SECONDS_EACH}s"
echo
echo "| page | bytes | Varnish req/s | nginx static req/s | ratio |"
echo "| --- | ---: | ---: | ---: | ---: |"
n=0
for name in home story section exemplars report; do
  n=$((n + 1))
  path=$(sed -n "${n}p" "$SERVICES_DIR/paths")
  curl -fs -o /dev/null "$VARNISH_URL$path"
  curl -fs -o "$static/$name.html" "$VARNISH_URL$path"
  cached=$(rps "$VARNISH_URL$path")
  plain=$(rps "$SITE_URL/static/bench/$name.html")
  printf '| %s `%s` | %s | %s | %s | %s %% |\n' "$name" "$path" "$(stat -c %s "$static/$name.html")" \
    "$cached" "$plain" "$(awk -v a="$cached" -v b="$plain" 'BEGIN {printf "%.0f", 100 * a / b}')"
done

echo
read -r idle_median idle_worst idle_after idle_after_worst < <(
  PYTHONPATH=site:. "$PY" -m benchmarks.front_cache publish "$VARNISH_URL" 5)
wrk -t1 -c8 -d60s "$VARNISH_URL/" >/dev/null &
load=$!
read -r busy_median busy_worst busy_after busy_after_worst < <(
  PYTHONPATH=site:. "$PY" -m benchmarks.front_cache publish "$VARNISH_URL" 5)
kill "$load" 2>/dev/null || true
wait "$load" 2>/dev/null || true
echo "Publish to served on the home page through the cache (5 stories), from the publish call" \
  "(from its return): idle median ${idle_median} s (${idle_after} s), worst ${idle_worst} s" \
  "(${idle_after_worst} s); while readers load the home page median ${busy_median} s" \
  "(${busy_after} s), worst ${busy_worst} s (${busy_after_worst} s)."

# Miss storm: every story and the five pages in turn, the whole cache banned every 5 s (what
# an unpublished story or a settings change does). A reader waiting more than 10 s counts as
# an error.
host=${VARNISH_URL#http://}
cat >"$SERVICES_DIR/paths.lua" <<LUA
local paths = {}
for line in io.lines("$SERVICES_DIR/paths") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
LUA
(
  while true; do
    sleep 5
    curl -s -o /dev/null -X BAN -H "Host: $host" -H "X-Ban-Url: ^/" "$VARNISH_URL/"
  done
) &
banner=$!
storm=$(wrk -t2 -c"$CONNECTIONS" -d"$((SECONDS_EACH * 2))s" --timeout 10s --latency -s "$SERVICES_DIR/paths.lua" "$VARNISH_URL")
kill "$banner"
wait "$banner" 2>/dev/null || true
requests=$(awk '/requests in/ {print $1}' <<<"$storm")
errors=$(awk '/Non-2xx/ {e += $NF} /Socket errors/ {gsub(",", ""); e += $4 + $6 + $8 + $10} END {print e + 0}' <<<"$storm")
echo
echo "Miss storm ($(wc -l <"$SERVICES_DIR/paths") addresses, whole cache banned every 5 s," \
  "$((SECONDS_EACH * 2)) s): $requests requests, $errors errors," \
  "p50 $(awk '$1 == "50%" {print $2}' <<<"$storm"), p90 $(awk '$1 == "90%" {print $2}' <<<"$storm")," \
  "p99 $(awk '$1 == "99%" {print $2}' <<<"$storm")."

#!/usr/bin/env bash
# Start or stop the throwaway PostgreSQL, Elasticsearch, Redis and Varnish that the tests use.
#   scripts/services.sh start   -> prints `export DATABASE_URL=…`, `ELASTICSEARCH_URL`,
#                                  `REDIS_URL`, `VARNISH_URL` and `VARNISH_BACKEND_PORTS`
#   scripts/services.sh stop
#   scripts/services.sh restart-postgres   (for the tests of a database restart)
# A service whose URL is already in the environment is left alone (a given VARNISH_URL comes
# with the two ports its backends point at, VARNISH_BACKEND_PORTS="8001 8002"). Varnish runs
# deploy/varnish/default.vcl with two backends on free ports where the topology tests start
# two application processes (tests/topology/). As root every server runs as the unprivileged
# user $SERVICE_USER. A service that cannot start fails the run: tests never silently skip it.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=${SERVICES_DIR:-/tmp/kienluong-services}
SERVICE_USER=${SERVICE_USER:-kienluong-svc}
ES_VERSION=${ES_VERSION:-8.19.7}
ES_CACHE=${ES_CACHE:-$ROOT/var/elasticsearch}

log() { echo "services: $*" >&2; }

as_service_user() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$SERVICE_USER" -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

prepare_state() {
  mkdir -p "$STATE"
  if [ "$(id -u)" = 0 ]; then
    id "$SERVICE_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
    chown "$SERVICE_USER" "$STATE"
  fi
}

start_postgres() {
  local bindir port
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$bindir/initdb" ] || { log "PostgreSQL is not installed (apt-get install postgresql)"; exit 1; }
  port=$(free_port)
  rm -rf "$STATE/pg"
  as_service_user mkdir -p "$STATE/pg"
  as_service_user "$bindir/initdb" -D "$STATE/pg/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$STATE/pg-init.log" 2>&1 \
    || { cat "$STATE/pg-init.log" >&2; exit 1; }
  # pg_stat_statements: the reader-page benchmark reports PostgreSQL's own time per page.
  as_service_user "$bindir/pg_ctl" -D "$STATE/pg/data" -l "$STATE/pg/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $STATE/pg -F -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on" start >&2 \
    || { cat "$STATE/pg/server.log" >&2; exit 1; }
  echo "$bindir" >"$STATE/pg.bindir"
  log "PostgreSQL on 127.0.0.1:$port"
  echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
}

fetch_elasticsearch() {
  local home="$ES_CACHE/elasticsearch-$ES_VERSION"
  if [ ! -x "$home/bin/elasticsearch" ]; then
    mkdir -p "$ES_CACHE"
    log "fetching Elasticsearch $ES_VERSION (Maven integ-test-zip)"
    mvn -q -B dependency:copy \
      -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
      -DoutputDirectory="$ES_CACHE" >&2
    (cd "$ES_CACHE" && unzip -q -o "elasticsearch-$ES_VERSION.zip" && rm -f "elasticsearch-$ES_VERSION.zip")
  fi
  echo "$home"
}

java_home() {
  if [ -n "${ES_JAVA_HOME:-}" ]; then echo "$ES_JAVA_HOME"; return; fi
  local jdk
  for jdk in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-amd64; do
    [ -x "$jdk/bin/java" ] && { echo "$jdk"; return; }
  done
  log "no JDK found for Elasticsearch (set ES_JAVA_HOME)"; exit 1
}

start_elasticsearch() {
  local home port jdk
  home=$(fetch_elasticsearch)
  jdk=$(java_home)
  port=$(free_port)
  rm -rf "$STATE/es"
  mkdir -p "$STATE/es"
  # A private copy of the config: Elasticsearch writes its keystore there.
  cp -r "$home/config" "$STATE/es/config"
  [ "$(id -u)" = 0 ] && chown -R "$SERVICE_USER" "$STATE/es" && chmod o+rx "$ROOT" "$ROOT/var" "$ES_CACHE" 2>/dev/null || true
  as_service_user env ES_JAVA_HOME="$jdk" ES_PATH_CONF="$STATE/es/config" \
    ES_JAVA_OPTS="-Xms512m -Xmx512m" \
    "$home/bin/elasticsearch" -d -p "$STATE/es/pid" \
    -Expack.security.enabled=false -Ediscovery.type=single-node \
    -Enetwork.host=127.0.0.1 -Ehttp.port="$port" -Etransport.port=0 \
    -Epath.data="$STATE/es/data" -Epath.logs="$STATE/es/logs" \
    -Ecluster.routing.allocation.disk.threshold_enabled=false >"$STATE/es-start.log" 2>&1 \
    || { cat "$STATE/es-start.log" >&2; exit 1; }
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$port/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
      log "Elasticsearch $ES_VERSION on 127.0.0.1:$port"
      echo "export ELASTICSEARCH_URL=http://127.0.0.1:$port"
      return
    fi
    sleep 1
  done
  log "Elasticsearch did not start"; tail -n 40 "$STATE/es/logs/"*.log >&2 2>/dev/null || true
  exit 1
}

start_redis() {
  local port
  command -v redis-server >/dev/null || { log "Redis is not installed (apt-get install redis-server)"; exit 1; }
  port=$(free_port)
  as_service_user mkdir -p "$STATE/redis"
  as_service_user redis-server --bind 127.0.0.1 --port "$port" --dir "$STATE/redis" \
    --save "" --appendonly no --daemonize yes --pidfile "$STATE/redis/pid" \
    --logfile "$STATE/redis/server.log" >&2 || { log "Redis did not start"; exit 1; }
  for _ in $(seq 1 50); do
    if redis-cli -p "$port" ping >/dev/null 2>&1; then
      log "Redis on 127.0.0.1:$port"
      echo "export REDIS_URL=redis://127.0.0.1:$port/0"
      return
    fi
    sleep 0.1
  done
  log "Redis did not answer"; cat "$STATE/redis/server.log" >&2 2>/dev/null || true
  exit 1
}

start_varnish() {
  local port admin app1 app2
  command -v varnishd >/dev/null || { log "Varnish is not installed (apt-get install varnish)"; exit 1; }
  port=$(free_port); admin=$(free_port); app1=$(free_port); app2=$(free_port)
  as_service_user mkdir -p "$STATE/varnish"
  # The deployment's VCL with backends of its own: two application processes on this host.
  as_service_user tee "$STATE/varnish/backends.vcl" >/dev/null <<VCL
backend app1 { .host = "127.0.0.1"; .port = "$app1"; .probe = app_health; }
backend app2 { .host = "127.0.0.1"; .port = "$app2"; .probe = app_health; }
acl purgers { "127.0.0.1"; }
sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}
VCL
  chmod o+rx "$ROOT" "$ROOT/deploy" "$ROOT/deploy/varnish" 2>/dev/null || true
  as_service_user varnishd -j none -n "$STATE/varnish/work" -P "$STATE/varnish/pid" \
    -a "127.0.0.1:$port" -T "127.0.0.1:$admin" -s malloc,128m \
    -p vcl_path="$STATE/varnish:$ROOT/deploy/varnish" -f default.vcl >"$STATE/varnish-start.log" 2>&1 \
    || { cat "$STATE/varnish-start.log" >&2; exit 1; }
  for _ in $(seq 1 50); do
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
      log "Varnish on 127.0.0.1:$port, backends on 127.0.0.1:$app1 and :$app2"
      echo "export VARNISH_URL=http://127.0.0.1:$port"
      echo "export VARNISH_BACKEND_PORTS=\"$app1 $app2\""
      return
    fi
    sleep 0.1
  done
  log "Varnish did not answer"; cat "$STATE/varnish-start.log" >&2
  exit 1
}

stop_all() {
  if [ -f "$STATE/varnish/pid" ]; then
    kill "$(cat "$STATE/varnish/pid")" 2>/dev/null || true
  fi
  if [ -f "$STATE/redis/pid" ]; then
    kill "$(cat "$STATE/redis/pid")" 2>/dev/null || true
  fi
  if [ -f "$STATE/es/pid" ]; then
    kill "$(cat "$STATE/es/pid")" 2>/dev/null || true
  fi
  if [ -f "$STATE/pg.bindir" ] && [ -d "$STATE/pg/data" ]; then
    as_service_user "$(cat "$STATE/pg.bindir")/pg_ctl" -D "$STATE/pg/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$STATE"
}

restart_postgres() {
  [ -f "$STATE/pg.bindir" ] || { log "no PostgreSQL of ours to restart (DATABASE_URL was given)"; exit 1; }
  as_service_user "$(cat "$STATE/pg.bindir")/pg_ctl" -D "$STATE/pg/data" -l "$STATE/pg/server.log" \
    -m fast -w -t 60 restart >&2
}

case "${1:-}" in
  start)
    prepare_state
    [ -n "${DATABASE_URL:-}" ] || start_postgres
    [ -n "${ELASTICSEARCH_URL:-}" ] || start_elasticsearch
    [ -n "${REDIS_URL:-}" ] || start_redis
    [ -n "${VARNISH_URL:-}" ] || start_varnish
    ;;
  stop) stop_all ;;
  restart-postgres) restart_postgres ;;
  *) echo "usage: $0 start|stop|restart-postgres" >&2; exit 2 ;;
esac

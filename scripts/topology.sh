#!/usr/bin/env bash
# The production topology on one machine, for the topology tests and `make bench`:
#   nginx (static files) -> Varnish -> two application processes (gunicorn, production
#   settings, each on its own port with nothing shared but PostgreSQL and Redis), as two
#   application machines would be.
#   scripts/topology.sh start   -> prints `export SITE_URL=…` and `export APP_URLS="… …"`
#   scripts/topology.sh stop
# Needs DATABASE_URL, REDIS_URL, VARNISH_URL and VARNISH_BACKEND_PORTS from
# scripts/services.sh (which also gives ELASTICSEARCH_URL). State lives in $SERVICES_DIR.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=${PY:-$ROOT/.venv/bin/python}
STATE=${SERVICES_DIR:-/tmp/kienluong-services}/topology

log() { echo "topology: $*" >&2; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for() {  # url, what
  for _ in $(seq 1 150); do
    curl -fs -o /dev/null "$1" && return
    sleep 0.2
  done
  log "$2 did not answer at $1"; tail -n 40 "$STATE"/*.log >&2 || true
  exit 1
}

start() {
  : "${DATABASE_URL:?}" "${REDIS_URL:?}" "${VARNISH_URL:?}" "${VARNISH_BACKEND_PORTS:?}"
  rm -rf "$STATE"
  mkdir -p "$STATE/nginx"
  export DJANGO_SETTINGS_MODULE=website.settings.production
  export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-topology-only-not-secret}
  export DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1
  export DJANGO_SECURE_COOKIES=0  # plain HTTP here; production has TLS at nginx
  export DJANGO_SSL_REDIRECT=0
  export DJANGO_STATIC_ROOT=$STATE/static
  export FRONTEND_CACHE_URL=$VARNISH_URL
  export TRUSTED_PROXY_COUNT=2  # nginx and Varnish
  "$PY" "$ROOT/manage.py" collectstatic --noinput -v 0

  local urls="" port n=0
  for port in $VARNISH_BACKEND_PORTS; do
    n=$((n + 1))
    "$PY" -m gunicorn --chdir "$ROOT/site" website.wsgi:application \
      --bind "127.0.0.1:$port" --workers "${TOPOLOGY_WORKERS:-2}" --daemon \
      --pid "$STATE/app$n.pid" --error-logfile "$STATE/app$n.log" --capture-output
    urls="$urls http://127.0.0.1:$port"
  done
  for url in $urls; do wait_for "$url/robots.txt" "application"; done

  local nginx_port user=""
  nginx_port=$(free_port)
  # As root, nginx's workers run as the services' unprivileged user, who may read $STATE.
  [ "$(id -u)" = 0 ] && user="user ${SERVICE_USER:-kienluong-svc};"
  cat >"$STATE/nginx/nginx.conf" <<NGINX
$user
worker_processes auto;
pid $STATE/nginx/nginx.pid;
error_log $STATE/nginx.log;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path $STATE/nginx/body;
    proxy_temp_path $STATE/nginx/proxy;
    fastcgi_temp_path $STATE/nginx/fastcgi;
    uwsgi_temp_path $STATE/nginx/uwsgi;
    scgi_temp_path $STATE/nginx/scgi;
    server {
        listen 127.0.0.1:$nginx_port;
        # As deploy/nginx/kienluong.conf: the upload limit and its Vietnamese page.
        client_max_body_size 60m;
        error_page 413 /static/website/errors/413.html;
        location /static/ { alias $STATE/static/; expires 30d; }
        location / {
            if (\$request_method !~ ^(GET|HEAD|POST)\$) { return 405; }
            proxy_pass $VARNISH_URL;
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
        }
    }
}
NGINX
  nginx -c "$STATE/nginx/nginx.conf" -p "$STATE/nginx" -e "$STATE/nginx.log"

  # Varnish sends readers only to machines its health probe has seen answering.
  local workdir=${SERVICES_DIR:-/tmp/kienluong-services}/varnish/work
  if [ -d "$workdir" ]; then
    for _ in $(seq 1 100); do
      [ "$(varnishadm -n "$workdir" backend.list 2>/dev/null | grep -c -i ' healthy ')" -ge 2 ] && break
      sleep 0.2
    done
  fi
  wait_for "http://127.0.0.1:$nginx_port/robots.txt" "nginx and Varnish"
  log "nginx on 127.0.0.1:$nginx_port -> Varnish $VARNISH_URL -> applications$urls"
  echo "export SITE_URL=http://127.0.0.1:$nginx_port"
  echo "export APP_URLS=\"${urls# }\""
}

stop() {
  local pidfile pids=""
  for pidfile in "$STATE"/app*.pid "$STATE/nginx/nginx.pid"; do
    [ -f "$pidfile" ] && pids="$pids $(cat "$pidfile")"
  done
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  for pid in $pids; do
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  done
  # TOPOLOGY_KEEP_LOGS=DIR keeps the application and nginx logs for a look after a failure.
  if [ -n "${TOPOLOGY_KEEP_LOGS:-}" ]; then mkdir -p "$TOPOLOGY_KEEP_LOGS" && cp "$STATE"/*.log "$TOPOLOGY_KEEP_LOGS"/ || true; fi
  rm -rf "$STATE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac

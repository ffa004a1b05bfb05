#!/usr/bin/env bash
# The Debian packages `make test` needs (PostgreSQL, Redis, Varnish, nginx, Chromium, a JDK,
# Maven and unzip for the Elasticsearch that scripts/services.sh fetches, gettext, wrk;
# espeak-ng and sox for the demo's radio recording).
# Installs only the missing ones, as root and without questions; a machine that has them all
# does nothing and needs no network. Not root, with something missing: names the command to
# run and fails.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(postgresql redis-server varnish nginx chromium maven unzip curl gettext wrk espeak-ng sox libsox-fmt-mp3)
# The JDKs scripts/services.sh looks for (any one will do), newest first.
JDKS=(/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/java-17-openjdk-amd64)
JDK_PACKAGES=(openjdk-21-jdk-headless openjdk-17-jdk-headless)

installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

has_jdk() {
  [ -n "${ES_JAVA_HOME:-}" ] && return 0
  local jdk
  for jdk in "${JDKS[@]}"; do [ -x "$jdk/bin/java" ] && return 0; done
  return 1
}

missing=()
for package in "${PACKAGES[@]}"; do
  installed "$package" || missing+=("$package")
done
need_jdk=0
has_jdk || need_jdk=1
[ ${#missing[@]} -eq 0 ] && [ "$need_jdk" = 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "Missing Debian packages: ${missing[*]}$([ "$need_jdk" = 1 ] && echo " a JDK 17+")." >&2
  echo "Install them with:  sudo $0" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if [ "$need_jdk" = 1 ]; then
  for package in "${JDK_PACKAGES[@]}"; do
    if apt-cache show "$package" >/dev/null 2>&1; then missing+=("$package"); break; fi
  done
fi
echo "Installing ${missing[*]}" >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

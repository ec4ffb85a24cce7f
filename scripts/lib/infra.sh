#!/usr/bin/env bash
# Makes this machine ready for WhaleFall: PostgreSQL and RabbitMQ (with its management plugin) installed
# and running locally. Sourced by run-local.sh, test.sh and .ci/run. Debian/Ubuntu; needs root or sudo
# only when something has to be installed or started.

PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_SUPERUSER=${PG_SUPERUSER:-postgres}

log() { printf '\033[1;34m[whalefall]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[whalefall]\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi
}

apt_install() {
  log "installing $* with apt"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

pg_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; }

ensure_postgres() {
  if ! command -v pg_isready >/dev/null || ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    pg_ready || apt_install postgresql postgresql-client
  fi
  if ! pg_ready; then
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    log "starting PostgreSQL $version"
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || as_root pg_ctlcluster "$version" main start
    for _ in $(seq 1 60); do pg_ready && break; sleep 0.5; done
    pg_ready || die "PostgreSQL did not start"
  fi
  # The services and tests connect over TCP as the superuser without a password (local trust), as on
  # the project's machines; on a fresh install, allow that for 127.0.0.1 only.
  if ! psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    local hba
    hba=$(ls /etc/postgresql/*/main/pg_hba.conf | sort -V | tail -n 1)
    log "allowing local trust authentication in $hba"
    as_root sed -i -e '1i host all all ::1/128 trust' -e '1i host all all 127.0.0.1/32 trust' "$hba"
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n 1)" main reload \
      || as_root pg_ctlcluster "$(ls /etc/postgresql | sort -V | tail -n 1)" main reload
    psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres -Atqc 'select 1' >/dev/null \
      || die "cannot connect to PostgreSQL at $PG_HOST:$PG_PORT as $PG_SUPERUSER"
  fi
  log "PostgreSQL is ready on $PG_HOST:$PG_PORT"
}

rabbit_ready() { rabbitmqctl -q await_startup --timeout 5 >/dev/null 2>&1; }

ensure_rabbitmq() {
  command -v rabbitmq-server >/dev/null || apt_install rabbitmq-server
  if ! rabbit_ready; then
    log "starting RabbitMQ"
    as_root rabbitmq-server -detached >/dev/null 2>&1 || true
    for _ in $(seq 1 120); do rabbit_ready && break; sleep 0.5; done
    rabbit_ready || die "RabbitMQ did not start"
  fi
  if ! curl -fsS -u guest:guest http://127.0.0.1:15672/api/overview >/dev/null 2>&1; then
    log "enabling the RabbitMQ management plugin (dead-letter queues and test virtual hosts use its API)"
    as_root rabbitmq-plugins enable rabbitmq_management >/dev/null
    for _ in $(seq 1 60); do curl -fsS -u guest:guest http://127.0.0.1:15672/api/overview >/dev/null 2>&1 && break; sleep 0.5; done
    curl -fsS -u guest:guest http://127.0.0.1:15672/api/overview >/dev/null || die "RabbitMQ management API did not come up"
  fi
  log "RabbitMQ is ready on 127.0.0.1:5672 (management on :15672)"
}

ensure_java() {
  command -v java >/dev/null || apt_install openjdk-17-jdk-headless
  local major
  major=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
  [ "${major%%.*}" -ge 17 ] 2>/dev/null || die "Java 17 or newer is required (found $major)"
}

ensure_tools() {
  command -v curl >/dev/null || apt_install curl
}

# The dashboard's browser tests (e2e-tests, DashboardIT) drive Debian's headless Chromium through its
# WebDriver (/usr/bin/chromium, /usr/bin/chromedriver); the Debian packages keep the two versions matched.
ensure_chromium() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt_install chromium chromium-driver
  fi
  # the Debian wrapper script may print a harmless shell warning on stderr
  log "Chromium is ready: $(chromium --version 2>/dev/null | head -n 1)"
}

ready_machine() {
  ensure_tools
  ensure_java
  ensure_postgres
  ensure_rabbitmq
}

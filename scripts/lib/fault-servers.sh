#!/usr/bin/env bash
# A private PostgreSQL cluster and a private RabbitMQ node for the fault test, which stops and starts them
# at will: the machine's own servers (5432, 5672) are shared and must never be stopped.
#   scripts/lib/fault-servers.sh postgres start|stop     rabbitmq start|stop     teardown
# Everything lives under $FAULT_DIR; ports: $FAULT_PG_PORT, $FAULT_RABBITMQ_PORT (AMQP), the Erlang
# distribution port is AMQP + 20000 and the management API $FAULT_RABBITMQ_MANAGEMENT_PORT.
# The test calls this script itself (FaultToleranceFaultIT) for every outage.
set -euo pipefail

: "${FAULT_DIR:?FAULT_DIR must name the directory of the private servers}"
FAULT_PG_PORT=${FAULT_PG_PORT:-25433}
FAULT_RABBITMQ_PORT=${FAULT_RABBITMQ_PORT:-5682}
FAULT_RABBITMQ_MANAGEMENT_PORT=${FAULT_RABBITMQ_MANAGEMENT_PORT:-15682}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
RABBITMQ_BIN=${RABBITMQ_BIN:-/usr/lib/rabbitmq/bin}

PG_DATA=$FAULT_DIR/postgres
RABBITMQ_HOME_DIR=$FAULT_DIR/rabbitmq
RABBITMQ_NODE=whalefall-faults-$FAULT_RABBITMQ_PORT@localhost

# PostgreSQL refuses to run as root: run it as the postgres user when we are root.
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_start() {
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"
    [ "$(id -u)" = 0 ] && chown -R postgres "$FAULT_DIR" "$PG_DATA"
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 >"$FAULT_DIR/initdb.log"
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $FAULT_PG_PORT"
      echo "unix_socket_directories = '$PG_DATA'"
      echo "max_connections = 200"
      echo "fsync = on"
    } >>"$PG_DATA/postgresql.conf"
  fi
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$FAULT_DIR/postgres.log" -w -t 60 start >/dev/null
}

# Immediate: the server goes away as in a crash (no checkpoint, open connections are cut).
postgres_stop() {
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null
}

rabbitmq_env() {
  export HOME=$RABBITMQ_HOME_DIR # the Erlang cookie of this node and of rabbitmqctl
  export RABBITMQ_NODENAME=$RABBITMQ_NODE
  export RABBITMQ_NODE_PORT=$FAULT_RABBITMQ_PORT
  export RABBITMQ_DIST_PORT=$((FAULT_RABBITMQ_PORT + 20000))
  export RABBITMQ_MNESIA_BASE=$RABBITMQ_HOME_DIR/mnesia
  export RABBITMQ_LOG_BASE=$RABBITMQ_HOME_DIR/log
  export RABBITMQ_CONFIG_FILE=$RABBITMQ_HOME_DIR/rabbitmq.conf
  export RABBITMQ_ENABLED_PLUGINS_FILE=$RABBITMQ_HOME_DIR/enabled_plugins
  export RABBITMQ_PID_FILE=$RABBITMQ_HOME_DIR/rabbitmq.pid
  export RABBITMQ_CONF_ENV_FILE=$RABBITMQ_HOME_DIR/rabbitmq-env.conf
}

rabbitmq_start() {
  rabbitmq_env
  if [ ! -f "$RABBITMQ_CONFIG_FILE" ]; then
    mkdir -p "$RABBITMQ_HOME_DIR/log" "$RABBITMQ_HOME_DIR/mnesia"
    {
      echo "listeners.tcp.local = 127.0.0.1:$FAULT_RABBITMQ_PORT"
      echo "management.tcp.ip = 127.0.0.1"
      echo "management.tcp.port = $FAULT_RABBITMQ_MANAGEMENT_PORT"
    } >"$RABBITMQ_CONFIG_FILE"
    # the management API: the test creates its virtual host and inspects the queues through it
    echo '[rabbitmq_management].' >"$RABBITMQ_ENABLED_PLUGINS_FILE"
    # an empty env file: the machine's /etc/rabbitmq/rabbitmq-env.conf names the shared node
    echo 'ERL_EPMD_ADDRESS=127.0.0.1' >"$RABBITMQ_CONF_ENV_FILE"
  fi
  "$RABBITMQ_BIN/rabbitmq-server" -detached >/dev/null 2>&1
  for _ in $(seq 1 120); do
    "$RABBITMQ_BIN/rabbitmqctl" -n "$RABBITMQ_NODE" -q await_startup --timeout 5 >/dev/null 2>&1 && break
    sleep 0.5
  done
  for _ in $(seq 1 120); do
    curl -fsS -u guest:guest "http://127.0.0.1:$FAULT_RABBITMQ_MANAGEMENT_PORT/api/overview" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "private RabbitMQ $RABBITMQ_NODE did not start; see $RABBITMQ_HOME_DIR/log" >&2
  return 1
}

rabbitmq_stop() {
  rabbitmq_env
  "$RABBITMQ_BIN/rabbitmqctl" -n "$RABBITMQ_NODE" -q shutdown >/dev/null 2>&1 || true
}

teardown() {
  rabbitmq_stop
  if [ -f "$PG_DATA/postmaster.pid" ]; then postgres_stop || true; fi
  rm -rf "$FAULT_DIR"
}

case "${1:-}/${2:-}" in
  postgres/start) postgres_start ;;
  postgres/stop) postgres_stop ;;
  rabbitmq/start) rabbitmq_start ;;
  rabbitmq/stop) rabbitmq_stop ;;
  teardown/) teardown ;;
  *) echo "usage: $0 postgres|rabbitmq start|stop, or teardown" >&2; exit 2 ;;
esac

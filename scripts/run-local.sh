#!/usr/bin/env bash
# Runs the whole system locally: builds it, makes sure PostgreSQL and RabbitMQ are running (installing
# them if needed), creates the database roles and schemas, starts the four services, loads demo data and
# prints where to look. Ctrl-C stops everything it started.
#   ./scripts/run-local.sh             build, start, load demo data
#   SKIP_BUILD=1 ./scripts/run-local.sh    reuse the last build
#   NO_DEMO=1 ./scripts/run-local.sh       start without demo data
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/infra.sh

DB_NAME=${DB_NAME:-whalefall}
RUN_DIR=.run
# name:schema:API port:management port (health, metrics, OpenAPI)
SERVICES=(stats-ingestion:ingestion:8081:9081 period-aggregation:aggregation:8082:9082 session-tracking:sessions:8083:9083 query-api:query:8080:9080)
PIDS=()

stop_all() {
  if [ ${#PIDS[@]} -gt 0 ]; then
    log "stopping services"
    kill "${PIDS[@]}" 2>/dev/null || true
    wait "${PIDS[@]}" 2>/dev/null || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

ready_machine

if [ -z "${SKIP_BUILD:-}" ]; then
  log "building (./mvnw -B -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi

log "creating database $DB_NAME and one role + schema per service"
psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres -Atqc \
  "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1 \
  || psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_SUPERUSER" -d postgres -qc "CREATE DATABASE $DB_NAME"
for entry in "${SERVICES[@]}"; do
  IFS=: read -r _ schema _ <<<"$entry"
  # local passwords equal the role names; production takes them from secrets (see README)
  PGOPTIONS="-c client_min_messages=warning" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_SUPERUSER" -d "$DB_NAME" -q -v ON_ERROR_STOP=1 \
    -v role="whalefall_$schema" -v password="whalefall_$schema" -v schema="$schema" -f deploy/sql/provision.sql
done

mkdir -p "$RUN_DIR/logs"
for entry in "${SERVICES[@]}"; do
  IFS=: read -r name _ port management <<<"$entry"
  if curl -fsS -o /dev/null "http://127.0.0.1:$management/q/health/live" 2>/dev/null; then
    die "port $management is already in use (is another $name running?)"
  fi
  log "starting $name on :$port (log: $RUN_DIR/logs/$name.log)"
  java -Dquarkus.profile=dev -Xmx384m -jar "services/$name/target/quarkus-app/quarkus-run.jar" \
    >"$RUN_DIR/logs/$name.log" 2>&1 &
  PIDS+=($!)
done

for i in "${!SERVICES[@]}"; do
  IFS=: read -r name _ _ management <<<"${SERVICES[$i]}"
  for _ in $(seq 1 180); do
    curl -fsS -o /dev/null "http://127.0.0.1:$management/q/health/ready" 2>/dev/null && break
    kill -0 "${PIDS[$i]}" 2>/dev/null || die "$name exited; see $RUN_DIR/logs/$name.log"
    sleep 0.5
  done
  curl -fsS -o /dev/null "http://127.0.0.1:$management/q/health/ready" || die "$name did not become ready; see $RUN_DIR/logs/$name.log"
done
log "all four services are ready"

if [ -z "${NO_DEMO:-}" ]; then
  log "loading demo data (8 instances, 120 days) and backfilling every period type"
  java -cp "tools/target/classes:$(cat tools/target/classpath.txt)" io.whalefall.tools.DemoData
fi

cat <<EOF2

  WhaleFall capacity aggregation is running.

  Dashboard        http://localhost:8080/            (log in as admin/admin or viewer/viewer)
  Query API        http://localhost:8080/api/v1/capacity/databases   (OpenAPI: http://localhost:9080/q/openapi)
  Ingestion API    http://localhost:8081/api/v1/capacity/stats       (OpenAPI: http://localhost:9081/q/openapi)
  Aggregation      http://localhost:9082/q/health                    (works from the bus: no API of its own)
  Sessions         http://localhost:8080/api/v1/sync-sessions        (details, cancel: http://localhost:8083/api/v1/sync-sessions/{id}/...)
  Health, metrics  http://localhost:9080/q/health, :9080/q/metrics    (9080-9083: each service's management port)
  RabbitMQ UI      http://localhost:15672/                            (guest/guest)
  Logs             $RUN_DIR/logs/

  Try:  curl -u viewer:viewer 'http://localhost:8080/api/v1/capacity/databases?period_type=monthly&limit=5'

  Press Ctrl-C to stop.
EOF2
wait "${PIDS[@]}"

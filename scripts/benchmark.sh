#!/usr/bin/env bash
# The benchmark: builds, readies PostgreSQL and RabbitMQ, then starts the whole system on a private
# database and virtual host and measures ingestion, backfill, scale-out, freshness, query latency and
# memory, each next to a raw baseline measured in the same run. Prints a table and writes
# bench-results/<timestamp>/benchmark.json; stops and drops everything it started.
#   ./scripts/benchmark.sh           the issue's workload: 200 instances x 50 databases x 365 days
#   ./scripts/benchmark.sh --quick   40 x 50 x 120, a few minutes
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/infra.sh
ready_machine
if [ -z "${SKIP_BUILD:-}" ]; then
  log "building (./mvnw -B -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi
exec java -Xmx6g ${BENCH_JAVA_OPTS:-} -cp "tools/target/classes:$(cat tools/target/classpath.txt)" io.whalefall.tools.bench.Benchmark "$@"

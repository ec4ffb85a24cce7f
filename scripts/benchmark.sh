#!/usr/bin/env bash
# The benchmark: builds, readies PostgreSQL and RabbitMQ, then starts the whole system on a private
# database and virtual host and measures ingestion, backfill, scale-out, freshness, query latency and
# memory, each next to a raw baseline measured in the same run. Prints a table and writes
# bench-results/<timestamp>/benchmark.json; stops and drops everything it started.
#   ./scripts/benchmark.sh                  the issues' workloads: 200 instances x 50 databases x 365 days,
#                                           then 10,000 metric series x 60 minutes (about 45 minutes)
#   ./scripts/benchmark.sh --quick          40 x 50 x 120 and 10,000 series x 15 minutes (about 6 minutes)
#   ./scripts/benchmark.sh --ingestion-only the ingestion figure alone (with --quick: 1 minute)
#   ./scripts/benchmark.sh --metrics-only   the metric-window figures alone (with --quick: 2 minutes)
#   ./scripts/benchmark.sh --queries-only   the query figures alone, over a read model of 3.8 M database rows
#                                           seeded in SQL (3 minutes)
#   ./scripts/benchmark.sh --keep-database  keep the run's database for a look at query plans
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/infra.sh
ready_machine
if [ -z "${SKIP_BUILD:-}" ]; then
  log "building (./mvnw -B -q -DskipTests package)"
  ./mvnw -B -q -DskipTests package
fi
exec java -Xmx6g ${BENCH_JAVA_OPTS:-} -cp "tools/target/classes:$(cat tools/target/classpath.txt)" io.whalefall.tools.bench.Benchmark "$@"

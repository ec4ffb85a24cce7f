#!/usr/bin/env bash
# The fault test (e2e-tests, SystemFaultIT): a steady flow of samples and aggregation requests while each
# service is SIGKILLed and restarted, then PostgreSQL and then RabbitMQ are down for 3.5 minutes (longer
# than the redelivery backoff needs to reach the delivery limit); then checks that no sample was lost or
# counted twice, no valid message was dead-lettered, every session ended and every outbox is empty.
# It starts its OWN PostgreSQL cluster and RabbitMQ node (scripts/lib/fault-servers.sh) on other ports,
# stops and starts them at will and removes them at the end; the machine's servers are not touched.
#   ./scripts/fault-test.sh            the real run, about 15 minutes
#   ./scripts/fault-test.sh --smoke    20-second outages, about 5 minutes
#   --no-build                         use the services as last packaged (by default: ./mvnw install first)
# Durations (ISO-8601): WHALEFALL_FAULT_OUTAGE (PT3M30S), WHALEFALL_FAULT_PAUSE between faults (PT20S),
# WHALEFALL_FAULT_SETTLE (PT6M), WHALEFALL_FAULT_PACE between batches of each flow (PT1S).
# Ports: FAULT_PG_PORT (25433), FAULT_RABBITMQ_PORT (5682), FAULT_RABBITMQ_MANAGEMENT_PORT (15682).
# Services' logs: e2e-tests/target/fault-logs/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/infra.sh

BUILD=true
for arg in "$@"; do
  case "$arg" in
    --smoke)
      export WHALEFALL_FAULT_OUTAGE=${WHALEFALL_FAULT_OUTAGE:-PT20S}
      export WHALEFALL_FAULT_PAUSE=${WHALEFALL_FAULT_PAUSE:-PT15S} ;;
    --no-build) BUILD=false ;;
    *) die "unknown argument $arg (--smoke, --no-build)" ;;
  esac
done

ensure_tools
ensure_java
command -v rabbitmq-server >/dev/null || apt_install rabbitmq-server
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql

export FAULT_DIR=${FAULT_DIR:-$(mktemp -d /tmp/whalefall-faults.XXXXXX)}
export FAULT_PG_PORT=${FAULT_PG_PORT:-25433}
export FAULT_RABBITMQ_PORT=${FAULT_RABBITMQ_PORT:-5682}
export FAULT_RABBITMQ_MANAGEMENT_PORT=${FAULT_RABBITMQ_MANAGEMENT_PORT:-15682}
trap 'scripts/lib/fault-servers.sh teardown' EXIT

if [ "$BUILD" = true ]; then
  log "packaging the services (skip with --no-build)"
  ./mvnw -B -q install -DskipTests
fi

log "starting a private PostgreSQL on :$FAULT_PG_PORT and RabbitMQ on :$FAULT_RABBITMQ_PORT in $FAULT_DIR"
scripts/lib/fault-servers.sh postgres start
scripts/lib/fault-servers.sh rabbitmq start

export WHALEFALL_TEST_PG_PORT=$FAULT_PG_PORT
export WHALEFALL_TEST_RABBITMQ_PORT=$FAULT_RABBITMQ_PORT
export WHALEFALL_TEST_RABBITMQ_MANAGEMENT_URL=http://127.0.0.1:$FAULT_RABBITMQ_MANAGEMENT_PORT

log "running the fault test (outages ${WHALEFALL_FAULT_OUTAGE:-PT3M30S})"
if ./mvnw -B verify -pl e2e-tests -Dit.test=SystemFaultIT -Dsurefire.failIfNoSpecifiedTests=false; then
  log "VERDICT: PASSED — nothing lost, nothing counted twice, no good message dead-lettered"
else
  log "VERDICT: FAILED — see the [fault-test] lines above and e2e-tests/target/fault-logs/"
  exit 1
fi

#!/usr/bin/env bash
# Runs every test: unit tests, each service's @QuarkusTests and the end-to-end tests, against the local
# PostgreSQL and RabbitMQ (each test run in its own database and virtual host), and the dashboard's tests
# in headless Chromium. Readies the machine first.
#   ./scripts/test.sh            all tests
#   ./scripts/test.sh -pl services/query-api -am    any extra Maven arguments
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/infra.sh
ready_machine
ensure_chromium
log "running ./mvnw -B verify $*"
exec ./mvnw -B verify "$@"

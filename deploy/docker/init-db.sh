#!/usr/bin/env bash
# First-start hook of the postgres image (mounted into /docker-entrypoint-initdb.d; runs once, when the
# data directory is empty): creates the WhaleFall database and, with deploy/sql/provision.sql, one role
# owning one schema per service.
#
# Environment (all optional):
#   WHALEFALL_DB_NAME                   database to create (default whalefall)
#   WHALEFALL_PROVISION_SQL             path of provision.sql inside the container (default
#                                       /opt/whalefall/provision.sql; NOT under initdb.d, where the image
#                                       would run it on its own, without the variables it needs)
#   WHALEFALL_INGESTION_DB_PASSWORD     password of whalefall_ingestion   (default: the role name)
#   WHALEFALL_AGGREGATION_DB_PASSWORD   password of whalefall_aggregation (default: the role name)
#   WHALEFALL_SESSIONS_DB_PASSWORD      password of whalefall_sessions    (default: the role name)
#   WHALEFALL_QUERY_DB_PASSWORD         password of whalefall_query       (default: the role name)
# The defaults are for a local stack only.
#
# The image sources this file instead of running it when it is not executable, so it sets no shell
# options beyond the entrypoint's own and keeps its variables local to a function.
set -Eeo pipefail

whalefall_init_db() {
  local db=${WHALEFALL_DB_NAME:-whalefall}
  local sql=${WHALEFALL_PROVISION_SQL:-/opt/whalefall/provision.sql}
  local superuser=${POSTGRES_USER:-postgres}
  local entry schema password_var password

  if [ ! -r "$sql" ]; then
    echo "init-db.sh: $sql is missing; mount deploy/sql/provision.sql there" >&2
    return 1
  fi

  echo "init-db.sh: creating database $db"
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$superuser" --dbname postgres -v db="$db" <<'SQL'
SELECT format('CREATE DATABASE %I', :'db')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL

  for entry in ingestion:WHALEFALL_INGESTION_DB_PASSWORD aggregation:WHALEFALL_AGGREGATION_DB_PASSWORD \
               sessions:WHALEFALL_SESSIONS_DB_PASSWORD query:WHALEFALL_QUERY_DB_PASSWORD; do
    schema=${entry%%:*}
    password_var=${entry#*:}
    password=${!password_var:-whalefall_$schema}
    echo "init-db.sh: provisioning role whalefall_$schema and schema $schema"
    psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --username "$superuser" --dbname "$db" \
      -v role="whalefall_$schema" -v password="$password" -v schema="$schema" -f "$sql"
  done
}

whalefall_init_db

#!/usr/bin/env bash
# Run by the whalefall-db-provision Job: creates the database if it is missing, then one role and schema
# per service with deploy/sql/provision.sql (idempotent; a rerun also applies changed passwords).
# Connection: DB_HOST/DB_PORT/DB_NAME (whalefall-config) and PGUSER/PGPASSWORD/PGSSLMODE
# (whalefall-db-admin). Role passwords: <SCHEMA>_DB_PASSWORD, each from its service's Secret.
set -euo pipefail

export PGHOST="$DB_HOST" PGPORT="$DB_PORT"
sql=${PROVISION_SQL:-/sql/provision.sql}
roles=(ingestion:INGESTION_DB_PASSWORD aggregation:AGGREGATION_DB_PASSWORD
       sessions:SESSIONS_DB_PASSWORD query:QUERY_DB_PASSWORD)

# Placeholders left in the Secrets would become real, publicly known passwords: refuse them.
for entry in "${roles[@]}"; do
  password_var=${entry#*:}
  case "${!password_var:-}" in
    "" | *CHANGE-ME*)
      echo "provision-roles: $password_var is empty or still CHANGE-ME; set the service's Secret first" >&2
      exit 1 ;;
  esac
done

psql -v ON_ERROR_STOP=1 --no-psqlrc --dbname postgres -v db="$DB_NAME" <<'SQL'
SELECT format('CREATE DATABASE %I', :'db')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL

for entry in "${roles[@]}"; do
  schema=${entry%%:*}
  password_var=${entry#*:}
  echo "provision-roles: role whalefall_$schema, schema $schema in database $DB_NAME"
  psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --dbname "$DB_NAME" \
    -v role="whalefall_$schema" -v password="${!password_var}" -v schema="$schema" -f "$sql"
done
echo "provision-roles: done"

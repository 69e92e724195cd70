#!/usr/bin/env bash
# Starts WildFly (unpacked and configured under target/ by `mvn install`) with the Ferry sample deployed.
# Embedded H2 by default; FERRY_SAMPLE_DB=postgres uses PostgreSQL (database ferry_sample, created if missing).
set -euo pipefail
cd "$(dirname "$0")"
home=$(ls -d target/wildfly-*/ 2>/dev/null | head -1)
if [ -z "$home" ] || [ ! -f target/ferry-sample.war ]; then
  echo "Build first: mvn -q -DskipTests install" >&2
  exit 1
fi
cp target/ferry-sample.war "$home/standalone/deployments/"
opts=()
if [ "${FERRY_SAMPLE_DB:-h2}" = "postgres" ]; then
  psql -h "${FERRY_PG_HOST:-127.0.0.1}" -U "${FERRY_PG_USER:-postgres}" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '${FERRY_PG_DATABASE:-ferry_sample}'" | grep -q 1 \
    || psql -h "${FERRY_PG_HOST:-127.0.0.1}" -U "${FERRY_PG_USER:-postgres}" -d postgres -c "CREATE DATABASE ${FERRY_PG_DATABASE:-ferry_sample}"
  opts+=("-Dferry.sample.datasource=java:jboss/datasources/FerryPostgres")
  echo "Database: PostgreSQL ${FERRY_PG_HOST:-127.0.0.1}:${FERRY_PG_PORT:-5432}/${FERRY_PG_DATABASE:-ferry_sample}"
else
  echo "Database: WildFly's embedded H2 (ExampleDS); FERRY_SAMPLE_DB=postgres uses PostgreSQL"
fi
cat <<'TEXT'
Ferry sample starting on http://localhost:8080 (Ctrl-C stops it). Try:
  curl -s -X POST localhost:8080/orders -H 'Content-Type: application/json' -d '{"customer":"ada","totalCents":1999}'
  curl -s localhost:8080/orders/<id>          # the order, and the events the MDB received
  curl -s localhost:8080/sagas/<sagaId>       # the fulfilment saga: status, history, effects
  curl -s -X POST localhost:8080/orders -H 'Content-Type: application/json' -d '{"customer":"bo","totalCents":500,"failShipping":true}'
  curl -s -X POST localhost:8080/orders -H 'Content-Type: application/json' -d '{"customer":"cy","totalCents":700,"awaitCarrier":true}'
  curl -s -X POST localhost:8080/sagas/<sagaId>/shipped   # the carrier's reply to a waiting saga
  curl -s -X PUT 'localhost:8080/payouts/provider?up=false'; curl -s -X POST 'localhost:8080/payouts?payee=dee&amountCents=900'
The operator console: http://localhost:8080/ferry/ (operator ferry-operator / Operator-1-pass, viewer ferry-viewer /
Viewer-1-pass); the payout above is SUSPENDED there until the provider is up again and an operator resumes it.
TEXT
exec "$home/bin/standalone.sh" -c standalone-full.xml "${opts[@]}"

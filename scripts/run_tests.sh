#!/usr/bin/env bash
# Run the whole suite on SQLite, then the date-sensitive tests at every instant of the clock
# sweep (tests/clock.py), then the whole suite again on PostgreSQL.
#
# PostgreSQL is used when TEST_DATABASE_URL or DATABASE_URL names a server, or when one answers
# on 127.0.0.1:5432; with CI set, that run is mandatory. Extra arguments go to pytest.
# Both runs always happen; the exit status is non-zero if either failed.
set -euo pipefail
cd "$(dirname "$0")/.."

LOCAL_POSTGRESQL=postgresql+psycopg://postgres@127.0.0.1:5432/test
# Two workers for two cores; a stuck test fails after ten minutes instead of hanging CI.
PYTEST=(.venv/bin/pytest -n "${PYTEST_WORKERS:-2}" --timeout "${PYTEST_TIMEOUT:-600}" "$@")

postgresql_url() {
  local url
  for url in "${TEST_DATABASE_URL:-}" "${DATABASE_URL:-}"; do
    if [[ $url == postgres* ]]; then
      echo "$url"
      return
    fi
  done
  echo "$LOCAL_POSTGRESQL"
}

postgresql_answers() {
  # libpq tools do not know SQLAlchemy's driver suffix.
  local libpq_url=${1/+psycopg/}
  libpq_url=${libpq_url/#postgres:/postgresql:}
  if command -v pg_isready > /dev/null; then
    pg_isready --quiet --timeout=5 --dbname="$libpq_url"
  else
    .venv/bin/python -c 'import sys, psycopg; psycopg.connect(sys.argv[1], connect_timeout=5).close()' \
      "$libpq_url" 2> /dev/null
  fi
}

status=0
started=$SECONDS
echo "== Test suite on SQLite"
env -u TEST_DATABASE_URL "${PYTEST[@]}" || status=1
echo "== SQLite run: $((SECONDS - started)) s"

# The date-sensitive tests at each instant of tests/clock.py's SWEEP: every weekday at 23:30,
# the daylight-saving changes, 31 December and 29 February, in Paris, Cayenne and Nouméa.
started=$SECONDS
echo "== Clock sweep on SQLite"
env -u TEST_DATABASE_URL "${PYTEST[@]}" -m dates --clock-sweep -q || status=1
echo "== Clock sweep: $((SECONDS - started)) s"

url=$(postgresql_url)
if postgresql_answers "$url"; then
  started=$SECONDS
  echo "== Test suite on PostgreSQL ($(sed -E 's#//([^:/@]+):[^@]*@#//\1:***@#' <<< "$url"))"
  TEST_DATABASE_URL=$url "${PYTEST[@]}" || status=1
  echo "== PostgreSQL run: $((SECONDS - started)) s"
elif [[ -n ${CI:-} ]]; then
  echo "PostgreSQL is mandatory under CI, but no server answers at ${url##*@}." >&2
  status=1
else
  echo "== PostgreSQL run skipped: no server answers at ${url##*@} (set TEST_DATABASE_URL)."
fi
exit $status

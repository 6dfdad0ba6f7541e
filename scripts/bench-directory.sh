#!/usr/bin/env bash
# The directory benchmark (bench/directory.py) on SQLite, then on a throwaway
# PostgreSQL server when this machine has one installed and we are root.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
status=0
echo "== directory, 100,000 listings, SQLite =="
$PY bench/directory.py > /dev/null || status=1
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -n "$PGBIN" ] && [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
  PGDATA=$(mktemp -d /tmp/walks-bench-pg.XXXXXX)
  chown postgres:postgres "$PGDATA"
  trap 'runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1; rm -rf "$PGDATA"' EXIT
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres >/dev/null
  PGPORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -w -l "$PGDATA/server.log" \
    -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1" start >/dev/null
  psql -h 127.0.0.1 -p "$PGPORT" -U postgres -q -c "CREATE ROLE walks LOGIN CREATEDB" \
    -c "CREATE DATABASE walks OWNER walks"
  echo "== directory, 100,000 listings, PostgreSQL =="
  DATABASE_URL="postgres://walks@127.0.0.1:$PGPORT/walks" $PY bench/directory.py > /dev/null || status=1
else
  echo "No PostgreSQL server to start here: the directory benchmark ran on SQLite only."
fi
$PY - <<'PY'
import json, pathlib
for path in sorted(pathlib.Path("bench-results").glob("directory-*.json")):
    r = json.loads(path.read_text())
    big = r["100000"]
    print(f"\n{r['engine']}: /tips/ {big['tips_ms']} ms; /doctors/ at 100,000 listings "
          f"(ms, x tips; uncached ms, x tips):")
    for name, p in big["pages"].items():
        print(f"  {name:<18}{p['median_ms']:>8}{p['over_tips']:>7}x"
              f"{p['uncached_ms']:>9}{p['uncached_over_tips']:>7}x   {p['queries']} queries")
    print(f"  [{'x' if r['target_met'] else ' '}] every query <= 3x /tips/ "
          f"(worst {r['worst_over_tips_100k']}x)")
PY
exit $status

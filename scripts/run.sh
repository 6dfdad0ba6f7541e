#!/usr/bin/env bash
# make run: the web server and, beside it, the worker that runs background
# tasks from the database queue (manage.py db_worker; at low CPU priority, so
# pages stay quick while it reads a large import). Ctrl-C stops both.
set -euo pipefail
PY=${PY:-.venv/bin/python}
PORT=${PORT:-8000}
nice -n 19 "$PY" manage.py db_worker --interval 1 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT INT TERM
"$PY" manage.py runserver "127.0.0.1:$PORT"

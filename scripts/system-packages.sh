#!/usr/bin/env bash
# Installs the Debian packages a task needs, when they are missing.
#   scripts/system-packages.sh test    Chromium (browser tests), Pango and fonts (PDF)
#   scripts/system-packages.sh ci      the same, PostgreSQL and Redis (.ci/run)
#   scripts/system-packages.sh bench   wrk (load generator)
#   scripts/system-packages.sh messages  gettext (compiles the Hindi catalogue)
# As root it uses apt-get; otherwise it stops and prints the command to run.
set -euo pipefail

need=()
want() { command -v "$1" >/dev/null 2>&1 || need+=("$2"); }
want_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed" || need+=("$1"); }
# The PDF report (WeasyPrint): Pango, and fonts for Latin and Devanagari (Hindi).
pdf() { want_pkg libpango-1.0-0; want_pkg libpangoft2-1.0-0; want_pkg fonts-dejavu-core; want_pkg fonts-lohit-deva; }

case "${1:-test}" in
  messages) want msgfmt gettext ;;
  test) want chromium chromium; want msgfmt gettext; pdf ;;
  ci)
    want chromium chromium
    want msgfmt gettext
    pdf
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
    want redis-server redis-server
    ;;
  bench) want wrk wrk ;;
  *) echo "usage: $0 test|ci|bench|messages" >&2; exit 2 ;;
esac

[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${need[*]}" >&2
  echo "Install them with:  sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q "${need[@]}" >/dev/null 2>&1 || {
  apt-get update -q
  apt-get install -y -q "${need[@]}"
}

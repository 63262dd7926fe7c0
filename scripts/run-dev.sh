#!/usr/bin/env bash
# Start IPGuard for development: migrate, load content and the demo company, then run the web
# server, a Celery worker and beat together. Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT=${PORT:-8000}

if [ ! -f .env ]; then
  key=$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(50))')
  printf 'DEBUG=true\nSECRET_KEY=%s\n' "$key" > .env
  echo "Wrote .env for development (DEBUG=true, a random SECRET_KEY)."
fi

"$BIN/python" manage.py migrate --noinput
"$BIN/python" manage.py load_playbooks
"$BIN/python" manage.py seed_demo

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

if "$BIN/python" -c "import os, redis; redis.Redis.from_url(os.environ.get('REDIS_URL', 'redis://127.0.0.1:6379/0'), socket_connect_timeout=2).ping()" 2>/dev/null; then
  "$BIN/celery" -A ipguard worker --loglevel=INFO --concurrency=2 &
  pids+=($!)
  "$BIN/celery" -A ipguard beat --loglevel=INFO &
  pids+=($!)
else
  cat <<MSG

  *** No Redis answers at ${REDIS_URL:-redis://127.0.0.1:6379/0}. ***
  The web app starts, but no reminder or report will be sent until Redis runs.
  Start one with:   redis-server --daemonize yes
  or with Docker:   docker compose up -d redis
  then run 'make run' again (or set REDIS_URL to your server).

MSG
fi

echo
echo "  IPGuard is starting at http://127.0.0.1:${PORT}/  (log in with a demo account above)"
echo
"$BIN/python" manage.py runserver "127.0.0.1:${PORT}"

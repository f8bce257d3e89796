#!/usr/bin/env bash
# The fleet benchmark (issue 13) with a Redis of its own: starts Debian's redis-server on a free
# port, runs `cargo bench --bench fleet`, and stops Redis by its PID.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v redis-server >/dev/null || { echo "needs redis-server (apt-get install redis-server)" >&2; exit 1; }
# A port nobody answers on, so a Redis the machine already runs is left alone.
port=
for _ in $(seq 50); do
    candidate=$((20000 + RANDOM % 20000))
    if ! (echo > "/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
test -n "$port"
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
REDIS_URL="redis://127.0.0.1:$port/" cargo bench -p braze-benches --bench fleet --features redis

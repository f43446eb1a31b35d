#!/usr/bin/env bash
# Load and soak: the axum example (release build) on 127.0.0.1 under mixed
# webhook traffic from wrk (scripts/soak.lua: accepted, refused and passed-through
# requests), for DURATION seconds after a WARMUP. Prints requests, the answers
# by class, socket errors, latency percentiles, and the server's resident memory
# (VmRSS) idle, after the warm-up, every 10 s, and at the end. Stops by itself;
# exits non-zero when any answer was unexpected or any socket error occurred.
#
#   bash scripts/soak.sh                      # 60 s, 64 connections, 2 threads
#   DURATION=300 CONNECTIONS=128 bash scripts/soak.sh
#   MIX=hostile bash scripts/soak.sh          # 60 KiB queries and 64 KiB bodies
#
# Needs wrk (Debian: apt-get install -y wrk) and curl.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-60}
WARMUP=${WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PORT=${PORT:-38471}
MIX=${MIX:-mixed}
case "$MIX" in
  mixed) script=scripts/soak.lua ;;
  hostile) script=scripts/soak-hostile.lua ;;
  *) echo "soak: MIX is mixed or hostile" >&2; exit 2 ;;
esac

command -v wrk >/dev/null || { echo "soak: wrk is needed (apt-get install -y wrk)" >&2; exit 2; }
command -v curl >/dev/null || { echo "soak: curl is needed" >&2; exit 2; }

cargo build --release --example axum --locked
work=$(mktemp -d)
PORT=$PORT SDKAPPID=1400000001 target/release/examples/axum >/dev/null 2>"$work/server.err" &
server=$!
sampler=""
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break
  sleep 0.1
done
kill -0 "$server" 2>/dev/null || { echo "soak: the server did not start" >&2; cat "$work/server.err" >&2; exit 1; }

rss() { awk '/^VmRSS:/ {print $2}' "/proc/$server/status"; }
url="http://127.0.0.1:$PORT"

echo "soak: $MIX traffic to the axum example at $url, $THREADS threads, $CONNECTIONS connections, ${DURATION}s after ${WARMUP}s warm-up"
echo "rss_idle_kib $(rss)"
timeout $((WARMUP + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$script" "$url" >"$work/warmup.txt"
grep -E '^unexpected' "$work/warmup.txt" | sed 's/^/warmup /'
echo "rss_after_warmup_kib $(rss)"

( while kill -0 "$server" 2>/dev/null; do echo "rss_sample_kib $(rss)"; sleep 10; done ) &
sampler=$!
timeout $((DURATION + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s --latency \
  -s "$script" "$url" | tee "$work/run.txt"
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
sampler=""
echo "rss_end_kib $(rss)"
sleep 2
echo "rss_end_after_2s_idle_kib $(rss)"

unexpected=$(awk '/^unexpected / {print $2}' "$work/run.txt")
if [ "${unexpected:-1}" != "0" ]; then
  echo "soak: FAILED, $unexpected unexpected answers or socket errors" >&2
  exit 1
fi
echo "soak: passed"

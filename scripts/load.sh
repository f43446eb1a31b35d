#!/usr/bin/env bash
# Server-level comparison for BENCHMARKS.md: the battle-ended webhook through
# the layer in handler mode, in forward mode, and written by hand, against a
# plain axum route on the same server, all POSTed the same sample body by wrk
# over loopback. Bounded: each run lasts DURATION seconds,
# and the server is stopped on exit.
#
#   scripts/load.sh                 # 11 interleaved rounds of 3 s per route, 2 threads, 32 connections
#   DURATION=20 ROUNDS=5 scripts/load.sh
#
# Needs, checked before starting: curl, and wrk, which is installed with
# apt-get when missing if this runs as root (Debian's wrk package).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v curl >/dev/null || { echo "load: needs curl (Debian: apt-get install -y curl)" >&2; exit 2; }
if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        echo "load: needs wrk; install it (Debian: apt-get install -y wrk), or run this as root with apt-get to have it installed" >&2
        exit 2
    fi
    echo "load: installing wrk with apt-get" >&2
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

DURATION=${DURATION:-3}
ROUNDS=${ROUNDS:-11}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-3100}

cargo build --release --example load_target

PORT=$PORT target/release/examples/load_target 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null; rm -f "$lua"' EXIT
lua=$(mktemp --suffix=.lua)
body=$(tr -d '\n' < tests/fixtures/Live.CallbackAfterEndBattle/sample.json | sed 's/\\/\\\\/g; s/"/\\"/g')
cat > "$lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = "$body"
LUA
for _ in $(seq 50); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break
    sleep 0.1
done

query="SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterEndBattle&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI"
webhook="http://127.0.0.1:$PORT/tencent/callback?$query"
forward="http://127.0.0.1:$PORT/forward/callback?$query"
twin="http://127.0.0.1:$PORT/twin?$query"
plain="http://127.0.0.1:$PORT/plain"
sample=tests/fixtures/Live.CallbackAfterEndBattle/sample.json

# Check every route answers before measuring.
for url in "$webhook" "$forward" "$twin"; do
    curl -sf -X POST -H 'content-type: application/json' --data-binary @"$sample" "$url" | grep -q '"ActionStatus":"OK"'
done
curl -sf -X POST -H 'content-type: application/json' --data-binary @"$sample" "$plain" >/dev/null

rps() { # url -> requests per second
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$lua" "$1" \
        | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "non-2xx:" $0 > "/dev/stderr"}'
}

echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, $ROUNDS interleaved rounds"
echo "| round | handler mode req/s | forward mode req/s | axum twin req/s | plain req/s | handler / plain | forward / plain |"
echo "|---|---:|---:|---:|---:|---:|---:|"
handler_ratios=()
forward_ratios=()
for round in $(seq "$ROUNDS"); do
    h=$(rps "$webhook")
    f=$(rps "$forward")
    t=$(rps "$twin")
    p=$(rps "$plain")
    hr=$(awk -v a="$h" -v b="$p" 'BEGIN { printf "%.3f", a / b }')
    fr=$(awk -v a="$f" -v b="$p" 'BEGIN { printf "%.3f", a / b }')
    handler_ratios+=("$hr")
    forward_ratios+=("$fr")
    echo "| $round | $h | $f | $t | $p | $hr | $fr |"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo
echo "median ratio handler mode / plain: $(median "${handler_ratios[@]}") (target >= 0.90)"
echo "median ratio forward mode / plain: $(median "${forward_ratios[@]}") (reported beside it)"

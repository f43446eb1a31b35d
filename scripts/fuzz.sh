#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for FUZZ_SECONDS each (default 600),
# one after another, and prints per target: the time, the executions, the
# corpus size and the findings (crash files under fuzz/artifacts/<target>/).
# Exits non-zero when a target finds a crash.
#
#   bash scripts/fuzz.sh                    # 10 minutes a target
#   FUZZ_SECONDS=30 bash scripts/fuzz.sh    # the smoke run (scripts/fuzz-smoke.sh)
#   bash scripts/fuzz.sh query              # one target
#
# cargo fuzz needs nightly's -Z flags; RUSTC_BOOTSTRAP=1 lets the stable
# toolchain accept them. The fuzz crate builds in fuzz/target, apart from the
# crate's own target directory; corpora grow in fuzz/corpus (not committed),
# starting from the seeds in fuzz/seeds and the fixtures of tests/fixtures;
# each target's log is kept in fuzz/logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

FUZZ_SECONDS=${FUZZ_SECONDS:-600}
export RUSTC_BOOTSTRAP=1

if ! command -v cargo-fuzz >/dev/null; then
  cargo install cargo-fuzz --locked
fi

# Release mode with debug assertions: fast, and integer overflow still panics.
cargo fuzz build -O --debug-assertions

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list)
fi

status=0
summary=()
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target" "artifacts/$target" logs
  seeds=("seeds/$target")
  if [ "$target" = body ]; then
    seeds+=(../tests/fixtures)
  fi
  extra=()
  if [ -f "dict/$target.dict" ]; then
    extra+=("-dict=dict/$target.dict")
  fi
  before=$(find "artifacts/$target" -type f | wc -l)
  log="logs/$target.log"
  started=$(date +%s)
  set +e
  cargo fuzz run -O --debug-assertions "$target" "corpus/$target" "${seeds[@]}" -- \
    -max_total_time="$FUZZ_SECONDS" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 "${extra[@]}" >"$log" 2>&1
  code=$?
  set -e
  elapsed=$(( $(date +%s) - started ))
  execs=$(awk '/^stat::number_of_executed_units:/ {print $NF}' "$log")
  files=$(find "corpus/$target" -type f | wc -l)
  bytes=$(( $(du -sb "corpus/$target" | cut -f1) / 1024 ))
  found=$(( $(find "artifacts/$target" -type f | wc -l) - before ))
  line="$target: ${elapsed}s, ${execs:-?} executions, corpus $files files (${bytes} KiB), $found new findings, exit $code"
  summary+=("$line")
  echo "$line"
  if [ "$code" -ne 0 ]; then
    status=1
    echo "---- $target failed; the end of its log:" >&2
    tail -n 40 "$log" >&2
  fi
done

echo
echo "== fuzz summary (${FUZZ_SECONDS}s a target)"
printf '%s\n' "${summary[@]}"
exit "$status"

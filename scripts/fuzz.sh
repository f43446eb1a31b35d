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
# Needs, checked before starting:
# - cargo-fuzz 0.13.2 (CARGO_FUZZ_VERSION below), installed when missing with
#   `cargo install --locked` (network to crates.io); another version already
#   installed is used, with a warning.
# - a C++ compiler (`c++`, or $CXX): libfuzzer-sys builds libFuzzer, which is
#   C++ (Debian: apt-get install -y g++).
# - nothing nightly: cargo fuzz passes nightly's -Z flags (AddressSanitizer),
#   and this script sets RUSTC_BOOTSTRAP=1 so that the stable toolchain
#   accepts them.
#
# The fuzz crate builds in fuzz/target, apart from the crate's own target
# directory; corpora grow in fuzz/corpus (not committed), starting from the
# seeds in fuzz/seeds and the fixtures of tests/fixtures; each target's log is
# kept in fuzz/logs/<target>.log. Record what was fuzzed with
# scripts/fuzz-record.sh.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

FUZZ_SECONDS=${FUZZ_SECONDS:-600}
CARGO_FUZZ_VERSION=0.13.2
export RUSTC_BOOTSTRAP=1

cxx=${CXX:-c++}
if ! command -v "$cxx" >/dev/null; then
  echo "fuzz: needs a C++ compiler ($cxx not found) to build libFuzzer; Debian: apt-get install -y g++" >&2
  exit 2
fi
if ! command -v cargo-fuzz >/dev/null; then
  echo "fuzz: installing cargo-fuzz $CARGO_FUZZ_VERSION" >&2
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi
installed=$(cargo fuzz --version | awk '{print $2}')
if [ "$installed" != "$CARGO_FUZZ_VERSION" ]; then
  echo "fuzz: warning: using cargo-fuzz $installed; this script pins $CARGO_FUZZ_VERSION" \
    "(cargo install cargo-fuzz --version $CARGO_FUZZ_VERSION --locked --force)" >&2
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

#!/usr/bin/env bash
# Mutation testing of the decision and security core with cargo-mutants: each
# mutant is a small bug put into the code (a condition negated, a function
# made to return a constant, an operator swapped); the tests must fail on it.
# Fails when a mutant survives (is "missed") and is not listed, with the
# reason no test can tell it apart, in mutants-equivalent.txt.
#
#   bash scripts/mutants.sh                     # the whole core
#   bash scripts/mutants.sh -F Decision        # extra arguments go to every cargo mutants run
#   MUTANTS_PARTS="answer verify" bash scripts/mutants.sh   # some parts only
#   MUTANTS_OUT=/tmp/m bash scripts/mutants.sh  # results there, not in target/mutants
#   MUTANTS_SINCE_RECORD=1 bash scripts/mutants.sh  # only code changed since the recorded run (.ci/run)
#
# The core (PARTS below): the files that verify, read, decode, dispatch and
# answer a webhook, replies and dead letters included. Left out: the event
# types and their field rules (src/lenient.rs, src/table.rs, and the command
# families under src/: battle/, room/, member/, message/, chat/ but its
# decisions, gift.rs, seat.rs, recording.rs, follow.rs), which the
# model-based properties, the attack matrix and the fuzz targets check
# against tests/model/; the optional
# features' glue (axum.rs, idempotency.rs); src/testing/ (helpers for tests);
# macros.rs and lib.rs.
#
# The tests, in passes, so that each mutant builds as few test targets as
# it needs (a mutant's cost is mostly the build of the library and of each
# test target it runs):
# - Pass 1: every mutant, against the one or two test targets that catch
#   most mutants of its part (PARTS below): mostly tests/attacks.rs, the
#   attack matrix (every command, both modes, the head, the body, the
#   answers).
# - Pass 2: the survivors of pass 1, against every integration test of the
#   core (LATER below).
# - Pass 3: the survivors of pass 2, against the library's unit tests.
# - Pass 4: the survivors of pass 3, against the model-based properties
#   (tests/properties.rs, a minute of proptest).
# A mutant is missed only when every one of these passes with it.
# Not run: doctests, examples, the server, storage and decoding suites
# (servers, sqlite, postgres, realworld, examples, gifts, decode_member,
# decode_message, decode_room). A mutant
# whose tests hang past the timeout counts as caught (a hang is a failure
# Tencent would see); the summary counts them.
#
# Needs, checked before starting:
# - cargo-mutants 27.1.0 (CARGO_MUTANTS_VERSION below), installed when missing
#   with `cargo install --locked` (network to crates.io); another version
#   already installed is used, with a warning.
# - the working tree as it is: the run mutates a copy of the checkout made
#   with `cp -a` (target/ included, so the build is warm when target/ is), and
#   never touches the checkout itself.
#
# Results in target/mutants/: pass1.<outcome>.txt and pass2.<outcome>.txt
# (caught, missed, timeout, unviable: cargo-mutants' lists), and summary.txt,
# the score per file and the run time.
#
# mutants-equivalent.txt: one line per mutant that no test can tell apart
# from the code, as cargo-mutants prints it, then two spaces, `#` and why.
# The line and column are ignored when matching (they move with any edit);
# each line excuses one surviving mutant of that name. Lines starting with
# `#` are comments.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

CARGO_MUTANTS_VERSION=27.1.0
# Seconds for one mutant's tests, and in the pass of the properties (a
# minute of proptest); a build has BUILD_TIMEOUT.
TIMEOUT=${MUTANTS_TIMEOUT:-60}
TIMEOUT_LONG=${MUTANTS_TIMEOUT_LONG:-400}
BUILD_TIMEOUT=${MUTANTS_BUILD_TIMEOUT:-600}

# The core, in parts run one after another (the decision and the security
# checks first): a name, the test targets of pass 1 for it (those that catch
# most of its mutants), and its files.
PARTS=(
  "answer | attacks decisions per_user_decisions | src/answer.rs src/reply.rs src/code.rs src/chat/decision.rs src/chat/sns/decision.rs src/chat/official/decision.rs src/chat/bot/reply.rs src/ack.rs src/rejection.rs"
  "verify | attacks middleware | src/signature.rs src/query.rs src/head.rs"
  "dispatch | attacks decisions | src/dispatch.rs src/future.rs src/service.rs src/layer.rs src/config.rs src/timer.rs"
  "read | attacks | src/body.rs src/read.rs"
  "decode | attacks | src/decode.rs src/event.rs"
  "dead-letters | dead_letters | src/dead_letter.rs"
)
# Only these parts, when set (names separated by spaces).
ONLY=${MUTANTS_PARTS:-}
# The test targets of the passes after the first, one pass a line (`lib` is
# the library's unit tests): every integration suite of the core, then the
# unit tests, then the minute of properties.
LATER=(
  "attacks audit dead_letters decisions decode lifecycle limits live metrics middleware own_command per_user_decisions tracing"
  "lib"
  "properties"
)

equivalents=mutants-equivalent.txt
out=${MUTANTS_OUT:-target/mutants}

if ! command -v cargo-mutants >/dev/null; then
  echo "mutants: installing cargo-mutants $CARGO_MUTANTS_VERSION" >&2
  cargo install --locked "cargo-mutants@$CARGO_MUTANTS_VERSION"
fi
installed=$(cargo mutants --version | awk '{print $2}')
if [ "$installed" != "$CARGO_MUTANTS_VERSION" ]; then
  echo "mutants: warning: using cargo-mutants $installed; this script pins $CARGO_MUTANTS_VERSION" \
    "(cargo install --locked cargo-mutants@$CARGO_MUTANTS_VERSION --force)" >&2
fi

field() { local value; value=$(cut -d'|' -f"$2" <<<"$1"); echo $value; }
selected=()
for part in "${PARTS[@]}"; do
  name=$(field "$part" 1)
  if [ -z "$ONLY" ] || [[ " $ONLY " == *" $name "* ]]; then selected+=("$part"); fi
done
if [ ${#selected[@]} -eq 0 ]; then
  echo "mutants: no part named in MUTANTS_PARTS=$ONLY" >&2
  exit 2
fi
files=()
for part in "${selected[@]}"; do
  for file in $(field "$part" 3); do files+=(-f "$file"); done
done

# The cargo arguments that select these test targets.
targets() {
  local target
  for target in "$@"; do
    if [ "$target" = lib ]; then
      printf '%s\n' -C --lib
    else
      printf '%s\n' -C --test -C "$target"
    fi
  done
}

mkdir -p "$out"
rm -f "$out"/pass[0-9]*.txt "$out/summary.txt" "$out/since-record.diff"

# MUTANTS_SINCE_RECORD=1 (what .ci/run sets): only the mutants in code
# changed since the tree SECURITY.md records as mutation-tested, in its line
# `Mutated tree: src/ at <tree id>` (`git rev-parse HEAD:src` of the run
# recorded). Nothing changed: nothing to run. No record, or a tree this
# repository does not have: the whole core.
since=()
if [ "${MUTANTS_SINCE_RECORD:-}" = 1 ]; then
  recorded=$(sed -nE 's/^Mutated tree: src\/ at ([0-9a-f]{40})[[:space:]]*$/\1/p' SECURITY.md | head -n1)
  current=$(git rev-parse --verify --quiet HEAD:src || true)
  if [ -n "$recorded" ] && [ -n "$current" ] && git cat-file -e "$recorded^{tree}" 2>/dev/null; then
    if [ "$recorded" = "$current" ]; then
      echo "mutants: src/ is the tree SECURITY.md records as mutation-tested ($current): nothing to run"
      exit 0
    fi
    git diff --src-prefix=a/src/ --dst-prefix=b/src/ "$recorded" "$current" >"$out/since-record.diff"
    echo "mutants: only the code changed since the recorded tree $recorded (git diff --stat $recorded $current)"
    since=(--in-diff "$root/$out/since-record.diff")
    case $out in /*) since=(--in-diff "$out/since-record.diff") ;; esac
  else
    echo "mutants: warning: no recorded tree to compare with (SECURITY.md, 'Mutated tree: src/ at <tree id>'): the whole core" >&2
  fi
fi

# A copy of the checkout, mutated in place: cp -a keeps the timestamps, so
# cargo finds target/ fresh.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/mutants.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
echo "mutants: copying the checkout to $scratch"
cp -a "$root/." "$scratch/tree"

started=$(date +%s)


# cargo-mutants exits 0 when every mutant was caught, 2 when some were
# missed, 3 when some timed out; anything else is a failure of the run.
run() {
  local code=0
  (cd "$scratch/tree" && cargo mutants --in-place --all-features --no-shuffle \
    --build-timeout "$BUILD_TIMEOUT" --colors never "$@") || code=$?
  case $code in
    0 | 2 | 3) ;;
    *)
      echo "mutants: cargo mutants failed (exit $code)" >&2
      exit "$code"
      ;;
  esac
}

for file in caught missed timeout unviable; do : >"$out/pass1.$file.txt"; done
for part in "${selected[@]}"; do
  name=$(field "$part" 1)
  read -ra part_tests <<<"$(field "$part" 2)"
  part_files=()
  for file in $(field "$part" 3); do part_files+=(-f "$file"); done
  mapfile -t tests < <(targets "${part_tests[@]}")
  echo "== pass 1, $name: every mutant of $(field "$part" 3); tests: ${part_tests[*]}"
  run --timeout "$TIMEOUT" "${part_files[@]}" "${tests[@]}" "${since[@]}" -o "$scratch/pass1-$name" "$@"
  for file in caught missed timeout unviable; do
    # No mutant in the part (none in the changed code): no lists.
    if [ -f "$scratch/pass1-$name/mutants.out/$file.txt" ]; then
      cat "$scratch/pass1-$name/mutants.out/$file.txt" >>"$out/pass1.$file.txt"
    fi
  done
done

# The later passes: exactly the survivors of the pass before, each name
# (with its file, line and column) as a regular expression.
missed=$out/pass1.missed.txt
pass=1
for later in "${LATER[@]}"; do
  pass=$((pass + 1))
  read -ra pass_tests <<<"$later"
  timeout=$TIMEOUT
  [[ " $later " != *" properties "* ]] || timeout=$TIMEOUT_LONG
  survivors=$(grep -c . "$missed" || true)
  [ "$survivors" -gt 0 ] || break
  echo "== pass $pass: the $survivors survivors; tests: ${pass_tests[*]}"
  mapfile -t tests < <(targets "${pass_tests[@]}")
  regex=()
  while IFS= read -r mutant; do
    regex+=(-F "^$(printf '%s' "$mutant" | sed 's/[][\.*^$(){}+?|/]/\\&/g')\$")
  done <"$missed"
  run --timeout "$timeout" "${files[@]}" "${tests[@]}" "${regex[@]}" -o "$scratch/pass$pass" "$@"
  for file in caught missed timeout unviable; do
    cp "$scratch/pass$pass/mutants.out/$file.txt" "$out/pass$pass.$file.txt"
  done
  tested=$(cat "$out"/pass$pass.{caught,missed,timeout,unviable}.txt | grep -c . || true)
  if [ "$tested" -lt "$survivors" ]; then
    echo "mutants: pass $pass tested $tested of the $survivors survivors: a name did not match" >&2
    exit 1
  fi
  # cargo-mutants' name filter lets some mutants through that it was not
  # given (a struct field deleted, in any file of the run): a mutant the pass
  # before caught stays caught, so only the survivors of both passes go on.
  sort "$missed" >"$scratch/before.txt"
  sort "$out/pass$pass.missed.txt" >"$scratch/now.txt"
  comm -12 "$scratch/before.txt" "$scratch/now.txt" >"$out/pass$pass.survivors.txt"
  missed=$out/pass$pass.survivors.txt
done
elapsed=$(($(date +%s) - started))

# A mutant's name without its line and column, which move with any edit.
strip() { sed -E 's/^([^:]+):[0-9]+:[0-9]+: /\1: /'; }

# The listed equivalents, one per line: the mutant, two spaces, '#', why.
listed=$(grep -vE '^[[:space:]]*(#|$)' "$equivalents" 2>/dev/null | sed -E 's/  #.*$//' | strip | sort || true)
survivors=$(strip <"$missed" | sort)
# Each listed line excuses one survivor of that name.
unlisted=$(comm -23 <(printf '%s\n' "$survivors" | grep . || true) <(printf '%s\n' "$listed" | grep . || true))
stale=$(comm -13 <(printf '%s\n' "$survivors" | grep . || true) <(printf '%s\n' "$listed" | grep . || true))

{
  echo "mutation score per file (caught or timed out, of the viable mutants); src/ at $(git rev-parse HEAD:src 2>/dev/null || echo '?')"
  all=$(cat "$out/pass1.caught.txt" "$out/pass1.missed.txt" "$out/pass1.timeout.txt" | strip | sed 's/: .*//' | sort -u)
  for file in $all; do
    total=$(cat "$out/pass1.caught.txt" "$out/pass1.missed.txt" "$out/pass1.timeout.txt" | grep -c "^$file:" || true)
    lost=$(grep -c "^$file:" "$missed" || true)
    equivalent=$(printf '%s\n' "$listed" | grep -c "^$file:" || true)
    echo "$file: $((total - lost)) of $total caught, $lost missed ($equivalent listed as equivalent)"
  done
  echo "unviable (did not build): $(grep -c . "$out/pass1.unviable.txt" || true); timed out (counted as caught): $(cat "$out"/pass*.timeout.txt | grep -c . || true)"
  for pass in $(seq 1 $((${#LATER[@]} + 1))); do
    [ -f "$out/pass$pass.caught.txt" ] || continue
    kept=$out/pass$pass.survivors.txt
    [ -f "$kept" ] || kept=$out/pass$pass.missed.txt
    echo "pass $pass: $(cat "$out/pass$pass".{caught,missed,timeout}.txt | grep -c . || true) mutants tested, $(grep -c . "$kept" || true) survived"
  done
  echo "run time: ${elapsed}s"
} | tee "$out/summary.txt"

# (A run of the changed code only does not see the other equivalents.)
if [ -n "$stale" ] && [ ${#since[@]} -eq 0 ]; then
  echo "mutants: warning: listed in $equivalents but not missed (caught now, or no longer generated):" >&2
  sed 's/^/  /' <<<"$stale" >&2
fi
if [ -n "$unlisted" ]; then
  echo "mutants: FAIL: mutants that no test catches, not listed in $equivalents:" >&2
  sed 's/^/  /' <<<"$unlisted" >&2
  echo "Kill each with a test, or list it with the reason no test can tell it apart." >&2
  exit 1
fi
echo "mutants: every surviving mutant is listed as equivalent"

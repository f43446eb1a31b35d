#!/usr/bin/env bash
# Which code the fuzz runs recorded in SECURITY.md covered. SECURITY.md says
# it in one line of its own, naming the git tree of src/ that was fuzzed:
#
#   Fuzzed tree: src/ at <40-hex tree id>
#
# where the id is what `git rev-parse HEAD:src` printed for the commit fuzzed.
# The id changes with any change under src/ and with nothing else.
#
#   bash scripts/fuzz-record.sh show    # the current tree id and the recorded one
#   bash scripts/fuzz-record.sh check   # warns when they differ; never fails
#
# Needs git and a git checkout; the tree id is HEAD's, so uncommitted changes
# under src/ are not in it (both commands say when there are some).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

record_file=SECURITY.md
format='Fuzzed tree: src/ at <40-hex tree id>'

warn() { printf 'fuzz-record: warning: %s\n' "$*" >&2; }

# The tree id of src/ at HEAD, or nothing.
current() {
  command -v git >/dev/null && git rev-parse --verify --quiet HEAD:src 2>/dev/null
}

# The recorded tree ids, one a line (there should be exactly one).
recorded() {
  [[ -f $record_file ]] || return 0
  sed -nE 's/^[[:space:]]*Fuzzed tree: src\/ at ([0-9a-f]{40})[[:space:]]*$/\1/p' "$record_file"
}

# Lines that look like a record but do not follow the format.
malformed() {
  [[ -f $record_file ]] || return 0
  grep -nE '^[[:space:]]*Fuzzed tree' "$record_file" |
    grep -vE '^[0-9]+:[[:space:]]*Fuzzed tree: src/ at [0-9a-f]{40}[[:space:]]*$' || true
}

uncommitted_note() {
  if [[ -n $(git status --porcelain -- src 2>/dev/null) ]]; then
    echo "src/ has uncommitted changes, which the tree id of HEAD does not include"
  fi
}

show() {
  local now
  now=$(current)
  if [[ -z $now ]]; then
    echo "fuzz-record: no tree id for src/: this needs git and a git checkout with a commit" >&2
    exit 1
  fi
  echo "current:  Fuzzed tree: src/ at $now"
  local ids
  ids=$(recorded)
  if [[ -z $ids ]]; then
    echo "recorded: none ($record_file has no line '$format')"
  else
    while read -r id; do echo "recorded: Fuzzed tree: src/ at $id"; done <<<"$ids"
  fi
  local note
  note=$(uncommitted_note)
  [[ -z $note ]] || echo "note: $note"
}

# Warnings only: the fuzz runs are long and manual, CI must not wait on them.
check() {
  local now ids count bad note
  now=$(current)
  if [[ -z $now ]]; then
    warn "no tree id for src/ (needs git and a git checkout with a commit): the fuzz record was not checked"
    return 0
  fi
  if [[ ! -f $record_file ]]; then
    warn "there is no $record_file, so no record of which code was fuzzed"
    return 0
  fi
  bad=$(malformed)
  if [[ -n $bad ]]; then
    warn "lines of $record_file that do not follow the format '$format':"
    printf '  %s\n' "$bad" >&2
  fi
  ids=$(recorded)
  count=$(grep -c . <<<"$ids")
  if [[ $count -eq 0 ]]; then
    warn "$record_file has no line '$format': there is no record of which code was fuzzed (src/ is now $now)"
  elif [[ $count -gt 1 ]]; then
    warn "$record_file has $count lines '$format'; there should be one:"
    printf '  %s\n' $ids >&2
  elif [[ $ids != "$now" ]]; then
    warn "src/ is not the tree that was fuzzed: src/ is $now, $record_file records $ids."
    if git cat-file -e "$ids^{tree}" 2>/dev/null; then
      warn "what changed since: git diff --stat $ids $now"
    else
      warn "the recorded tree is not in this repository"
    fi
    warn "fuzz this tree (scripts/fuzz.sh) and update the record"
  else
    echo "fuzz-record: src/ is the tree the recorded fuzz runs covered ($now)"
  fi
  note=$(uncommitted_note)
  [[ -z $note ]] || warn "$note"
  return 0
}

case ${1:-} in
  show) show ;;
  check) check ;;
  *)
    echo "usage: $0 show|check" >&2
    exit 2
    ;;
esac

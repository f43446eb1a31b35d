#!/usr/bin/env bash
# A bounded fuzz smoke run for CI: each cargo-fuzz target for 30 seconds
# (FUZZ_SECONDS to change it); exits non-zero on any crash. Needs what
# scripts/fuzz.sh needs: a C++ compiler, and cargo-fuzz (the pinned version is
# installed when missing). See scripts/fuzz.sh and SECURITY.md.
set -euo pipefail
FUZZ_SECONDS=${FUZZ_SECONDS:-30} exec bash "$(dirname "$0")/fuzz.sh" "$@"

#!/usr/bin/env bash
# Every test of the project, as CI runs it:
#   formatting and lints (warnings denied) → Rust tests (core, reference
#   server, facade) → a short bounded fuzz run of the media parsers →
#   the Kotlin (JVM) and Swift (Linux) binding suites against the host library
#   → the Android shell's Robolectric suite (JVM, SDK 26 and 34) → the iOS
#   shell's Swift package (Linux), both against the host library → the
#   network lab's short run (EDGE, congested 3G, flaky 3G; about 2 minutes).
# Installs what it needs (needs root for apt, tmpfs and the Swift root).
#
#   scripts/test-all.sh              # everything
#   FUZZ_SECONDS=0 scripts/test-all.sh     # without fuzzing
#   BINDINGS=0 scripts/test-all.sh         # without the Kotlin and Swift suites
#   SHELLS=0 scripts/test-all.sh           # without the shells' suites
#   NETLAB=0 scripts/test-all.sh           # without the network lab
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

step() { printf '\n=== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

step "dependencies"
scripts/install-deps.sh

step "rustfmt"
cargo fmt --all -- --check

step "clippy (warnings denied)"
cargo clippy --workspace --all-targets --locked -- -D warnings
# Without the tests' `internals` feature: the library as it ships.
cargo clippy -p checkin-core -p checkin-ffi --lib --locked -- -D warnings

step "Rust tests"
cargo test --workspace --locked

if [[ "${FUZZ_SECONDS:-20}" != 0 ]]; then
    step "fuzzing the photo and voice parsers (${FUZZ_SECONDS:-20} s each)"
    scripts/media/fuzz.sh "${FUZZ_SECONDS:-20}"
fi

if [[ "${BINDINGS:-1}" != 0 ]]; then
    step "Kotlin and Swift bindings"
    bash .ci/bindings-test.sh
fi

if [[ "${SHELLS:-1}" != 0 ]]; then
    step "Android shell (Robolectric on the JVM, real core)"
    scripts/shells/test-android.sh
    step "iOS shell (Swift package on Linux)"
    scripts/shells/test-ios.sh
fi
if [[ "${NETLAB:-1}" != 0 ]]; then
    step "network lab, short run (Toxiproxy on loopback; scripts/netlab/run.sh)"
    scripts/netlab/run.sh --short
fi
step "all tests passed"

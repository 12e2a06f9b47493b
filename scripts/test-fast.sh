#!/usr/bin/env bash
# Every test that needs no root, for a developer's machine: formatting,
# lints (warnings denied, both with the test-only internals and as the
# library ships), and every Rust test but the one that mounts a tmpfs
# (disk_full). It installs nothing: it says what is missing.
# The full suite, with the disk-full test, fuzzing, the Kotlin, Swift and
# shell suites, is scripts/test-all.sh (what CI runs; it needs root).
#
#   scripts/test-fast.sh                 # all of the above
#   scripts/test-fast.sh plan_           # only Rust tests whose name contains plan_
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

missing=()
command -v exiftool >/dev/null || missing+=("exiftool (Debian: libimage-exiftool-perl)")
command -v opusdec >/dev/null || missing+=("opusdec (Debian: opus-tools)")
command -v cmake >/dev/null || missing+=("cmake")
python3 -c 'import dateutil, cryptography' 2>/dev/null ||
    missing+=("python3 dateutil and cryptography (pip install --user -r scripts/plan/requirements.txt)")
if ((${#missing[@]})); then
    printf 'test-fast: missing, install first:\n' >&2
    printf '  %s\n' "${missing[@]}" >&2
    exit 2
fi

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
# Without the tests' `internals` feature: the library as it ships.
cargo clippy -p checkin-core -p checkin-ffi --lib --locked -- -D warnings
cargo test --workspace --locked -- --skip disk_full "$@"

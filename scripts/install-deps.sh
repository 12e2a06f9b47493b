#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine (as root):
# tools the tests call (exiftool, opusdec), what the media build needs
# (cmake, nasm, a C++ compiler), Python's dateutil for the recurrence oracle,
# and the Rust lint components. Safe to run again: it installs only what is
# missing. The binding suites install their own toolchains
# (scripts/bindings/test-kotlin.sh, scripts/bindings/swift-root.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

missing=()
for pair in exiftool:libimage-exiftool-perl opusdec:opus-tools cmake:cmake nasm:nasm g++:g++ mount:mount; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
if ((${#missing[@]})); then
    echo "install-deps: apt-get install ${missing[*]}" >&2
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! python3 -c 'import dateutil, cryptography' 2>/dev/null; then
    echo "install-deps: pip install -r scripts/plan/requirements.txt" >&2
    python3 -m pip install -q -r "$ROOT/scripts/plan/requirements.txt"
fi

rustup component add clippy rustfmt >/dev/null 2>&1 || true

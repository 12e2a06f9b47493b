#!/usr/bin/env bash
# CI entry for the size benchmark of the release library (slow: fat LTO).
# Fails if the stripped library is over 6 MB.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/bindings/bench-size.sh

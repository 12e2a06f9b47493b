#!/usr/bin/env bash
# Builds the release cdylib (the size-tuned shipping profile of the workspace:
# opt-level "s", fat LTO, one codegen unit, strip, and the shipped builds'
# source-path mapping) and reports its stripped
# size and gzip size against the goal of 6 MB stripped.
#
#   scripts/bindings/bench-size.sh            # host (x86_64 here)
#   TARGET=aarch64-linux-android scripts/bindings/bench-size.sh   # needs that target's linker
#
# aarch64 Linux, the nearest to a phone that builds here, and the figure
# the goal counts (apt-get install gcc-aarch64-linux-gnu
# g++-aarch64-linux-gnu; rustup target add aarch64-unknown-linux-gnu):
#   TARGET=aarch64-unknown-linux-gnu scripts/bindings/bench-size.sh
# It links with lld as the NDK does (scripts/bindings/lld-gcc.sh: packed
# relocations, identical code folding); LINKER=gnu links with Debian's GNU
# ld instead, as the figures before 2026-12-04 were measured (about 0.3 MB
# more: unpacked relocations, no folding).
#
# Exit status 1 if the stripped library is over the goal; with
# SIZE_WARN_ONLY=1 it only warns.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
GOAL_BYTES=$((6 * 1000 * 1000))
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

# The shipped builds' path mapping (see release-paths.sh).
source "$ROOT/scripts/bindings/release-paths.sh"
release_path_flags "$ROOT"

if [[ "${TARGET:-}" == aarch64-unknown-linux-gnu ]]; then
    : "${CC_aarch64_unknown_linux_gnu:=aarch64-linux-gnu-gcc}"
    : "${CXX_aarch64_unknown_linux_gnu:=aarch64-linux-gnu-g++}"
    : "${AR_aarch64_unknown_linux_gnu:=aarch64-linux-gnu-ar}"
    export CC_aarch64_unknown_linux_gnu CXX_aarch64_unknown_linux_gnu AR_aarch64_unknown_linux_gnu
    if [[ "${LINKER:-lld}" == gnu ]]; then
        : "${CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER:=aarch64-linux-gnu-gcc}"
    else
        : "${CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER:=$ROOT/scripts/bindings/lld-gcc.sh}"
        export LLD_CC="${LLD_CC:-aarch64-linux-gnu-gcc}"
    fi
    export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER
fi

args=(--locked --release -p checkin-ffi --lib)
if [[ -n "${TARGET:-}" ]]; then
    args+=(--target "$TARGET")
    LIB="$TARGET_DIR/$TARGET/release/libcheckin_ffi.so"
else
    LIB="$TARGET_DIR/release/libcheckin_ffi.so"
fi
start=$(date +%s)
cargo build "${args[@]}" >&2
echo "bench-size: build took $(( $(date +%s) - start )) s" >&2

# The profile strips already; strip again in a copy in case a caller's
# profile override turned it off, so the number is always the stripped one.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp "$LIB" "$tmp/lib.so"
strip --strip-all "$tmp/lib.so" 2>/dev/null || true
stripped=$(stat -c %s "$tmp/lib.so")
gzipped=$(gzip -9 -c "$tmp/lib.so" | wc -c)
as_file=$(stat -c %s "$LIB")
mb() { awk -v b="$1" 'BEGIN { printf "%.2f MB", b / 1000000 }'; }
echo "bench-size: libcheckin_ffi.so ${TARGET:-host}: as built $(mb "$as_file") ($as_file B), stripped $(mb "$stripped") ($stripped B), gzip -9 $(mb "$gzipped") ($gzipped B), goal <= $(mb "$GOAL_BYTES") stripped"
if (( stripped > GOAL_BYTES )); then
    echo "bench-size: over the goal" >&2
    [[ -n "${SIZE_WARN_ONLY:-}" ]] || exit 1
fi

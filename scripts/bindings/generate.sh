#!/usr/bin/env bash
# Builds the host cdylib of checkin-ffi and generates the Kotlin and Swift
# bindings from it into build/bindings/{kotlin,swift}.
#
#   scripts/bindings/generate.sh            # dev profile (tests: fast build, debug assertions)
#   PROFILE=release scripts/bindings/generate.sh   # the size-tuned shipping profile (slow)
#
# Prints the directory holding the built library on its last line, and writes
# it to build/bindings/libdir, so the test scripts can pass it to JNA/swiftc.
# Environment: PROFILE (dev|release|bench, default dev), CARGO_TARGET_DIR.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PROFILE="${PROFILE:-dev}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$PROFILE" in
    dev) PROFILE_DIR=debug ;;
    *) PROFILE_DIR="$PROFILE" ;;
esac
OUT="$ROOT/build/bindings"

echo "generate: building checkin-ffi ($PROFILE profile)" >&2
# uniffi-bindgen reads the interface from metadata symbols that the release
# profile strips, so the bindings always come from the unstripped dev build
# of the same source; the library the tests load is the one of $PROFILE.
cargo build --locked -p checkin-ffi --features cli --lib --bin uniffi-bindgen >&2
if [[ "$PROFILE" != dev ]]; then
    cargo build --locked --profile "$PROFILE" -p checkin-ffi --lib >&2
fi

META_LIB="$TARGET_DIR/debug/libcheckin_ffi.so"
LIB="$TARGET_DIR/$PROFILE_DIR/libcheckin_ffi.so"
BINDGEN="$TARGET_DIR/debug/uniffi-bindgen"
[[ -f "$LIB" ]] || { echo "generate: $LIB missing" >&2; exit 1; }

rm -rf "$OUT/kotlin" "$OUT/swift"
mkdir -p "$OUT/kotlin" "$OUT/swift"
"$BINDGEN" generate "$META_LIB" --language kotlin --out-dir "$OUT/kotlin" --no-format >&2
"$BINDGEN" generate "$META_LIB" --language swift --out-dir "$OUT/swift" --no-format >&2
echo "$(dirname "$LIB")" > "$OUT/libdir"
echo "generate: bindings in $OUT/{kotlin,swift}, library in $(dirname "$LIB")" >&2
dirname "$LIB"

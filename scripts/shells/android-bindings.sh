#!/usr/bin/env bash
# Builds the host library and generates the Kotlin bindings in uniffi's
# Android flavour (bindings/uniffi-android.toml: the Android cleaner) into
# build/android-shell/bindings: every file uniffi generates, whatever its
# package. Prints the directory of the host library on its last line.
#
#   scripts/shells/android-bindings.sh          # SKIP_GENERATE=1: reuse the last host build
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="$ROOT/build/android-shell/bindings"

if [[ -z "${SKIP_GENERATE:-}" || ! -f "$ROOT/build/bindings/libdir" ]]; then
    scripts/bindings/generate.sh >/dev/null
fi
rm -rf "$OUT"
mkdir -p "$OUT"
"$TARGET_DIR/debug/uniffi-bindgen" generate "$TARGET_DIR/debug/libcheckin_ffi.so" \
    --language kotlin --config bindings/uniffi-android.toml --out-dir "$OUT" --no-format >&2
echo "android-bindings: $(find "$OUT" -name '*.kt' | wc -l) Kotlin file(s) in $OUT" >&2
cat "$ROOT/build/bindings/libdir"

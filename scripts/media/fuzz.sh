#!/usr/bin/env bash
# Run the media fuzz targets for a short, bounded time each (CI smoke fuzz).
#
# Usage: scripts/media/fuzz.sh [seconds-per-target]   (default 60)
#
# cargo-fuzz needs nightly-only rustc flags (-Zsanitizer=address, coverage
# instrumentation). On a stable toolchain we set RUSTC_BOOTSTRAP=1, which
# lets stable rustc accept them. Needs a C++ compiler for libFuzzer (g++).
# Seeds: the committed fixtures/media photos and recordings.
set -euo pipefail
SECONDS_PER_TARGET="${1:-60}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
cd "$ROOT/core/media"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/photo" "$WORK/voice"
cp "$ROOT"/fixtures/media/*.jpg "$ROOT"/fixtures/media/*.png "$WORK/photo/"
# Seed with the smaller recordings only: libFuzzer's -max_len keeps inputs short.
cp "$ROOT"/fixtures/media/speech_8k_u8.wav "$ROOT"/fixtures/media/too_short.wav \
  "$ROOT"/fixtures/media/streaming_ffmpeg.wav "$WORK/voice/"
for target in photo voice; do
  echo "== fuzzing $target for ${SECONDS_PER_TARGET}s"
  # Bounds per input: 1 GB RSS (ASan shadow memory included), no single
  # allocation over 128 MB, 10 s per run.
  cargo fuzz run --fuzz-dir fuzz "$target" "$WORK/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=1024 -malloc_limit_mb=128 -timeout=10 \
    -max_len=400000 -print_final_stats=1
done

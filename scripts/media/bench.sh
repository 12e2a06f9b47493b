#!/usr/bin/env bash
# Side-by-side photo benchmark on one 12 MP JPEG, one run, one machine:
#   ours        decode (scaled) -> orient -> strip -> resize 1024 -> quality
#               report (exposure, blur, faces) -> JPEG q80   [in-process]
#   pyvips      thumbnail 1024 -> JPEG q80, strip             [in-process]
#   Pillow      draft + thumbnail(LANCZOS) 1024 -> JPEG q80   [in-process]
#   vipsthumbnail -s 1024 -> JPEG q80, strip                  [process]
#   ImageMagick convert -resize 1024x1024 -strip -quality 80  [process]
#   tjbench -scale 1/2 (libjpeg-turbo half-scale decode only: the
#               near-physical limit)
# and our voice pipeline on 10 s of speech. Prints each median and the
# ratios ours/pyvips and ours/tjbench.
#
# Needs (Debian): libvips-tools imagemagick libjpeg-turbo-progs hyperfine
# python3-venv python3-pip python3-numpy python3-pil; pip installs pyvips
# and Pillow into a venv under target/media-bench.
# Usage: scripts/media/bench.sh [runs]   (default 30)
set -euo pipefail
RUNS="${1:-30}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/target/media-bench"
PY=/usr/bin/python3
mkdir -p "$OUT"
PHOTO="$OUT/photo12mp.jpg"
VOICE="$ROOT/fixtures/media/speech_16k_s16.wav"
[ -f "$PHOTO" ] || "$PY" "$ROOT/scripts/media/make_bench_photo.py" "$PHOTO"
if [ ! -x "$OUT/venv/bin/python" ]; then
  "$PY" -m venv --system-site-packages "$OUT/venv"
  "$OUT/venv/bin/pip" install -q pyvips pillow
fi

echo "machine: $(nproc) cores, $(uname -m); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "photo: $PHOTO ($(stat -c %s "$PHOTO") bytes)"

RESULTS="$OUT/results.txt"
: > "$RESULTS"

( cd "$ROOT" && MEDIA_BENCH_PHOTO="$PHOTO" MEDIA_BENCH_VOICE="$VOICE" MEDIA_BENCH_RUNS="$RUNS" \
    cargo bench -q -p checkin-media --bench media_compare 2>/dev/null ) | grep '^RESULT' | tee -a "$RESULTS"

"$OUT/venv/bin/python" "$ROOT/scripts/media/bench_py.py" "$PHOTO" "$RUNS" | tee -a "$RESULTS"

hf() { # name, command
  hyperfine -N -w 2 -r "$RUNS" --export-json "$OUT/$1.json" "$2" >/dev/null 2>&1
  "$PY" - "$OUT/$1.json" "$1" <<'PYEOF' | tee -a "$RESULTS"
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"RESULT {sys.argv[2]} median_ms={r['median']*1000:.2f} min_ms={r['min']*1000:.2f} runs={len(r['times'])}")
PYEOF
}
hf vipsthumbnail "vipsthumbnail $PHOTO -s 1024 -o $OUT/vips_out.jpg[Q=80,strip]"
hf imagemagick "convert $PHOTO -resize 1024x1024 -strip -quality 80 $OUT/im_out.jpg"

# tjbench reports a mean frame rate over its bench time, not per-run times.
FPS=$(tjbench "$PHOTO" -scale 1/2 -benchtime 5 -warmup 1 2>&1 | awk '/Decompress/ && /Frame rate/ {print $(NF-1)}' | tail -1)
"$PY" -c "print(f'RESULT tjbench_scale_half median_ms={1000/float(\"$FPS\"):.2f} (mean of a 5 s run, {float(\"$FPS\"):.1f} fps)')" | tee -a "$RESULTS"

"$PY" - "$RESULTS" <<'PYEOF'
import re, sys
m = {}
for line in open(sys.argv[1]):
    g = re.match(r"RESULT (\S+) median_ms=([\d.]+)", line)
    if g:
        m[g.group(1)] = float(g.group(2))
ours = m.get("ours_photo")
print("\nmedians (ms):")
for k, v in m.items():
    print(f"  {k:30s} {v:9.2f}" + (f"   ours/this = {ours / v:.2f}x" if ours and not k.startswith("ours_") else ""))
if ours:
    print(f"goal: ours <= 0.6x pyvips -> {ours / m['pyvips_thumbnail']:.2f}x; ours <= 1.5x tjbench 1/2 -> {ours / m['tjbench_scale_half']:.2f}x")
PYEOF

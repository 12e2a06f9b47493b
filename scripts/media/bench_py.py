#!/usr/bin/env python3
"""In-process timings for bench.sh: pyvips thumbnail and Pillow with draft,
each doing what our pipeline does (JPEG -> 1024 px long edge -> JPEG q80,
metadata stripped). Prints `RESULT <name> median_ms=<m> min_ms=<m>`.

Usage: bench_py.py PHOTO RUNS
"""
import io
import statistics
import sys
import time

LONG_EDGE = 1024
QUALITY = 80


def timed(name, runs, fn):
    fn()  # warm-up
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000.0)
    print(f"RESULT {name} median_ms={statistics.median(samples):.2f} min_ms={min(samples):.2f} runs={runs}")


def main():
    path, runs = sys.argv[1], int(sys.argv[2])
    data = open(path, "rb").read()

    import pyvips

    def vips():
        im = pyvips.Image.thumbnail_buffer(data, LONG_EDGE)
        return im.write_to_buffer(".jpg", Q=QUALITY, strip=True)

    timed("pyvips_thumbnail", runs, vips)

    from PIL import Image

    def pillow():
        im = Image.open(io.BytesIO(data))
        im.draft("RGB", (LONG_EDGE, LONG_EDGE))
        im = im.convert("RGB")
        im.thumbnail((LONG_EDGE, LONG_EDGE), Image.LANCZOS)
        out = io.BytesIO()
        im.save(out, "JPEG", quality=QUALITY)
        return out.getvalue()

    timed("pillow_draft", runs, pillow)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Make the 12 MP benchmark photo (4000x3000) from the same public-domain /
CC0 sources as the fixtures (see fixtures/media/README.md): the astronaut
portrait centred on a scene tiled from the coffee photo, with seeded
Gaussian sensor noise (sigma 4) so the file has the entropy, and roughly
the size, of a phone camera's JPEG (about 3 MB). OUT.jpg is a 4:2:0 JPEG
at q92; OUT.png the same pixels as an 8-bit RGB PNG (zlib level 6, about
25 MB: noise does not compress), for timing the PNG path.

Usage: make_bench_photo.py OUT.jpg|OUT.png
"""
import io
import os
import subprocess
import sys
import tempfile
import zipfile

import numpy as np
from PIL import Image

SKIMAGE = "scikit-image==0.26.0"
WIDTH, HEIGHT = 4000, 3000
NOISE_SIGMA = 4.0


def member(workdir, suffix):
    for f in os.listdir(workdir):
        if f.endswith(".whl"):
            with zipfile.ZipFile(os.path.join(workdir, f)) as z:
                for m in z.namelist():
                    if m.endswith(suffix):
                        return Image.open(io.BytesIO(z.read(m))).convert("RGB")
    raise SystemExit(f"{suffix} not found")


def main():
    out = sys.argv[1]
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                        "-d", work, SKIMAGE], check=True)
        astronaut = member(work, "skimage/data/astronaut.png")
        coffee = member(work, "skimage/data/coffee.png")
    scene = Image.new("RGB", (WIDTH, HEIGHT))
    tile = coffee.resize((1000, 667), Image.LANCZOS)
    for y in range(0, HEIGHT, tile.height):
        for x in range(0, WIDTH, tile.width):
            scene.paste(tile, (x, y))
    face = astronaut.resize((2200, 2200), Image.LANCZOS)
    scene.paste(face, ((WIDTH - 2200) // 2, (HEIGHT - 2200) // 2))
    a = np.asarray(scene).astype(np.float32)
    a += np.random.default_rng(12).normal(0.0, NOISE_SIGMA, a.shape)
    photo = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if out.endswith(".png"):
        photo.save(out, "PNG", compress_level=6)
    else:
        photo.save(out, "JPEG", quality=92, subsampling=2)


if __name__ == "__main__":
    main()

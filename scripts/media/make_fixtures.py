#!/usr/bin/env python3
"""Regenerate fixtures/media from public-domain / CC0 sources.

Sources come from package registries only (see fixtures/media/README.md):
  - scikit-image wheel (PyPI): astronaut.png (NASA, public domain),
    coffee.png (CC0, Rachel Michetti)
  - matplotlib wheel (PyPI): grace_hopper.jpg (US Navy photograph,
    public domain)
Voice is synthesised with espeak-ng and shaped with sox. The streaming
WAVs are the first 3 s of speech_16k_s16.wav as FFmpeg and SoX write them
to a pipe, where they cannot go back to fill in the sizes.

Needs: python3-pil, python3-numpy, pip (for `pip download`), exiftool
(libimage-exiftool-perl), espeak-ng, sox, ffmpeg.
Usage: scripts/media/make_fixtures.py [--out fixtures/media]
           [--only photos|voice|streaming]
"""
import argparse
import io
import os
import subprocess
import sys
import tempfile
import zipfile

import numpy as np
from PIL import Image, ImageFilter

SKIMAGE = "scikit-image==0.26.0"
MATPLOTLIB = "matplotlib==3.11.2"
# Deterministic sensor-like noise so JPEG sizes resemble camera photos.
NOISE_SIGMA = 3.0
SPEECH = (
    "Hello. This is my check in for today. I am at home and I am doing well. "
    "My next appointment is on Monday morning."
)


def wheel_member(req, member_suffix, workdir):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", workdir, req],
        check=True,
    )
    name = req.split("==")[0].replace("-", "_")
    for f in os.listdir(workdir):
        if f.lower().startswith(name.lower()) and f.endswith(".whl"):
            with zipfile.ZipFile(os.path.join(workdir, f)) as z:
                for m in z.namelist():
                    if m.endswith(member_suffix):
                        return Image.open(io.BytesIO(z.read(m))).convert("RGB")
    raise SystemExit(f"{member_suffix} not found in {req}")


def noisy(img, seed):
    rng = np.random.default_rng(seed)
    a = np.asarray(img).astype(np.float32)
    a += rng.normal(0.0, NOISE_SIGMA, a.shape)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def scaled(img, factor):
    a = np.asarray(img).astype(np.float32) * factor
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def save_jpeg(img, path, quality=90):
    img.save(path, "JPEG", quality=quality, subsampling=2)


def run(*cmd):
    subprocess.run(cmd, check=True)


def photos(out, work):
    astronaut = wheel_member(SKIMAGE, "skimage/data/astronaut.png", work)
    coffee = wheel_member(SKIMAGE, "skimage/data/coffee.png", work)
    hopper = wheel_member(MATPLOTLIB, "sample_data/grace_hopper.jpg", work)

    save_jpeg(astronaut, f"{out}/portrait.jpg", 92)
    astronaut.save(f"{out}/portrait.png", optimize=True)
    save_jpeg(noisy(scaled(astronaut, 0.12), 1), f"{out}/dark.jpg")
    save_jpeg(scaled(astronaut, 3.0), f"{out}/bright.jpg")
    save_jpeg(astronaut.filter(ImageFilter.GaussianBlur(6)), f"{out}/blurred.jpg")
    save_jpeg(coffee, f"{out}/no_face.jpg")

    # The participant centred; a smaller bystander at the right.
    two = Image.new("RGB", (1024, 768), (96, 104, 112))
    two.paste(astronaut.resize((640, 640), Image.LANCZOS), (192, 64))
    by = hopper.resize((hopper.width * 300 // hopper.height, 300), Image.LANCZOS)
    two.paste(by, (1024 - by.width - 8, 40))
    save_jpeg(noisy(two, 2), f"{out}/two_faces.jpg")

    # A small face (about 12 % of the short edge) far left in a larger scene.
    small = coffee.resize((1024, 768), Image.LANCZOS)
    small.paste(astronaut, (-150, 0))
    save_jpeg(noisy(small, 3), f"{out}/face_small_corner.jpg")

    # Phone-like capture: 1536x2048 upright, stored rotated 90° with
    # Orientation=6 (rotate clockwise to view), GPS and other metadata.
    big = noisy(astronaut.resize((1536, 1536), Image.LANCZOS), 4)
    upright = Image.new("RGB", (1536, 2048), (70, 80, 90))
    upright.paste(big, (0, 256))
    stored = upright.transpose(Image.ROTATE_90)  # counter-clockwise
    path = f"{out}/exif_gps_rotated.jpg"
    save_jpeg(stored, path, 85)
    run(
        "exiftool", "-q", "-overwrite_original",
        "-Orientation#=6",
        "-Make=FixtureCam", "-Model=Fixture One",
        "-DateTimeOriginal=2024:05:06 07:08:09",
        "-GPSLatitude=40.7128", "-GPSLatitudeRef=N",
        "-GPSLongitude=74.0060", "-GPSLongitudeRef=W",
        "-GPSAltitude=10", "-GPSAltitudeRef=0",
        "-XMP-dc:Creator=Fixture Person",
        "-Comment=fixture comment",
        "-IPTC:Keywords=fixture",
        path,
    )


def voice(out, work):
    raw = f"{work}/speech_raw.wav"
    run("espeak-ng", "-v", "en-us", "-s", "150", "-w", raw, SPEECH)
    # 10 s of speech at 16 kHz 16-bit mono (padded with a little room tone).
    run("sox", "-R", raw, "-r", "16000", "-b", "16", "-c", "1", f"{out}/speech_16k_s16.wav",
        "pad", "0.3", "0", "trim", "0", "10", "pad", "0", "10", "trim", "0", "10")
    run("sox", "-R", raw, "-r", "8000", "-b", "8", "-e", "unsigned-integer", "-c", "1",
        f"{out}/speech_8k_u8.wav", "trim", "0", "2.5")
    run("sox", "-R", raw, "-r", "44100", "-b", "24", "-c", "2", f"{out}/speech_44k_s24_stereo.wav",
        "trim", "0", "1.5")
    run("sox", "-R", raw, "-r", "48000", "-e", "floating-point", "-b", "32", "-c", "2",
        f"{out}/speech_48k_f32_stereo.wav", "trim", "0", "1.5")
    run("sox", "-R", raw, "-r", "16000", "-b", "32", "-e", "signed-integer", "-c", "1",
        f"{out}/speech_16k_s32.wav", "trim", "0", "2.5")
    run("sox", "-R", "-n", "-r", "16000", "-b", "16", "-c", "1", f"{out}/silence.wav",
        "synth", "4", "whitenoise", "vol", "0.0005")
    run("sox", "-R", raw, "-r", "16000", "-b", "16", "-c", "1", f"{out}/clipped.wav",
        "trim", "0", "5", "gain", "24")
    run("sox", "-R", raw, "-r", "16000", "-b", "16", "-c", "1", f"{out}/quiet.wav",
        "trim", "0", "5", "gain", "-45")
    run("sox", "-R", raw, "-r", "16000", "-b", "16", "-c", "1", f"{out}/too_short.wav",
        "trim", "0.2", "0.9")


def piped(cmd, path):
    """Run cmd with its standard output a pipe (not seekable), into path."""
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE).stdout
    with open(path, "wb") as f:
        f.write(out)


def streaming(out, work):
    # Made from the committed fixture, so voice() need not run first.
    src = f"{out}/speech_16k_s16.wav"
    # FFmpeg's WAV muxer on a pipe: RIFF and data sizes 0xFFFFFFFF, and a
    # LIST/INFO chunk naming the software before the data.
    piped(["ffmpeg", "-v", "error", "-i", src, "-t", "3", "-f", "wav", "-"],
          f"{out}/streaming_ffmpeg.wav")
    # SoX on a pipe: data size 0x7FFFF000, RIFF size that plus 36.
    piped(["sox", "-R", src, "-t", "wav", "-", "trim", "0", "3"], f"{out}/streaming_sox.wav")


def main():
    p = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    p.add_argument("--out", default=os.path.join(here, "..", "..", "fixtures", "media"))
    p.add_argument("--only", choices=["photos", "voice", "streaming"])
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for name, step in [("photos", photos), ("voice", voice), ("streaming", streaming)]:
            if args.only in (None, name):
                step(args.out, work)


if __name__ == "__main__":
    main()

"""Media pipeline (issue #4): one 12-megapixel phone photo through the whole image pipeline.

Builds a photo-like 4000x3000 JPEG (gradients, soft shapes and sensor-like noise, so it
compresses like a real photo: about 3-5 MB) tagged EXIF orientation 6, as phones store
portrait shots. Then each candidate does the same work on it: decode, turn upright, make
the two WebP variants (``grid`` fitting 540 px wide, ``detail`` 1440 px, quality 80), the
4x3 blurhash and the dominant colour:

- ``pyvips``: ``potluck.media.images.process_image``, as the app runs it;
- ``pyvips 1 thread``: the same with ``VIPS_CONCURRENCY=1``, what one job gets when a
  worker processes as many photos at once as it has cores;
- ``pillow``: a best-effort Pillow equivalent written here (JPEG draft mode for the reduced
  decode, ``ImageOps.exif_transpose``, ``resize`` with ``reducing_gap``, the same WebP
  settings and placeholder code).

Each candidate runs in a fresh subprocess (one warm-up, then ``--runs`` timed runs), so its
peak memory (``ru_maxrss`` minus the child's own after imports) is its alone. It prints the
median and p90 wall time and the peak against the targets (at most 400 ms and 200 MB), and
how long AVIF versions of both variants would take on top (``heifsave``, AV1): worth
adding when under 150 ms.

    .venv/bin/python bench/media_pipeline.py [--runs 7] [--json FILE|-] [--keep DIR]

About 30 seconds. The machine is usually shared: the ``bg cores`` column says how busy it
was just before each row.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import av
import blurhash
import PIL
import pyvips
from PIL import Image, ImageCms, ImageOps

from http_baseline import background_cores
from potluck.media.images import DETAIL, GRID, WEBP_QUALITY, dominant_color, process_image

BENCH_DIR = Path(__file__).resolve().parent
PHOTO_SIZE = (4000, 3000)
PNG_SIZE = (6000, 4500)
TARGET_MS = 400.0
TARGET_MB = 200.0
AVIF_TARGET_MS = 150.0
AVIF_QUALITY = 50  # libvips' default; about WebP 80 to the eye, at a smaller size
# libaom's fastest setting: libvips' default effort (4) takes seconds per variant.
AVIF_EFFORT = 0
CANDIDATES = ("pyvips", "pyvips 1 thread", "pillow")


# --- the photo ------------------------------------------------------------------------


def make_photo(path: Path) -> None:
    """A 12 MP JPEG that costs what a phone photo costs: smooth sky-like gradients, a few
    soft-edged shapes, texture at several scales and sensor noise; quality 90, EXIF
    orientation 6. The same bytes every run (seeded noise)."""
    width, height = PHOTO_SIZE
    scale = 8  # the smooth parts are drawn small and enlarged: seconds saved, nothing lost
    xy = pyvips.Image.xyz(width // scale, height // scale).cast("float") * scale
    x, y = xy[0] / width, xy[1] / height
    image = (x * 120 + y * 90 + 30).bandjoin([y * 140 + 50 + (x * 360).sin() * 25, 200 - y * 150 + x * 30])
    for cx, cy, radius, colour in (
        (1200, 1800, 700, [220, 80, 60]),
        (2900, 1200, 500, [60, 160, 90]),
        (3300, 2300, 350, [240, 210, 80]),
        (700, 700, 300, [90, 90, 200]),
    ):
        distance = ((xy[0] - cx) ** 2 + (xy[1] - cy) ** 2) ** 0.5
        mask = (radius + 40 - distance) / 80  # 1 inside, 0 outside, a soft 80 px edge
        mask = (mask > 1).ifthenelse(1.0, (mask < 0).ifthenelse(0.0, mask))
        image = image * (1 - mask) + mask.bandjoin([mask, mask]) * colour
    image = image.resize(scale, kernel="cubic")
    # Texture at several scales (foliage, fabric, skin) so that detail survives the
    # downscale as in a photo, then per-pixel sensor noise.
    seed = 0
    for factor, sigma in ((16, 16.0), (4, 10.0), (1, 4.0)):
        bands = []
        for _ in range(3):
            seed += 1
            bands.append(
                pyvips.Image.gaussnoise(width // factor, height // factor, sigma=sigma, mean=0, seed=seed)
            )
        texture = bands[0].bandjoin(bands[1:])
        if factor > 1:
            texture = texture.resize(factor, kernel="cubic")
        image = image + texture
    image = image.cast("uchar").copy(interpretation="srgb")
    image.set_type(pyvips.GValue.gint_type, "orientation", 6)
    image.jpegsave(str(path), Q=90)


def make_png(photo: Path, path: Path) -> None:
    """The photo enlarged to 27 MP as a PNG: PNG has no reduced-scale decode, so this shows
    what each library needs when it must hold (or stream) every pixel."""
    image = pyvips.Image.new_from_file(str(photo), access="sequential")
    image = image.resize(PNG_SIZE[0] / image.width, kernel="linear")
    image.pngsave(str(path), compression=1, keep=pyvips.ForeignKeep.NONE)


# --- the candidates, run inside the child ---------------------------------------------


def pillow_process(path: Path, out_dir: Path) -> dict[str, Any]:
    """What ``process_image`` does, done with Pillow as well as Pillow allows."""
    with Image.open(path) as opened:
        if opened.width * opened.height > 50_000_000:
            raise ValueError("too many pixels")
        # Draft picks the smallest JPEG scale (1/2, 1/4, 1/8) still at least this large.
        wanted = (DETAIL.width, DETAIL.width)
        opened.draft("RGB", wanted)
        upright = ImageOps.exif_transpose(opened)
        icc = opened.info.get("icc_profile")
        if icc:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            upright = ImageCms.profileToProfile(upright, source_profile, ImageCms.createProfile("sRGB"))
        upright = upright.convert("RGB")
    variants = {}
    detail = _pillow_fit(upright, DETAIL.width, DETAIL.height)
    grid = _pillow_fit(detail, GRID.width, GRID.height)
    for box, image in ((GRID, grid), (DETAIL, detail)):
        target = out_dir / f"{box.name}.webp"
        # The same libwebp settings as process_image; no exif= given, so none is written.
        image.save(target, "WEBP", quality=WEBP_QUALITY, method=box.effort)
        variants[box.name] = (image.width, image.height, target.stat().st_size)
    tiny = grid.copy()
    tiny.thumbnail((32, 32))
    color = dominant_color(tiny)
    return {"variants": variants, "blurhash": blurhash.encode(tiny, 4, 3), "dominant_color": color}


def _pillow_fit(image: Image.Image, width: int, height: int) -> Image.Image:
    scale = min(1.0, width / image.width, height / image.height)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    if size == image.size:
        return image
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def pyvips_process(path: Path, out_dir: Path) -> dict[str, Any]:
    result = process_image(path, out_dir)
    return {
        "variants": {v.name: (v.width, v.height, v.path.stat().st_size) for v in result.variants},
        "blurhash": result.blurhash,
        "dominant_color": result.dominant_color,
    }


def avif_extra(path: Path, out_dir: Path) -> dict[str, Any]:
    """Encodes only: AVIF versions of both variants from the detail already in memory,
    which is what adding AVIF to ``process_image`` would cost on top."""
    detail = pyvips.Image.thumbnail(
        str(path), DETAIL.width, height=DETAIL.height, size="down", output_profile="srgb"
    ).copy_memory()
    grid = detail.thumbnail_image(GRID.width, height=GRID.height, size="down").copy_memory()
    started = time.perf_counter()
    sizes = {}
    for name, image in (("grid", grid), ("detail", detail)):
        target = out_dir / f"{name}.avif"
        image.heifsave(
            str(target), compression="av1", Q=AVIF_QUALITY, effort=AVIF_EFFORT, keep=pyvips.ForeignKeep.NONE
        )
        sizes[name] = (image.width, image.height, target.stat().st_size)
    return {"variants": sizes, "encode_ms": (time.perf_counter() - started) * 1000}


CHILD_WORK: dict[str, Callable[[Path, Path], dict[str, Any]]] = {
    "pyvips": pyvips_process,
    "pyvips 1 thread": pyvips_process,
    "pillow": pillow_process,
    "avif": avif_extra,
}


def child(candidate: str, photo: Path, out_dir: Path, runs: int) -> None:
    """Runs in the subprocess: baseline memory (after the imports, so libraries loaded
    count for neither side), one warm-up, then ``runs`` timed runs."""
    work = CHILD_WORK[candidate]
    baseline_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    work(photo, out_dir)  # warm-up: libvips' threads, codec tables
    times_ms, extra_ms, details = [], [], {}
    for _ in range(runs):
        started = time.perf_counter()
        details = work(photo, out_dir)
        times_ms.append((time.perf_counter() - started) * 1000)
        if "encode_ms" in details:
            extra_ms.append(details["encode_ms"])
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "times_ms": times_ms,
                "encode_ms": extra_ms,
                "peak_mb": (peak_kib - baseline_kib) / 1024,
                "baseline_mb": baseline_kib / 1024,
                "details": details,
            }
        )
    )


# --- the parent -----------------------------------------------------------------------


@dataclass
class Row:
    subject: str
    candidate: str
    runs: int
    median_ms: float
    p90_ms: float
    peak_mb: float
    baseline_mb: float
    grid_kb: float
    detail_kb: float
    background_cores: float
    details: dict[str, Any]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run_child(candidate: str, photo: Path, out_dir: Path, runs: int) -> dict[str, Any]:
    env = dict(os.environ)
    if candidate == "pyvips 1 thread":
        env["VIPS_CONCURRENCY"] = "1"
    out_dir.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, __file__, "--child", candidate, "--photo", str(photo), "--out", str(out_dir)]
    completed = subprocess.run(
        [*command, "--runs", str(runs)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{candidate} failed:\n{completed.stderr}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def measure(subject: str, candidate: str, photo: Path, out_dir: Path, runs: int) -> Row:
    busy = background_cores(0.5)
    result = run_child(candidate, photo, out_dir, runs)
    variants = result["details"]["variants"]
    return Row(
        subject=subject,
        candidate=candidate,
        runs=runs,
        median_ms=statistics.median(result["times_ms"]),
        p90_ms=percentile(result["times_ms"], 0.9),
        peak_mb=result["peak_mb"],
        baseline_mb=result["baseline_mb"],
        grid_kb=variants["grid"][2] / 1024,
        detail_kb=variants["detail"][2] / 1024,
        background_cores=busy,
        details=result,
    )


def versions() -> dict[str, str]:
    return {
        "libvips": f"{pyvips.version(0)}.{pyvips.version(1)}.{pyvips.version(2)}",
        "pillow": PIL.__version__,
        "pyav": av.__version__,
        "python": platform.python_version(),
        "nproc": str(os.cpu_count()),
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7, help="timed runs per candidate, after one warm-up")
    parser.add_argument(
        "--png",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also run the 27 MP PNG (no target; shows what streaming saves)",
    )
    parser.add_argument("--json", help="also write the results to this file ('-' for stdout)")
    parser.add_argument("--keep", type=Path, help="keep the photo and the outputs in this directory")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--photo", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        child(args.child, args.photo, args.out, args.runs)
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="potluck-bench-media-")) if args.keep is None else args.keep
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        return run(args, workdir)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


def run(args: argparse.Namespace, workdir: Path) -> int:
    info = versions()
    print(f"machine: {info}")
    photo = workdir / "photo.jpg"
    make_photo(photo)
    subjects = {"12 MP JPEG": photo}
    print(
        f"12 MP JPEG: {PHOTO_SIZE[0]}x{PHOTO_SIZE[1]}, q90, EXIF orientation 6, "
        f"{photo.stat().st_size / 1e6:.1f} MB"
    )
    if args.png:
        subjects["27 MP PNG"] = workdir / "export.png"
        make_png(photo, subjects["27 MP PNG"])
        width, height = PNG_SIZE
        size_mb = subjects["27 MP PNG"].stat().st_size / 1e6
        print(f"27 MP PNG: {width}x{height}, the same picture enlarged (an edited export), {size_mb:.0f} MB")
    print(
        f"{args.runs} timed runs per candidate after one warm-up, each candidate in its own process",
        flush=True,
    )
    rows = [
        measure(subject, name, path, workdir / f"{subject}-{name}".replace(" ", "-"), args.runs)
        for subject, path in subjects.items()
        for name in CANDIDATES
    ]
    avif = run_child("avif", photo, workdir / "avif", args.runs)

    print()
    header = f"{'subject':<11} {'candidate':<16} {'median ms':>9} {'p90 ms':>7} {'peak MB':>8}"
    print(
        f"{header} {'grid KB':>8} {'detail KB':>9} {'bg cores':>8}  "
        f"target (<= {TARGET_MS:.0f} ms, <= {TARGET_MB:.0f} MB)"
    )
    met_all = True
    for row in rows:
        met = row.median_ms <= TARGET_MS and row.peak_mb <= TARGET_MB
        verdict = ("met" if met else "MISSED") if row.subject == "12 MP JPEG" else "-"
        if row.subject == "12 MP JPEG" and row.candidate == "pyvips":
            met_all = met
        figures = f"{row.median_ms:>9.0f} {row.p90_ms:>7.0f} {row.peak_mb:>8.1f} {row.grid_kb:>8.0f}"
        print(
            f"{row.subject:<11} {row.candidate:<16} {figures} {row.detail_kb:>9.0f} "
            f"{row.background_cores:>8.1f}  {verdict}"
        )
    avif_ms = statistics.median(avif["encode_ms"])
    avif_p90 = percentile(avif["encode_ms"], 0.9)
    avif_sizes = avif["details"]["variants"]
    avif_verdict = "cheap enough" if avif_ms < AVIF_TARGET_MS else "too slow to add"
    print(
        f"\nAVIF of both variants of the 12 MP JPEG (heifsave AV1, Q={AVIF_QUALITY}, effort {AVIF_EFFORT}), "
        f"on top of the WebP work: median {avif_ms:.0f} ms, p90 {avif_p90:.0f} ms; "
        f"grid {avif_sizes['grid'][2] / 1024:.0f} KB, detail {avif_sizes['detail'][2] / 1024:.0f} KB; "
        f"target < {AVIF_TARGET_MS:.0f} ms: {avif_verdict}"
    )
    placeholder = rows[0].details["details"]
    print(
        f"pyvips placeholder: blurhash {placeholder['blurhash']}, "
        f"dominant colour {placeholder['dominant_color']}"
    )
    print(f"\ntarget for process_image (pyvips, 12 MP JPEG): {'met' if met_all else 'NOT met'}")

    if args.json:
        payload = json.dumps(
            {
                "machine": info,
                "photo_bytes": photo.stat().st_size,
                "runs": args.runs,
                "targets": {"ms": TARGET_MS, "mb": TARGET_MB, "avif_ms": AVIF_TARGET_MS},
                "results": [asdict(row) for row in rows],
                "avif": {"median_ms": avif_ms, "p90_ms": avif_p90, "variants": avif_sizes},
                "target_met": met_all,
            },
            indent=2,
        )
        if args.json == "-":
            print(payload)
        else:
            Path(args.json).write_text(payload)
    return 0 if met_all else 1


if __name__ == "__main__":
    sys.exit(main())

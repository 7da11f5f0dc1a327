"""Copy the front-end files we serve from ``node_modules/`` into ``static/vendor/``.

Third-party files are never committed: ``npm ci`` installs the packages pinned in
``package-lock.json`` and this script copies the few files the pages load::

    npm ci --ignore-scripts
    python -m potluck.web.build_assets

It is idempotent and cheap: a file whose bytes already match is left alone (so its
mtime, ETag and fingerprint stay put), and files no longer listed are removed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

WEB_DIR = Path(__file__).resolve().parent
VENDOR_DIR = WEB_DIR / "static" / "vendor"
# src/potluck/web/build_assets.py -> the repository root holds package.json.
PROJECT_ROOT = WEB_DIR.parents[2]

# node_modules-relative source -> vendor-relative destination.
VENDOR_FILES: dict[str, str] = {
    "htmx.org/dist/htmx.min.js": "htmx.min.js",
    "htmx.org/LICENSE": "htmx.LICENSE.txt",
    # Drag-to-reorder of photos while composing a note (MIT).
    "sortablejs/Sortable.min.js": "sortable.min.js",
    "sortablejs/LICENSE": "sortable.LICENSE.txt",
    # Blurhash placeholders of note cards, decoded in the browser (MIT; an ES module).
    "blurhash/dist/esm/index.js": "blurhash.js",
    "swagger-ui-dist/swagger-ui-bundle.js": "swagger-ui/swagger-ui-bundle.js",
    "swagger-ui-dist/swagger-ui.css": "swagger-ui/swagger-ui.css",
    "swagger-ui-dist/LICENSE": "swagger-ui/LICENSE.txt",
}


class MissingPackageError(RuntimeError):
    """A listed file is not in node_modules: ``npm ci`` has not run or package.json changed."""


@dataclass(frozen=True)
class BuildReport:
    copied: list[str]
    unchanged: list[str]
    removed: list[str]


def _same_content(source: Path, destination: Path) -> bool:
    if not destination.is_file():
        return False
    if source.stat().st_size != destination.stat().st_size:
        return False
    return source.read_bytes() == destination.read_bytes()


def _copy_atomically(source: Path, destination: Path) -> None:
    """Write next to the destination and rename, so a running server never serves half a file."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=destination.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(source.read_bytes())
        Path(temporary).chmod(0o644)
        Path(temporary).replace(destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def build(node_modules: Path | None = None, vendor_dir: Path = VENDOR_DIR) -> BuildReport:
    """Bring ``vendor_dir`` in line with :data:`VENDOR_FILES`; return what changed."""
    node_modules = node_modules or PROJECT_ROOT / "node_modules"
    missing = [source for source in VENDOR_FILES if not (node_modules / source).is_file()]
    if missing:
        raise MissingPackageError(f"not found in {node_modules}: {', '.join(missing)} (run `npm ci` first)")
    copied: list[str] = []
    unchanged: list[str] = []
    for source_name, destination_name in VENDOR_FILES.items():
        source = node_modules / source_name
        destination = vendor_dir / destination_name
        if _same_content(source, destination):
            unchanged.append(destination_name)
        else:
            _copy_atomically(source, destination)
            copied.append(destination_name)

    wanted = {vendor_dir / name for name in VENDOR_FILES.values()}
    removed: list[str] = []
    if vendor_dir.is_dir():
        for path in sorted(vendor_dir.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
                removed.append(path.relative_to(vendor_dir).as_posix())
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return BuildReport(copied=copied, unchanged=unchanged, removed=removed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--node-modules", type=Path, default=None, help="default: <repo>/node_modules")
    parser.add_argument("--vendor-dir", type=Path, default=VENDOR_DIR)
    args = parser.parse_args(argv)
    try:
        report = build(args.node_modules, args.vendor_dir)
    except MissingPackageError as exc:
        print(f"build_assets: {exc}", file=sys.stderr)
        return 1
    print(
        f"build_assets: {len(report.copied)} copied, {len(report.unchanged)} unchanged, "
        f"{len(report.removed)} removed -> {args.vendor_dir}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

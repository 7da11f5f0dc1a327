"""Static files with fingerprinted URLs, so browsers may cache them for a year.

Templates link to ``static_url("css/app.css")``, which gives
``/static/css/app.css?v=<hash of the file's bytes>``. A request whose ``v`` matches the
file being served is answered ``immutable`` for a year: a new deploy changes the hash and
so the URL. Anything else (no ``v``, an old ``v``) gets a short lifetime, so a stale URL
never pins old bytes in a cache.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path, PurePath, PurePosixPath
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.responses import Response
from starlette.staticfiles import PathLike, StaticFiles
from starlette.types import Scope

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_PREFIX = "/static"
IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable"
SHORT_CACHE_CONTROL = "public, max-age=300, must-revalidate"
FINGERPRINT_LENGTH = 12

# Filled once per process: files only change with a deploy, and a deploy restarts us.
_fingerprints: dict[str, str] = {}


def _normalise(path: str) -> str:
    return PurePosixPath(path.lstrip("/")).as_posix()


def fingerprint(path: str, *, static_dir: Path = STATIC_DIR) -> str | None:
    """The short content hash of a static file, or None when there is no such file."""
    key = _normalise(path)
    cached = _fingerprints.get(key) if static_dir == STATIC_DIR else None
    if cached is not None:
        return cached
    file = static_dir / key
    try:
        digest = hashlib.sha256(file.read_bytes()).hexdigest()[:FINGERPRINT_LENGTH]
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    if static_dir == STATIC_DIR:
        _fingerprints[key] = digest
    return digest


def static_url(path: str) -> str:
    """``/static/<path>?v=<hash>``; without ``v`` (short caching) if the file is missing."""
    key = _normalise(path)
    digest = fingerprint(key)
    if digest is None:
        # Most likely vendor/ was not built: say so, but keep the page rendering.
        logger.warning("static file not found: %s (vendor files: python -m potluck.web.build_assets)", key)
        return f"{STATIC_PREFIX}/{key}"
    return f"{STATIC_PREFIX}/{key}?v={digest}"


class FingerprintedStaticFiles(StaticFiles):
    """StaticFiles whose Cache-Control depends on the ``v`` query matching the file."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code in (200, 304):
            requested = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("v", [])
            # StaticFiles hands us an OS path; fingerprints are keyed by URL path.
            key = PurePath(path).as_posix()
            current = fingerprint(key, static_dir=Path(self.directory or STATIC_DIR))
            immutable = current is not None and requested == [current]
            response.headers["Cache-Control"] = IMMUTABLE_CACHE_CONTROL if immutable else SHORT_CACHE_CONTROL
        return response


def mount_static(app: Starlette, *, directory: Path = STATIC_DIR) -> None:
    """Serve ``directory`` at ``/static`` (route name ``static``)."""
    app.mount(STATIC_PREFIX, FingerprintedStaticFiles(directory=directory), name="static")


MEDIA_PREFIX = "/media"


class ImmutableStaticFiles(StaticFiles):
    """StaticFiles whose every file may be cached for a year: its name changes with its bytes.

    Nothing under ``private/`` is served: upload originals wait there, metadata and all.
    """

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        if path.replace("\\", "/").lstrip("/").startswith("private"):
            return "", None
        return super().lookup_path(path)

    def file_response(
        self, full_path: PathLike, stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = IMMUTABLE_CACHE_CONTROL
        return response


def mount_media(app: Starlette, directory: Path) -> None:
    """Serve uploaded media from local disk at ``/media`` (file names are random and never reused)."""
    directory.mkdir(parents=True, exist_ok=True)
    app.mount(MEDIA_PREFIX, ImmutableStaticFiles(directory=directory), name="media")

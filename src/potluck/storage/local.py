"""Media on local disk, served by the app itself at ``/media`` (embedded mode)."""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

from potluck.storage.interface import StorageKeyNotFound, check_key

# A reverse proxy in front of us may serve the media dir directly, as another user.
_FILE_MODE = 0o644


class LocalStorage:
    """Objects as files under ``root``; keys map to paths below it one to one."""

    def __init__(self, root: Path, url_prefix: str = "/media/") -> None:
        self.root = root
        self.url_prefix = url_prefix

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    # Files carry no metadata here: the content type is guessed from the extension when served.
    async def put_file(self, key: str, path: Path, *, content_type: str) -> None:  # noqa: ARG002
        target = self._path(key)
        await asyncio.to_thread(_install, target, lambda temporary: _link_or_copy(path, temporary))

    async def put_bytes(self, key: str, data: bytes, *, content_type: str) -> None:  # noqa: ARG002
        target = self._path(key)
        await asyncio.to_thread(_install, target, lambda temporary: temporary.write_bytes(data))

    @asynccontextmanager
    async def open_local(self, key: str) -> AsyncIterator[Path]:
        path = self._path(key)
        if not await asyncio.to_thread(path.is_file):
            raise StorageKeyNotFound(key)
        yield path

    async def exists(self, key: str) -> bool:
        return await asyncio.to_thread(self._path(key).is_file)

    async def delete(self, keys: Iterable[str]) -> None:
        paths = [self._path(key) for key in keys]
        await asyncio.to_thread(_unlink_all, paths)

    def url(self, key: str) -> str:
        return self.url_prefix + check_key(key)

    async def ping(self) -> None:
        await asyncio.to_thread(_check_writable_directory, self.root)

    async def close(self) -> None:
        pass


def _install(target: Path, write: Callable[[Path], object]) -> None:
    """Have ``write`` fill a temporary file next to ``target``, then rename it into place.

    The temporary file is in the same directory so that the rename stays on one file
    system and is atomic: readers see the old object or the whole new one.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    # A dot name keeps it out of sight; the random part keeps concurrent writers apart.
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
    try:
        write(temporary)
        temporary.chmod(_FILE_MODE)
        temporary.replace(target)
    finally:
        # Normally gone by now, but rename() does nothing when both names are hard links to
        # the same file (the same upload stored twice), and on failure it may be half written.
        temporary.unlink(missing_ok=True)


def _link_or_copy(source: Path, destination: Path) -> None:
    # A hard link costs nothing for a large video; it fails across file systems (or on
    # file systems without links), and then we copy.
    try:
        os.link(source, destination)
    except OSError:
        shutil.copyfile(source, destination)


def _unlink_all(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _check_writable_directory(root: Path) -> None:
    # A fresh install has no media yet; being able to create the directory is what counts.
    root.mkdir(parents=True, exist_ok=True)
    if not os.access(root, os.W_OK | os.X_OK):
        raise PermissionError(f"media directory is not writable: {root}")

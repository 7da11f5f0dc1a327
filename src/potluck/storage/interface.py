"""The storage interface both implementations follow, and the key rules they share."""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Protocol

# Objects are never rewritten under the same key (names are content hashes or random).
IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable"

_KEY_CHARACTERS = re.compile(r"[A-Za-z0-9._/-]+")


class StorageKeyNotFound(LookupError):
    """No object is stored under the key."""


def check_key(key: str) -> str:
    """Return ``key`` if it is a safe relative POSIX path, else raise ValueError.

    Every method of every implementation calls this before touching disk or network, so no
    key can reach outside the storage root (``..``, absolute paths, Windows separators).
    """
    if not _KEY_CHARACTERS.fullmatch(key):
        raise ValueError(f"storage key may only use [A-Za-z0-9._/-]: {key!r}")
    if key.startswith("/"):
        raise ValueError(f"storage key must be relative: {key!r}")
    if any(part in ("", ".", "..") for part in key.split("/")):
        raise ValueError(f"storage key has an empty, '.' or '..' segment: {key!r}")
    return key


class Storage(Protocol):
    """Media objects (images, videos) stored under keys like ``media/ab/cd/<sha256>.webp``."""

    async def put_file(self, key: str, path: Path, *, content_type: str) -> None:
        """Store the local file at ``path`` under ``key``, replacing any object there.

        The caller may delete ``path`` afterwards but must not modify it in place (local disk
        may hard-link it). Readers never see a half-written object.
        """

    async def put_bytes(self, key: str, data: bytes, *, content_type: str) -> None:
        """Store ``data`` under ``key``, replacing any object there; readers never see it half-written."""

    def open_local(self, key: str) -> AbstractAsyncContextManager[Path]:
        """A local file with the object's bytes for the duration of the block.

        The file is only for reading, and only inside the block (on S3 it is a temporary
        download, deleted afterwards). Raises :class:`StorageKeyNotFound` when missing.
        """

    async def exists(self, key: str) -> bool:
        """Whether an object is stored under ``key``."""

    async def delete(self, keys: Iterable[str]) -> None:
        """Delete the objects under ``keys``; keys with no object are skipped silently.

        Every key is checked before any is deleted.
        """

    def url(self, key: str) -> str:
        """The public URL a browser loads the object from."""

    async def ping(self) -> None:
        """Raise if the storage is unreachable or unusable (used by the readiness probe)."""

    async def close(self) -> None:
        """Release connections; the storage may not be used afterwards."""

"""Media storage: one interface, a local-disk (embedded) and an S3-compatible (distributed) implementation.

Keys are relative POSIX paths such as ``v/ab/<sha256>.webp``; objects are never
rewritten under the same key, so browsers and CDNs may cache them forever. Keys under
``private/`` (originals, which still carry their metadata) are never served: the local
``/media`` mount refuses them, and an S3 bucket should grant public reads on everything else
only.
"""

from collections.abc import Mapping
from typing import Any

from potluck.settings import Settings
from potluck.storage.interface import IMMUTABLE_CACHE_CONTROL, Storage, StorageKeyNotFound
from potluck.storage.local import LocalStorage
from potluck.storage.s3 import S3Storage

STORAGE_KEY = "potluck.storage"
PRIVATE_PREFIX = "private/"


def storage_of(info: Mapping[str, Any]) -> Storage:
    """The process's storage from a session's ``info`` or a job's ``resources``."""
    storage = info.get(STORAGE_KEY)
    if storage is None:
        raise RuntimeError("no media storage here: was this session or job made by a Runtime?")
    return storage  # type: ignore[no-any-return]


def storage_from_settings(settings: Settings) -> Storage:
    """S3 when a bucket is configured, else the local media directory."""
    if settings.s3_bucket:
        return S3Storage(
            settings.s3_bucket,
            endpoint_url=settings.s3_endpoint_url,
            region=settings.s3_region,
            access_key_id=settings.s3_access_key_id,
            secret_access_key=settings.s3_secret_access_key,
            public_url=settings.s3_public_url,
        )
    return LocalStorage(settings.resolved_media_dir)


__all__ = [
    "IMMUTABLE_CACHE_CONTROL",
    "PRIVATE_PREFIX",
    "STORAGE_KEY",
    "LocalStorage",
    "S3Storage",
    "Storage",
    "StorageKeyNotFound",
    "storage_from_settings",
    "storage_of",
]

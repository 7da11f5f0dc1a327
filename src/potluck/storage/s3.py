"""Media in an S3-compatible bucket (AWS, MinIO, R2), served by the bucket or a CDN (distributed mode)."""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator, Iterable
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path, PurePosixPath
from typing import Any

import aioboto3
from aiobotocore.config import AioConfig  # type: ignore[import-untyped]
from boto3.s3.transfer import TransferConfig  # type: ignore[import-untyped]
from botocore.exceptions import ClientError  # type: ignore[import-untyped]

from potluck.storage.interface import IMMUTABLE_CACHE_CONTROL, StorageKeyNotFound, check_key

# The most keys one DeleteObjects request accepts.
DELETE_BATCH = 1000
# Downloads are written to disk in pieces of this size, so memory stays flat for any video.
DOWNLOAD_CHUNK_BYTES = 1024 * 1024
# aioboto3 reads a large upload ahead in 8 MiB parts; its default queue (100 parts) could hold
# 800 MiB per upload when the network is slower than the disk.
_TRANSFER_CONFIG = TransferConfig(max_concurrency=4, max_io_queue=2)
_MISSING_CODES = frozenset({"404", "NoSuchKey", "NotFound"})


class S3Storage:
    """Objects in one bucket. One client, created on first use and kept until :meth:`close`."""

    def __init__(
        self,
        bucket: str,
        *,
        endpoint_url: str,
        region: str,
        access_key_id: str,
        secret_access_key: str,
        public_url: str,
    ) -> None:
        self.bucket = bucket
        self.endpoint_url = endpoint_url.rstrip("/")
        self.region = region
        self.public_url = public_url
        # Empty credentials fall back to boto's chain (environment, instance role).
        self._session = aioboto3.Session(
            aws_access_key_id=access_key_id or None,
            aws_secret_access_key=secret_access_key or None,
            region_name=region,
        )
        self._stack = AsyncExitStack()
        self._client: Any = None
        self._client_lock = asyncio.Lock()

    async def _s3(self) -> Any:
        if self._client is None:
            async with self._client_lock:
                if self._client is None:
                    # Self-hosted services (MinIO) rarely have per-bucket host names.
                    config = AioConfig(s3={"addressing_style": "path"}) if self.endpoint_url else None
                    self._client = await self._stack.enter_async_context(
                        self._session.client("s3", endpoint_url=self.endpoint_url or None, config=config)
                    )
        return self._client

    async def put_file(self, key: str, path: Path, *, content_type: str) -> None:
        check_key(key)
        s3 = await self._s3()
        # The managed transfer streams from disk and goes multipart for big files; S3 shows
        # a multipart object only once it is complete.
        await s3.upload_file(
            str(path),
            self.bucket,
            key,
            ExtraArgs={"ContentType": content_type, "CacheControl": IMMUTABLE_CACHE_CONTROL},
            Config=_TRANSFER_CONFIG,
        )

    async def put_bytes(self, key: str, data: bytes, *, content_type: str) -> None:
        check_key(key)
        s3 = await self._s3()
        await s3.put_object(
            Bucket=self.bucket,
            Key=key,
            Body=data,
            ContentType=content_type,
            CacheControl=IMMUTABLE_CACHE_CONTROL,
        )

    @asynccontextmanager
    async def open_local(self, key: str) -> AsyncIterator[Path]:
        check_key(key)
        s3 = await self._s3()
        try:
            response = await s3.get_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            if _is_missing(error):
                raise StorageKeyNotFound(key) from error
            raise
        body = response["Body"]
        # Entering gives the raw aiohttp response; the botocore wrapper has iter_chunks.
        async with body:
            # Keep the extension: image and video libraries may go by it.
            path = await asyncio.to_thread(_temporary_file, PurePosixPath(key).suffix)
            try:
                await _write_chunks(body, path)
            except BaseException:
                await asyncio.to_thread(path.unlink, missing_ok=True)
                raise
        try:
            yield path
        finally:
            await asyncio.to_thread(path.unlink, missing_ok=True)

    async def exists(self, key: str) -> bool:
        check_key(key)
        s3 = await self._s3()
        try:
            await s3.head_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            if _is_missing(error):
                return False
            raise
        return True

    async def delete(self, keys: Iterable[str]) -> None:
        checked = [check_key(key) for key in keys]
        if not checked:
            return
        s3 = await self._s3()
        for start in range(0, len(checked), DELETE_BATCH):
            batch = checked[start : start + DELETE_BATCH]
            response = await s3.delete_objects(
                Bucket=self.bucket,
                Delete={"Objects": [{"Key": key} for key in batch], "Quiet": True},
            )
            # DeleteObjects answers 200 even when some keys failed (deleting a missing key
            # is not a failure in S3).
            errors = response.get("Errors", [])
            if errors:
                first = errors[0]
                raise OSError(
                    f"S3 refused to delete {len(errors)} objects, first {first.get('Key')!r}: "
                    f"{first.get('Code')} {first.get('Message')}"
                )

    def url(self, key: str) -> str:
        check_key(key)
        if self.public_url:
            return f"{self.public_url.rstrip('/')}/{key}"
        if self.endpoint_url:
            return f"{self.endpoint_url}/{self.bucket}/{key}"
        return f"https://{self.bucket}.s3.{self.region}.amazonaws.com/{key}"

    async def ping(self) -> None:
        s3 = await self._s3()
        await s3.head_bucket(Bucket=self.bucket)

    async def close(self) -> None:
        await self._stack.aclose()
        self._client = None


def _is_missing(error: ClientError) -> bool:
    return str(error.response.get("Error", {}).get("Code", "")) in _MISSING_CODES


def _temporary_file(suffix: str) -> Path:
    descriptor, name = tempfile.mkstemp(prefix="potluck-media-", suffix=suffix)
    os.close(descriptor)
    return Path(name)


async def _write_chunks(body: Any, path: Path) -> None:
    file = await asyncio.to_thread(path.open, "wb")
    try:
        async for chunk in body.iter_chunks(DOWNLOAD_CHUNK_BYTES):
            await asyncio.to_thread(file.write, chunk)
    finally:
        await asyncio.to_thread(file.close)

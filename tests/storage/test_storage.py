"""Media storage: one contract, checked against local disk and a real S3 HTTP server (moto)."""

from __future__ import annotations

import hashlib
import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest
from botocore.exceptions import ClientError
from moto.server import ThreadedMotoServer

from potluck.settings import Settings
from potluck.storage import (
    IMMUTABLE_CACHE_CONTROL,
    LocalStorage,
    S3Storage,
    Storage,
    StorageKeyNotFound,
    storage_from_settings,
)

KEY = "media/ab/cd/" + "ab" * 32 + ".webp"
BAD_KEYS = ["../x", "/etc/passwd", "a\\b", "a/../../b", "", "a//b", "./a", "a/", "a b", "名字.webp"]
BIG_BYTES = 12 * 1024 * 1024  # above the 8 MiB multipart threshold: two parts


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


@pytest.fixture(scope="module")
def s3_client(s3_endpoint: str) -> Any:
    """A plain boto3 client, for arranging and checking behind the storage's back."""
    return boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def make_s3_storage(endpoint: str, bucket: str, public_url: str = "") -> S3Storage:
    return S3Storage(
        bucket,
        endpoint_url=endpoint,
        region="us-east-1",
        access_key_id="testing",
        secret_access_key="testing",
        public_url=public_url,
    )


@pytest.fixture
def bucket(s3_client: Any) -> str:
    # Moto keeps state for the whole module; a bucket per test keeps tests apart.
    name = f"potluck-{uuid.uuid4().hex[:16]}"
    s3_client.create_bucket(Bucket=name)
    return name


@pytest.fixture(params=["local", "s3"])
async def storage(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Storage]:
    storage: Storage
    if request.param == "local":
        storage = LocalStorage(tmp_path / "media")
    else:
        storage = make_s3_storage(request.getfixturevalue("s3_endpoint"), request.getfixturevalue("bucket"))
    try:
        yield storage
    finally:
        await storage.close()


def write_random_file(path: Path, size: int) -> str:
    """Fill ``path`` with ``size`` random bytes, a MiB at a time; return their SHA-256."""
    digest = hashlib.sha256()
    with path.open("wb") as file:
        remaining = size
        while remaining:
            chunk = os.urandom(min(remaining, 1024 * 1024))
            digest.update(chunk)
            file.write(chunk)
            remaining -= len(chunk)
    return digest.hexdigest()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


# --- the contract ----------------------------------------------------------------------------


async def test_bytes_round_trip(storage: Storage) -> None:
    await storage.put_bytes(KEY, b"webp bytes", content_type="image/webp")

    async with storage.open_local(KEY) as path:
        assert path.read_bytes() == b"webp bytes"


async def test_a_second_put_replaces_the_object(storage: Storage) -> None:
    await storage.put_bytes(KEY, b"old", content_type="image/webp")
    await storage.put_bytes(KEY, b"new", content_type="image/webp")

    async with storage.open_local(KEY) as path:
        assert path.read_bytes() == b"new"


async def test_file_round_trip_survives_deleting_the_source(storage: Storage, tmp_path: Path) -> None:
    source = tmp_path / "upload.bin"
    source.write_bytes(b"video bytes")

    await storage.put_file("media/videos/clip.mp4", source, content_type="video/mp4")
    source.unlink()

    async with storage.open_local("media/videos/clip.mp4") as path:
        assert path.read_bytes() == b"video bytes"


async def test_put_file_of_a_missing_source_stores_nothing(storage: Storage, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        await storage.put_file(KEY, tmp_path / "gone.bin", content_type="image/webp")

    assert not await storage.exists(KEY)


async def test_exists(storage: Storage) -> None:
    assert not await storage.exists(KEY)

    await storage.put_bytes(KEY, b"x", content_type="image/webp")

    assert await storage.exists(KEY)
    assert not await storage.exists("media/ab/cd/other.webp")


async def test_delete_removes_present_keys_and_skips_missing_ones(storage: Storage) -> None:
    keys = [f"media/d/{n}.webp" for n in range(3)]
    for key in keys:
        await storage.put_bytes(key, b"x", content_type="image/webp")
    await storage.put_bytes("media/d/keep.webp", b"x", content_type="image/webp")

    await storage.delete([*keys, "media/d/never-stored.webp"])

    for key in keys:
        assert not await storage.exists(key)
    assert await storage.exists("media/d/keep.webp")
    await storage.delete(keys)  # deleting again is fine
    await storage.delete([])


async def test_open_local_of_a_missing_key_raises(storage: Storage) -> None:
    with pytest.raises(StorageKeyNotFound):
        async with storage.open_local("media/none.webp"):
            pytest.fail("the block must not run")
    assert issubclass(StorageKeyNotFound, LookupError)


@pytest.mark.parametrize("key", BAD_KEYS)
async def test_unsafe_keys_are_refused_by_every_method(storage: Storage, tmp_path: Path, key: str) -> None:
    source = tmp_path / "upload.bin"
    source.write_bytes(b"x")
    await storage.put_bytes(KEY, b"kept", content_type="image/webp")
    before = sorted(tmp_path.rglob("*"))

    with pytest.raises(ValueError):
        await storage.put_bytes(key, b"x", content_type="image/webp")
    with pytest.raises(ValueError):
        await storage.put_file(key, source, content_type="image/webp")
    with pytest.raises(ValueError):
        async with storage.open_local(key):
            pass
    with pytest.raises(ValueError):
        await storage.exists(key)
    with pytest.raises(ValueError):
        storage.url(key)
    # One bad key spoils the batch before anything is deleted.
    with pytest.raises(ValueError):
        await storage.delete([KEY, key])

    assert await storage.exists(KEY)
    assert sorted(tmp_path.rglob("*")) == before


async def test_ping_answers(storage: Storage) -> None:
    await storage.ping()


# --- local disk ------------------------------------------------------------------------------


async def test_local_puts_leave_only_the_object_in_its_directory(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "media")
    source = tmp_path / "upload.bin"
    source.write_bytes(b"file")

    await storage.put_bytes("media/ab/one.webp", b"bytes", content_type="image/webp")
    await storage.put_file("media/ab/two.webp", source, content_type="image/webp")
    await storage.put_file("media/ab/two.webp", source, content_type="image/webp")

    assert sorted(p.name for p in (tmp_path / "media/media/ab").iterdir()) == ["one.webp", "two.webp"]


async def test_local_failed_put_leaves_nothing_behind(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "media")
    await storage.put_bytes("media/ab/one.webp", b"bytes", content_type="image/webp")

    with pytest.raises(FileNotFoundError):
        await storage.put_file("media/ab/two.webp", tmp_path / "gone.bin", content_type="image/webp")

    assert [p.name for p in (tmp_path / "media/media/ab").iterdir()] == ["one.webp"]


async def test_local_open_local_gives_the_stored_file(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "media")
    await storage.put_bytes(KEY, b"x", content_type="image/webp")

    async with storage.open_local(KEY) as path:
        assert path == tmp_path / "media" / KEY
    assert path.exists()


async def test_local_ping_fails_when_the_directory_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"")

    with pytest.raises(OSError):
        await LocalStorage(tmp_path / "file" / "media").ping()


def test_local_url() -> None:
    assert LocalStorage(Path("/srv/media")).url(KEY) == "/media/" + KEY
    assert LocalStorage(Path("/srv/media"), url_prefix="https://cdn.test/m/").url("a/b.webp") == (
        "https://cdn.test/m/a/b.webp"
    )


# --- S3 --------------------------------------------------------------------------------------


async def test_s3_objects_carry_their_type_and_a_cache_lifetime(
    s3_endpoint: str, s3_client: Any, bucket: str, tmp_path: Path
) -> None:
    storage = make_s3_storage(s3_endpoint, bucket)
    source = tmp_path / "clip.mp4"
    source.write_bytes(b"small video")
    try:
        await storage.put_bytes(KEY, b"x", content_type="image/webp")
        await storage.put_file("media/clip.mp4", source, content_type="video/mp4")
    finally:
        await storage.close()

    image = s3_client.head_object(Bucket=bucket, Key=KEY)
    video = s3_client.head_object(Bucket=bucket, Key="media/clip.mp4")
    assert (image["ContentType"], image["CacheControl"]) == ("image/webp", IMMUTABLE_CACHE_CONTROL)
    assert (video["ContentType"], video["CacheControl"]) == ("video/mp4", IMMUTABLE_CACHE_CONTROL)


async def test_s3_big_file_goes_up_in_parts_and_comes_down_to_a_temporary_file(
    s3_endpoint: str, s3_client: Any, bucket: str, tmp_path: Path
) -> None:
    storage = make_s3_storage(s3_endpoint, bucket)
    source = tmp_path / "big.mp4"
    digest = write_random_file(source, BIG_BYTES)
    try:
        await storage.put_file("media/big.mp4", source, content_type="video/mp4")

        head = s3_client.head_object(Bucket=bucket, Key="media/big.mp4")
        # A multipart object's ETag ends in the number of parts.
        assert head["ETag"].strip('"').endswith("-2")
        assert (head["ContentType"], head["CacheControl"]) == ("video/mp4", IMMUTABLE_CACHE_CONTROL)
        assert head["ContentLength"] == BIG_BYTES

        async with storage.open_local("media/big.mp4") as path:
            assert path.is_relative_to(tempfile.gettempdir())
            assert path.suffix == ".mp4"
            assert path.stat().st_size == BIG_BYTES
            assert sha256_of(path) == digest
        assert not path.exists()
    finally:
        await storage.close()


async def test_s3_temporary_file_is_deleted_when_the_block_raises(s3_endpoint: str, bucket: str) -> None:
    storage = make_s3_storage(s3_endpoint, bucket)
    try:
        await storage.put_bytes(KEY, b"x", content_type="image/webp")
        with pytest.raises(RuntimeError):
            async with storage.open_local(KEY) as path:
                raise RuntimeError
        assert not path.exists()
    finally:
        await storage.close()


async def test_s3_ping_fails_for_a_missing_bucket(s3_endpoint: str) -> None:
    storage = make_s3_storage(s3_endpoint, "no-such-bucket")
    try:
        with pytest.raises(ClientError):
            await storage.ping()
    finally:
        await storage.close()


def test_s3_url() -> None:
    def url(**overrides: str) -> str:
        values = {"endpoint_url": "http://minio:9000", "public_url": ""} | overrides
        return make_s3_storage(values["endpoint_url"], "potluck", values["public_url"]).url("media/a.webp")

    assert url() == "http://minio:9000/potluck/media/a.webp"
    assert url(public_url="https://cdn.example.com/") == "https://cdn.example.com/media/a.webp"
    assert url(endpoint_url="") == "https://potluck.s3.us-east-1.amazonaws.com/media/a.webp"


# --- wiring ----------------------------------------------------------------------------------


def test_settings_choose_the_implementation(tmp_path: Path) -> None:
    local = storage_from_settings(Settings(var_dir=tmp_path))
    s3 = storage_from_settings(Settings(var_dir=tmp_path, s3_bucket="potluck", s3_endpoint_url="http://s3"))

    assert isinstance(local, LocalStorage)
    assert local.root == tmp_path / "media"
    assert isinstance(s3, S3Storage)
    assert s3.url("a.webp") == "http://s3/potluck/a.webp"


async def test_media_served_by_the_app_may_be_cached_for_a_year(
    raw_client: httpx.AsyncClient, settings: Settings
) -> None:
    storage = LocalStorage(settings.resolved_media_dir)
    await storage.put_bytes(KEY, b"webp bytes", content_type="image/webp")

    response = await raw_client.get(storage.url(KEY))
    assert response.status_code == 200
    assert response.content == b"webp bytes"
    assert response.headers["cache-control"] == IMMUTABLE_CACHE_CONTROL

    revalidated = await raw_client.get(storage.url(KEY), headers={"If-None-Match": response.headers["etag"]})
    assert revalidated.status_code == 304
    assert revalidated.headers["cache-control"] == IMMUTABLE_CACHE_CONTROL

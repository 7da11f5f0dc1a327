"""The password hashing pool: shaped by settings, its threads at a lower CPU priority."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator

import pytest

from potluck.accounts import passwords
from potluck.settings import Settings


@pytest.fixture
def restore_pool() -> Iterator[None]:
    yield
    passwords.configure_pool(threads=None, niceness=passwords.DEFAULT_NICENESS)


def _thread_niceness() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


async def test_the_pool_takes_its_size_and_niceness_from_settings(restore_pool: None) -> None:
    passwords.configure_pool(threads=1, niceness=7)
    assert passwords.parameters()["pool_threads"] == 1
    assert passwords.parameters()["pool_niceness"] == 7
    hashed = await passwords.hash_password("a long enough password")
    assert hashed.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert await passwords.verify_password(hashed, "a long enough password")
    # The hashing thread runs below the event loop's priority (Linux: per-thread nice).
    base = _thread_niceness()
    niceness = passwords._pool.submit(_thread_niceness).result()
    # (A process already nicer than 7 stays as it is unless it may raise its priority.)
    assert niceness == 7 or (base > 7 and niceness == base)


def test_the_settings_bound_the_niceness() -> None:
    with pytest.raises(ValueError, match="password_hash_niceness"):
        Settings(password_hash_niceness=20)
    assert Settings(password_hash_niceness=0).password_hash_niceness == 0

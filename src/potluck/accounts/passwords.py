"""argon2id password hashing, off the event loop in a bounded pool.

Hashing costs ~19 MiB and tens of milliseconds of CPU by design. A small dedicated pool
keeps a burst of log-ins from blocking the event loop or taking every thread: excess
log-ins wait their turn while other requests go on.
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# OWASP minimum for argon2id: m=19 MiB, t=2, p=1.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_pool = ThreadPoolExecutor(max_workers=max(2, (os.cpu_count() or 2)), thread_name_prefix="argon2")

# A real hash to verify against when the account does not exist, so a wrong user name
# takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("potluck-timing-equaliser")


async def hash_password(password: str) -> str:
    return await asyncio.get_running_loop().run_in_executor(_pool, _hasher.hash, password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


async def verify_password(password_hash: str | None, password: str) -> bool:
    """Check ``password``; with ``password_hash=None`` burn the same time and fail."""
    target = password_hash if password_hash is not None else _DUMMY_HASH
    ok = await asyncio.get_running_loop().run_in_executor(_pool, _verify, target, password)
    return ok and password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)

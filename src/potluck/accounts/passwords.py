"""argon2id password hashing, off the event loop in a bounded, low-priority pool.

Hashing costs 19 MiB and ~30 ms of CPU by design (the OWASP minimum for argon2id:
m=19 MiB, t=2, p=1). A small dedicated pool keeps a burst of sign-ups and log-ins from
blocking the event loop or taking every thread: excess hashes wait their turn while other
requests go on. The pool's threads run at a lower CPU priority (Linux: per-thread nice,
``POTLUCK_PASSWORD_HASH_NICENESS``), so when the cores are saturated the event loops
serving reads are scheduled first; argon2 releases the GIL while it works.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

TIME_COST = 2
MEMORY_COST_KIB = 19 * 1024
PARALLELISM = 1
DEFAULT_THREADS = max(1, os.cpu_count() or 1)
DEFAULT_NICENESS = 5

hasher = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM)


def _lower_priority(niceness: int) -> None:
    # On Linux, setpriority(PRIO_PROCESS, tid) applies to that one thread.
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), niceness)


def _new_pool(threads: int, niceness: int) -> ThreadPoolExecutor:
    return ThreadPoolExecutor(
        max_workers=threads, thread_name_prefix="argon2", initializer=_lower_priority, initargs=(niceness,)
    )


_pool = _new_pool(DEFAULT_THREADS, DEFAULT_NICENESS)
_pool_shape = (DEFAULT_THREADS, DEFAULT_NICENESS)


def configure_pool(*, threads: int | None, niceness: int) -> None:
    """Size the hashing pool and set its threads' CPU niceness (at process start).

    The niceness decides who gives way when the cores are saturated: higher keeps reads
    fast and lets sign-ups queue, lower does the opposite (docs/benchmarks.md measures it).
    """
    global _pool, _pool_shape  # one pool per process, shaped once at start
    shape = (threads or DEFAULT_THREADS, niceness)
    if shape != _pool_shape:
        _pool.shutdown(wait=False)
        _pool, _pool_shape = _new_pool(*shape), shape


# A real hash to verify against when the account does not exist, so a wrong user name
# takes as long as a wrong password.
_DUMMY_HASH = hasher.hash("potluck-timing-equaliser")


def parameters() -> dict[str, int]:
    """The argon2id parameters new hashes use and the pool's shape (for the benchmark)."""
    threads, niceness = _pool_shape
    return {
        "time_cost": TIME_COST,
        "memory_cost_kib": MEMORY_COST_KIB,
        "parallelism": PARALLELISM,
        "pool_threads": threads,
        "pool_niceness": niceness,
    }


async def hash_password(password: str) -> str:
    return await asyncio.get_running_loop().run_in_executor(_pool, hasher.hash, password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


async def verify_password(password_hash: str | None, password: str) -> bool:
    """Check ``password``; with ``password_hash=None`` burn the same time and fail."""
    target = password_hash if password_hash is not None else _DUMMY_HASH
    ok = await asyncio.get_running_loop().run_in_executor(_pool, _verify, target, password)
    return ok and password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with other (older, weaker) parameters than today's."""
    return hasher.check_needs_rehash(password_hash)

"""Jobs the queue tests run, in the test process or in a worker subprocess.

Importing this module registers them in the global registry too, so that
``python -c "import tests.jobs.sample_tasks; from potluck.cli import main; main()" worker``
can run them. In-process tests use a registry of their own (see :func:`register`).
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from potluck.jobs import JobContext
from potluck.jobs.registry import JobFunction, JobRegistry, registry


@dataclass(frozen=True)
class Call:
    name: str
    job_id: int
    attempt: int
    payload: dict[str, Any]


CALLS: list[Call] = []


async def record(ctx: JobContext, **payload: Any) -> None:
    CALLS.append(Call(ctx.name, ctx.job_id, ctx.attempt, payload))


async def fail(ctx: JobContext, **payload: Any) -> None:
    CALLS.append(Call(ctx.name, ctx.job_id, ctx.attempt, payload))
    raise RuntimeError(f"failing on purpose, attempt {ctx.attempt}")


async def sleep(ctx: JobContext, seconds: float) -> None:
    CALLS.append(Call(ctx.name, ctx.job_id, ctx.attempt, {"seconds": seconds}))
    await asyncio.sleep(seconds)
    CALLS.append(Call(ctx.name, ctx.job_id, ctx.attempt, {"woke": True}))


async def hang_on_first_attempt(ctx: JobContext, marker_dir: str) -> None:
    """Attempt 1 says it started and hangs (the test kills its worker); later ones finish."""
    directory = Path(marker_dir)
    (directory / f"started-{ctx.attempt}").write_text(str(os.getpid()))
    if ctx.attempt == 1:
        await asyncio.sleep(3600)
    (directory / "finished").write_text(str(os.getpid()))


JOBS: dict[str, JobFunction] = {
    "tests.record": record,
    "tests.fail": fail,
    "tests.sleep": sleep,
    "tests.hang_on_first_attempt": hang_on_first_attempt,
}


def register(target: JobRegistry, **options: Any) -> JobRegistry:
    for name, function in JOBS.items():
        if name not in target.jobs:
            target.job(name, **options)(function)
    return target


register(registry)

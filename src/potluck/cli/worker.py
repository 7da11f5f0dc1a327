"""``potluck worker``: consume background jobs and fire periodic ones until stopped."""

from __future__ import annotations

import asyncio
import signal

import typer

from potluck.ops.logging import configure_logging
from potluck.runtime import Runtime
from potluck.settings import load_settings


def worker() -> None:
    """Run jobs. In distributed mode run as many of these as you like; in embedded mode the
    web server already runs jobs unless POTLUCK_EMBEDDED_WORKER=false."""
    settings = load_settings()
    configure_logging(settings.log_level, settings.log_format)
    typer.echo(f"Potluck worker ({settings.mode.value} mode)")
    asyncio.run(_run(Runtime(settings)))


async def _run(runtime: Runtime) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await runtime.start(run_worker=True)
    try:
        await stop.wait()
    finally:
        await runtime.stop()

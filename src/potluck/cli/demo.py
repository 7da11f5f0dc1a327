"""``potluck demo``: a lively site on a fresh install (see :mod:`potluck.demo`)."""

from __future__ import annotations

import asyncio
import time
from typing import Annotated

import typer

from potluck.demo.content import DEMO_PASSWORD
from potluck.demo.loader import load_demo
from potluck.settings import load_settings


def demo(
    notes: Annotated[
        int | None, typer.Option("--notes", min=1, help="Only the first N notes (a quicker, smaller demo).")
    ] = None,
) -> None:
    """Create demo people, notes, photos, likes, boards and comments. Safe to run again."""
    started = time.perf_counter()
    summary = asyncio.run(load_demo(load_settings(), notes=notes))
    typer.echo(
        f"Demo content ready: {summary.describe()} in {time.perf_counter() - started:.1f} s. "
        f"Log in as demo / {DEMO_PASSWORD}"
    )

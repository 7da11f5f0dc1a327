"""``potluck search reindex``: rebuild the search index from the notes."""

from __future__ import annotations

import asyncio
import time

import typer

from potluck.db.session import unit_of_work
from potluck.runtime import Runtime
from potluck.search import indexing, spelling
from potluck.settings import load_settings

app = typer.Typer(help="Search commands.", no_args_is_help=True)


@app.callback()
def _search() -> None:
    """Search commands."""


@app.command("reindex")
def reindex(
    batch: int = typer.Option(indexing.REINDEX_BATCH, min=1, max=10_000, help="Notes per transaction."),
) -> None:
    """Index every note again (drafts and private notes leave the index), a batch per
    transaction, so the site keeps working meanwhile; then refresh the vocabulary that
    "did you mean" corrects against."""

    async def main() -> tuple[int, int, float]:
        runtime = Runtime(load_settings())
        started = time.perf_counter()
        done = 0
        try:
            after = 0
            while True:
                async with unit_of_work(lambda: runtime.database.session(writing=True)) as session:
                    note_ids = await indexing.reindex_batch(session, after=after, limit=batch)
                if not note_ids:
                    break
                after, done = note_ids[-1], done + len(note_ids)
                if done % (batch * 50) < len(note_ids):
                    typer.echo(f"  {done:,} notes")
            async with unit_of_work(lambda: runtime.database.session(writing=True)) as session:
                terms = await spelling.refresh_vocabulary(session)
        finally:
            await runtime.stop()
        return done, terms, time.perf_counter() - started

    done, terms, seconds = asyncio.run(main())
    rate = done / seconds if seconds else 0.0
    typer.echo(
        f"Indexed {done:,} notes in {seconds:.1f} s ({rate:,.0f} notes/s); vocabulary of {terms:,} terms."
    )

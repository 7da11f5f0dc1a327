"""``potluck db upgrade``: apply migrations (Alembic) to the configured database."""

from __future__ import annotations

import asyncio

import typer

from potluck.migrations.runner import upgrade
from potluck.settings import load_settings

app = typer.Typer(help="Database commands.", no_args_is_help=True)


@app.command("upgrade")
def upgrade_command(revision: str = typer.Argument("head", help="Target revision.")) -> None:
    """Migrate the database to ``revision`` (default: the newest)."""
    settings = load_settings()
    asyncio.run(upgrade(settings.resolved_database_url, revision))
    typer.echo(f"Database at {revision}.")


@app.callback()
def _db() -> None:
    """Database commands."""

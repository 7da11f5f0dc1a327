"""``potluck admin create NAME``: make an administrator account."""

from __future__ import annotations

import asyncio
import secrets

import typer

from potluck.accounts import service
from potluck.db.engine import Database
from potluck.db.session import unit_of_work
from potluck.kit.errors import PotluckError
from potluck.runtime import Runtime
from potluck.settings import load_settings

app = typer.Typer(help="Administration.", no_args_is_help=True)


@app.callback()
def _admin() -> None:
    """Administration."""


@app.command("create")
def create(
    username: str,
    password: str = typer.Option("", help="Password; a strong one is generated and printed when empty."),
    email: str = typer.Option("", help="Optional email."),
) -> None:
    """Create an administrator account."""
    chosen = password or secrets.token_urlsafe(12)
    try:
        asyncio.run(_create(username, chosen, email or None))
    except PotluckError as error:
        typer.echo(f"Could not create {username!r}: {error.message}", err=True)
        raise typer.Exit(1) from error
    typer.echo(f"Administrator {username} created.")
    if not password:
        typer.echo(f"Password: {chosen}")


async def _create(username: str, password: str, email: str | None) -> None:
    runtime = Runtime(load_settings())
    try:
        await _create_in(runtime.database, username, password, email)
    finally:
        await runtime.stop()


async def _create_in(database: Database, username: str, password: str, email: str | None) -> None:
    async with unit_of_work(database.sessionmaker) as session:
        await service.create_user(session, username=username, password=password, email=email, is_admin=True)

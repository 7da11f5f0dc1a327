"""``potluck admin``: make administrators, suspend and restore accounts."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable
from typing import Annotated

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import credentials, service
from potluck.db.session import unit_of_work
from potluck.kit.errors import PotluckError
from potluck.runtime import Runtime
from potluck.settings import load_settings

app = typer.Typer(help="Administration.", no_args_is_help=True)


@app.callback()
def _admin() -> None:
    """Administration."""


def _run(username: str, work: Callable[[AsyncSession], Awaitable[object]]) -> None:
    async def main() -> None:
        runtime = Runtime(load_settings())
        try:
            async with unit_of_work(lambda: runtime.database.session(writing=True)) as session:
                await work(session)
        finally:
            await runtime.stop()

    try:
        asyncio.run(main())
    except PotluckError as error:
        typer.echo(f"{username}: {error.message}", err=True)
        raise typer.Exit(1) from error


@app.command("create")
def create(
    username: str,
    password: str = typer.Option("", help="Password; a strong one is generated and printed when empty."),
    email: str = typer.Option("", help="Optional email."),
    promote: Annotated[bool, typer.Option(help="If the account exists, make it an administrator.")] = False,
) -> None:
    """Create an administrator account (or, with --promote, promote an existing one)."""
    chosen = password or secrets.token_urlsafe(12)
    promoted = False

    async def work(session: AsyncSession) -> None:
        nonlocal promoted
        if promote and await _exists(session, username):
            await service.make_admin(session, username=username)
            promoted = True
        else:
            await service.create_user(
                session, username=username, password=chosen, email=email or None, is_admin=True
            )

    _run(username, work)
    if promoted:
        typer.echo(f"{username} is now an administrator.")
        return
    typer.echo(f"Administrator {username} created.")
    if not password:
        typer.echo(f"Password: {chosen}")


async def _exists(session: AsyncSession, username: str) -> bool:
    try:
        await service.get_user_by_username(session, username=username)
    except PotluckError:
        return False
    return True


@app.command("suspend")
def suspend(username: str, reason: str = typer.Option("", help="Why; kept in the audit log.")) -> None:
    """Suspend an account: logged out everywhere, cannot log in or act until restored."""
    _run(
        username,
        lambda session: credentials.set_suspended(
            session, username=username, suspended=True, actor_id=None, reason=reason
        ),
    )
    typer.echo(f"{username} is suspended.")


@app.command("restore")
def restore(username: str) -> None:
    """Restore a suspended account."""
    _run(
        username,
        lambda session: credentials.set_suspended(session, username=username, suspended=False, actor_id=None),
    )
    typer.echo(f"{username} is restored.")

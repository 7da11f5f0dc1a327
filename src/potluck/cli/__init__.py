"""The ``potluck`` command: serve, worker, db, demo, admin, search."""

from __future__ import annotations

import typer

from potluck.cli import admin, db, demo, search, serve, translation, worker

app = typer.Typer(help="Potluck: a self-hostable lifestyle-notes community.", no_args_is_help=True)
app.command("serve")(serve.serve)
app.command("worker")(worker.worker)
app.command("demo")(demo.demo)
app.add_typer(db.app, name="db")
app.add_typer(admin.app, name="admin")
app.add_typer(search.app, name="search")
app.add_typer(translation.app, name="translation")


def main() -> None:
    app()

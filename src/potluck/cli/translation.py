"""``potluck translation install FILE`` / ``list`` / ``remove NAME``: the models this server
translates with (``POTLUCK_TRANSLATION_MODELS_DIR``, default ``<var>/translation-models``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from potluck.settings import load_settings
from potluck.translation import packages

app = typer.Typer(help="Translation models on this server.", no_args_is_help=True)


@app.callback()
def _translation() -> None:
    """Translation models on this server."""


@app.command("install")
def install(
    file: Annotated[
        Path, typer.Argument(exists=True, help="An .argosmodel file or an OPUS-MT CTranslate2 folder")
    ],
    source: Annotated[
        str, typer.Option("--from", help="Its source language (if not named opus-mt-xx-yy)")
    ] = "",
    target: Annotated[str, typer.Option("--to", help="The model's target language")] = "",
    source_prefix: Annotated[
        str, typer.Option(help="A token before each sentence, e.g. '>>cmn_Hans<<'")
    ] = "",
) -> None:
    """Install a model; running servers use it once restarted (models load once per process)."""
    models_dir = load_settings().resolved_translation_models_dir
    try:
        package = packages.install(
            file,
            models_dir,
            source=source or None,
            target=target or None,
            source_prefix=source_prefix or None,
        )
    except packages.PackageError as error:
        typer.echo(f"Not installed: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(
        f"Installed {package.name}: {package.source} -> {package.target} ({package.kind}) in {package.path}"
    )


@app.command("list")
def list_models() -> None:
    """The installed models, with the pairs they give (direct, or through English)."""
    models_dir = load_settings().resolved_translation_models_dir
    installed = packages.installed(models_dir)
    if not installed:
        typer.echo(
            f"No translation model in {models_dir}. Install one with: potluck translation install FILE"
        )
        return
    for package in installed:
        version = f" {package.version}" if package.version else ""
        typer.echo(f"{package.name}\t{package.source} -> {package.target}\t{package.kind}{version}")


@app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="A name `potluck translation list` shows")]) -> None:
    """Remove an installed model."""
    if not packages.remove(load_settings().resolved_translation_models_dir, name):
        typer.echo(f"No model named {name!r}", err=True)
        raise typer.Exit(1)
    typer.echo(f"Removed {name}")

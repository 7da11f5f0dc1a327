"""``potluck serve``: the web server (uvicorn), one or several processes."""

from __future__ import annotations

import os
import shutil

import typer
import uvicorn

from potluck.settings import Mode, load_settings


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(1, min=1, help="Server processes (each also runs embedded jobs)."),
) -> None:
    """Run the web server. Settings come from POTLUCK_* environment variables."""
    settings = load_settings()
    if workers > 1:
        # Each process keeps its own counters; Prometheus' multiprocess mode sums them.
        metrics_dir = settings.var_dir / "prometheus"
        shutil.rmtree(metrics_dir, ignore_errors=True)
        metrics_dir.mkdir(parents=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir.resolve())
    typer.echo(f"Potluck ({settings.mode.value} mode) at http://{host}:{port}")
    if workers > 1 and settings.mode is Mode.EMBEDDED:
        typer.echo(
            "Note: in embedded mode each process has its own cache, rate limits and live events, "
            "so a logged-out visitor may see a deleted note for up to POTLUCK_ANONYMOUS_CACHE_SECONDS "
            "and limits apply per process. Set POTLUCK_REDIS_URL to share them.",
            err=True,
        )
    uvicorn.run(
        "potluck.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        log_config=None,
        access_log=False,
        ws="websockets-sansio",
    )

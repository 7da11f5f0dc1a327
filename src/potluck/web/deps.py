"""FastAPI dependencies every domain's routes use."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.web.boundary import request_session

if TYPE_CHECKING:
    from potluck.runtime import Runtime


async def get_session(request: Request) -> AsyncSession:
    # async: FastAPI runs plain `def` dependencies in a worker thread, one hop a request.
    return request_session(request)


DbSession = Annotated[AsyncSession, Depends(get_session)]


def runtime_of(request: Request) -> Runtime:
    """The process's runtime (settings, storage, queues) the app was built with."""
    runtime: Runtime = request.app.state.runtime
    return runtime

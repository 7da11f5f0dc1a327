"""FastAPI dependencies every domain's routes use."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.web.boundary import request_session


async def get_session(request: Request) -> AsyncSession:
    # async: FastAPI runs plain `def` dependencies in a worker thread, one hop a request.
    return request_session(request)


DbSession = Annotated[AsyncSession, Depends(get_session)]

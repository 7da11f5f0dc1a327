"""FastAPI dependencies every domain's routes use."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.web.boundary import request_session


def get_session(request: Request) -> AsyncSession:
    return request_session(request)


DbSession = Annotated[AsyncSession, Depends(get_session)]

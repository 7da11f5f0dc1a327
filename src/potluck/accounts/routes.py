"""Accounts JSON API."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from potluck.accounts import service
from potluck.accounts.auth import SESSION_COOKIE, CurrentUser, client_ip, set_session_cookie
from potluck.accounts.schemas import LoginRequest, LoginResponse, Me, PublicUser
from potluck.web.deps import DbSession

router = APIRouter(prefix="/api/v1", tags=["accounts"])


@router.post("/auth/login", response_model=LoginResponse)
async def login(
    body: LoginRequest, request: Request, response: Response, session: DbSession
) -> LoginResponse:
    """Log in with a username or email; sets the HttpOnly session cookie."""
    user = await service.authenticate(session, login=body.login, password=body.password)
    started = await service.start_session(
        session, user=user, user_agent=request.headers.get("user-agent", ""), ip=client_ip(request)
    )
    set_session_cookie(request, response, started.token)
    return LoginResponse(user=Me.model_validate(user))


@router.post("/auth/logout", status_code=204)
async def logout(request: Request, response: Response, session: DbSession) -> None:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        await service.end_session(session, token=token)
    response.delete_cookie(SESSION_COOKIE, path="/")


@router.get("/me", response_model=Me)
async def get_me(user: CurrentUser, session: DbSession) -> Me:
    return Me.model_validate(await service.get_user_by_username(session, username=user.username))


@router.get("/users/{username}", response_model=PublicUser)
async def get_user(username: str, session: DbSession) -> PublicUser:
    return PublicUser.model_validate(await service.get_public_profile(session, username=username))

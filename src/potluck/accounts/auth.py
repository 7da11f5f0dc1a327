"""Who is asking: the one place a request's user is resolved and required.

Starlette's AuthenticationMiddleware calls :class:`SessionAuthBackend` for every HTTP and
WebSocket connection; it reads the session cookie and loads the user in one query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request, Response
from starlette.authentication import AuthCredentials, AuthenticationBackend, BaseUser
from starlette.requests import HTTPConnection

from potluck.accounts import service
from potluck.accounts.models import AuthSession
from potluck.accounts.service import SESSION_LIFETIME
from potluck.db.session import unit_of_work
from potluck.kit.errors import Forbidden, NotAuthenticated
from potluck.web.boundary import request_session

if TYPE_CHECKING:
    from potluck.runtime import Runtime

SESSION_COOKIE = "potluck_session"


class AuthUser(BaseUser):
    """The authenticated person behind a request (a snapshot, not an ORM object)."""

    def __init__(
        self,
        *,
        user_id: int,
        username: str,
        display_name: str,
        locale: str | None,
        is_admin: bool,
        session_id: int,
    ) -> None:
        self.id = user_id
        self.username = username
        self._display_name = display_name
        self.locale = locale
        self.is_admin = is_admin
        self.session_id = session_id

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def display_name(self) -> str:
        return self._display_name

    @property
    def identity(self) -> str:
        return str(self.id)

    @classmethod
    def from_session(cls, auth_session: AuthSession) -> AuthUser:
        user = auth_session.user
        return cls(
            user_id=user.id,
            username=user.username,
            display_name=user.display_name,
            locale=user.locale,
            is_admin=user.is_admin,
            session_id=auth_session.id,
        )


class SessionAuthBackend(AuthenticationBackend):
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    async def authenticate(self, conn: HTTPConnection) -> tuple[AuthCredentials, BaseUser] | None:
        token = conn.cookies.get(SESSION_COOKIE)
        if not token:
            return None
        if conn.scope["type"] == "http":
            auth_session = await service.resolve_session(request_session(conn), token=token)
        else:
            async with unit_of_work(self.runtime.database.sessionmaker) as session:
                auth_session = await service.resolve_session(session, token=token)
        if auth_session is None:
            return None
        return AuthCredentials(["authenticated"]), AuthUser.from_session(auth_session)


async def require_user(request: Request) -> AuthUser:
    user = request.user
    if not isinstance(user, AuthUser):
        raise NotAuthenticated("Log in to do this.")
    return user


async def require_admin(user: Annotated[AuthUser, Depends(require_user)]) -> AuthUser:
    if not user.is_admin:
        raise Forbidden("Administrators only.")
    return user


CurrentUser = Annotated[AuthUser, Depends(require_user)]
AdminUser = Annotated[AuthUser, Depends(require_admin)]


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    """The session cookie: HttpOnly, SameSite=Lax, Secure when served over https."""
    settings = request.app.state.runtime.settings
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
        path="/",
    )


def client_ip(request: Request) -> str:
    return request.client.host if request.client else ""

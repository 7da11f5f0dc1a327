"""Who is asking: the one place a request's user is resolved and required.

Starlette's AuthenticationMiddleware calls :class:`SessionAuthBackend` for every HTTP and
WebSocket connection. A request that sends ``Authorization`` is judged by that header
alone (a Bearer API token) and never falls back to the session cookie: Bearer requests
skip the CSRF check, so a cookie must not be able to ride along on one. Otherwise the
session cookie is read and the user loaded in one query. Either answer is remembered for
a minute (:mod:`.credential_cache`), and forgotten at once when the credential is revoked.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request, Response
from starlette.authentication import AuthCredentials, AuthenticationBackend, AuthenticationError, BaseUser
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse

from potluck.accounts import credential_cache, credentials
from potluck.accounts.audit import Client
from potluck.accounts.credentials import SESSION_LIFETIME
from potluck.accounts.models import User
from potluck.db.session import unit_of_work
from potluck.kit.errors import Forbidden, NotAuthenticated
from potluck.kit.i18n import N_
from potluck.kit.time import utcnow
from potluck.kit.viewer import ANONYMOUS, Viewer
from potluck.web.boundary import request_session
from potluck.web.forms import LoginRequired

if TYPE_CHECKING:
    from potluck.runtime import Runtime

SESSION_COOKIE = "potluck_session"
INVALID_TOKEN = N_("This API token is not valid: it may be mistyped, expired or deleted.")


class AuthUser(BaseUser):
    """The authenticated person behind a request (a snapshot, not an ORM object).

    ``session_id`` is set for cookie sessions, ``token_id`` for Bearer tokens.
    """

    def __init__(
        self,
        *,
        user_id: int,
        username: str,
        display_name: str,
        locale: str | None,
        is_admin: bool,
        avatar_key: str | None = None,
        session_id: int | None = None,
        token_id: int | None = None,
    ) -> None:
        self.id = user_id
        self.username = username
        self._display_name = display_name
        self.locale = locale
        self.is_admin = is_admin
        self.avatar_key = avatar_key
        self.session_id = session_id
        self.token_id = token_id

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
    def of(cls, user: User, *, session_id: int | None = None, token_id: int | None = None) -> AuthUser:
        return cls(
            user_id=user.id,
            username=user.username,
            display_name=user.display_name,
            locale=user.locale,
            is_admin=user.is_admin,
            avatar_key=user.avatar_key,
            session_id=session_id,
            token_id=token_id,
        )


def client_of(conn: HTTPConnection) -> Client:
    """The request's client address (as the server saw it, after trusted proxies) and agent."""
    return Client(
        ip=conn.client.host if conn.client else "", user_agent=conn.headers.get("user-agent", "")[:300]
    )


def visitor_key(request: Request) -> str:
    """A logged-out visitor's key for the day (address and agent, salted with the site's
    secret): what their rate limits and views count against, without storing the address."""
    client = client_of(request)
    secret = request.app.state.runtime.settings.secret_key
    material = f"{secret}|{utcnow().date()}|{client.ip}|{client.user_agent}"
    return hashlib.sha256(material.encode()).hexdigest()[:32]


class SessionAuthBackend(AuthenticationBackend):
    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime

    async def authenticate(self, conn: HTTPConnection) -> tuple[AuthCredentials, BaseUser] | None:
        authorization = conn.headers.get("authorization")
        if authorization is not None:
            return await self._from_token(conn, authorization)
        token = conn.cookies.get(SESSION_COOKIE)
        if not token:
            return None
        secret_hash = credentials.hash_secret(token)
        user = await self._remembered(secret_hash, session=True)
        if user is None:
            resolved_at = credential_cache.started()
            if conn.scope["type"] == "http":
                auth_session = await credentials.resolve_session(request_session(conn), token=token)
            else:
                async with unit_of_work(self.runtime.database.sessionmaker) as session:
                    auth_session = await credentials.resolve_session(session, token=token)
            if auth_session is None:
                return None
            user = AuthUser.of(auth_session.user, session_id=auth_session.id)
            await self._remember(secret_hash, user, resolved_at, auth_session.expires_at)
        return AuthCredentials(["authenticated"]), user

    async def _from_token(self, conn: HTTPConnection, authorization: str) -> tuple[AuthCredentials, BaseUser]:
        scheme, _, token = authorization.partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token or conn.scope["type"] != "http":
            raise AuthenticationError(INVALID_TOKEN)
        secret_hash = credentials.hash_secret(token)
        user = await self._remembered(secret_hash, session=False)
        if user is None:
            resolved_at = credential_cache.started()
            api_token = await credentials.resolve_token(
                request_session(conn), token=token, client=client_of(conn)
            )
            if api_token is None:
                raise AuthenticationError(INVALID_TOKEN)
            user = AuthUser.of(api_token.user, token_id=api_token.id)
            await self._remember(secret_hash, user, resolved_at, api_token.expires_at)
        return AuthCredentials(["authenticated", "token"]), user

    async def _remembered(self, secret_hash: str, *, session: bool) -> AuthUser | None:
        resolved = await credential_cache.lookup(self.runtime.cache, self.runtime.marks, secret_hash)
        if resolved is None or (resolved.session_id is not None) != session:
            return None
        return AuthUser(**asdict(resolved))

    async def _remember(
        self, secret_hash: str, user: AuthUser, resolved_at: float, expires_at: datetime | None
    ) -> None:
        resolved = credential_cache.Resolved(
            user_id=user.id,
            username=user.username,
            display_name=user.display_name,
            locale=user.locale,
            is_admin=user.is_admin,
            avatar_key=user.avatar_key,
            session_id=user.session_id,
            token_id=user.token_id,
        )
        await credential_cache.remember(
            self.runtime.cache, secret_hash, resolved, resolved_at=resolved_at, expires_at=expires_at
        )


def authentication_failed(_conn: HTTPConnection, exc: AuthenticationError) -> JSONResponse:
    """A bad Bearer token is a 401, never a quiet fall-back to anonymous."""
    return JSONResponse(
        {"error": {"code": "invalid_token", "message": str(exc)}},
        status_code=401,
        headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )


async def require_user(request: Request) -> AuthUser:
    user = request.user
    if not isinstance(user, AuthUser):
        raise NotAuthenticated(N_("Log in to do this."))
    return user


async def require_page_user(request: Request) -> AuthUser:
    """For pages: an anonymous visitor is sent to log in and brought back afterwards."""
    user = request.user
    if not isinstance(user, AuthUser):
        raise LoginRequired
    return user


async def require_session_user(user: Annotated[AuthUser, Depends(require_user)]) -> AuthUser:
    """For what only a logged-in browser may do (an API token cannot change the password)."""
    if user.session_id is None:
        raise Forbidden(
            N_("Do this from a logged-in session, not with an API token."), reason="session_required"
        )
    return user


async def require_admin(user: Annotated[AuthUser, Depends(require_user)]) -> AuthUser:
    if not user.is_admin:
        raise Forbidden(N_("Administrators only."))
    return user


CurrentUser = Annotated[AuthUser, Depends(require_user)]
PageUser = Annotated[AuthUser, Depends(require_page_user)]
SessionUser = Annotated[AuthUser, Depends(require_session_user)]
AdminUser = Annotated[AuthUser, Depends(require_admin)]


def optional_user(request: Request) -> AuthUser | None:
    user = request.scope.get("user")
    return user if isinstance(user, AuthUser) else None


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


def clear_session_cookie(request: Request, response: Response) -> None:
    settings = request.app.state.runtime.settings
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=settings.secure_cookies
    )


def viewer_of(user: AuthUser | None) -> Viewer:
    """What permission checks in services need to know about the person asking."""
    return ANONYMOUS if user is None else Viewer(id=user.id, is_admin=user.is_admin)


def request_viewer(request: Request) -> Viewer:
    return viewer_of(optional_user(request))


# The dependencies are ``async``: FastAPI runs a plain ``def`` dependency in a worker
# thread, a thread hop on every request that uses it.
async def _viewer_of_user(user: Annotated[AuthUser, Depends(require_user)]) -> Viewer:
    return viewer_of(user)


async def _any_viewer(request: Request) -> Viewer:
    return request_viewer(request)


# For endpoints that act for a signed-in person (401 otherwise) or read for anyone.
ActingViewer = Annotated[Viewer, Depends(_viewer_of_user)]
AnyViewer = Annotated[Viewer, Depends(_any_viewer)]

"""Accounts web pages: log in and out."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from potluck.accounts import service
from potluck.accounts.auth import SESSION_COOKIE, client_ip, set_session_cookie
from potluck.kit.errors import NotAuthenticated
from potluck.web.deps import DbSession
from potluck.web.templating import render

router = APIRouter(include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Only same-site paths: never let ?next= send someone to another site."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
    ):
        return "/"
    return target


@router.get("/login")
async def login_page(request: Request, next: str | None = None) -> Response:  # noqa: A002 - the query name
    return render(request, "accounts/login.html", {"next": safe_next(next), "error": None, "login": ""})


@router.post("/login")
async def login_submit(
    request: Request,
    session: DbSession,
    login: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",  # noqa: A002 - the form field name
) -> Response:
    try:
        user = await service.authenticate(session, login=login, password=password)
    except NotAuthenticated:
        return render(
            request,
            "accounts/login.html",
            {"next": safe_next(next), "error": "wrong_credentials", "login": login},
            status_code=401,
        )
    started = await service.start_session(
        session, user=user, user_agent=request.headers.get("user-agent", ""), ip=client_ip(request)
    )
    response = RedirectResponse(safe_next(next), status_code=303)
    set_session_cookie(request, response, started.token)
    return response


@router.post("/logout")
async def logout_submit(request: Request, session: DbSession) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        await service.end_session(session, token=token)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/@{username}")
async def profile_page(username: str, request: Request, session: DbSession) -> Response:
    """A person's page. Issue #3 adds the full profile; notes arrive with issue #4."""
    user = await service.get_user_by_username(session, username=username)
    current = request.scope.get("user")
    is_self = bool(current is not None and getattr(current, "id", None) == user.id)
    return render(
        request,
        "accounts/profile.html",
        {"profile": user, "is_self": is_self, "nav_active": "me" if is_self else ""},
    )

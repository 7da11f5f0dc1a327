"""Accounts web pages: sign up, log in and out, administrators' actions on profiles.

The profile page (``/@name``) lists notes and boards, so it lives in ``notes.pages``:
accounts imports no domain built on it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from potluck.accounts import credentials, service
from potluck.accounts.auth import (
    SESSION_COOKIE,
    clear_session_cookie,
    client_of,
    optional_user,
    set_session_cookie,
)
from potluck.kit.errors import Forbidden, NotAuthenticated, PotluckError
from potluck.kit.i18n import N_
from potluck.web.deps import DbSession
from potluck.web.forms import errors_of, headers_of, safe_next, see_other
from potluck.web.i18n import SUPPORTED_LOCALES, language_name, locale_from_scope
from potluck.web.templating import render

router = APIRouter(include_in_schema=False)

SIGNUP_FIELDS = frozenset({"username", "display_name", "email", "password", "locale"})


def _locale_choices() -> list[tuple[str, str]]:
    return [(locale, language_name(locale)) for locale in SUPPORTED_LOCALES]


# --- sign-up -----------------------------------------------------------------------------


@router.get("/signup")
async def signup_page(request: Request, next: str | None = None) -> Response:  # noqa: A002 - the query name
    if optional_user(request) is not None:
        return see_other(request, safe_next(next))
    form = {"username": "", "display_name": "", "email": "", "locale": locale_from_scope(request.scope)}
    return render(
        request,
        "accounts/signup.html",
        {"form": form, "errors": {}, "next": safe_next(next, ""), "locales": _locale_choices()},
    )


@router.post("/signup")
async def signup_submit(
    request: Request,
    session: DbSession,
    *,
    username: Annotated[str, Form(max_length=100)] = "",
    display_name: Annotated[str, Form(max_length=200)] = "",
    email: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    locale: Annotated[str, Form(max_length=35)] = "",
    next: Annotated[str, Form(max_length=2000)] = "",  # noqa: A002 - the form field name
) -> Response:
    client = client_of(request)
    try:
        user = await service.signup(
            session,
            username=username,
            password=password,
            display_name=display_name,
            email=email,
            locale=locale or None,
            client=client,
        )
    except PotluckError as error:
        form = {"username": username, "display_name": display_name, "email": email, "locale": locale}
        return render(
            request,
            "accounts/signup.html",
            {
                "form": form,
                "errors": errors_of(request, error, fields=SIGNUP_FIELDS),
                "next": safe_next(next, ""),
                "locales": _locale_choices(),
            },
            status_code=error.status_code,
            headers=headers_of(error),
        )
    started = await credentials.start_session(session, user=user, client=client)
    # Newcomers pick their interests and take the tour first (explore.pages).
    response = see_other(request, safe_next(next, "/welcome"))
    set_session_cookie(request, response, started.token)
    return response


# --- log-in and out ----------------------------------------------------------------------


@router.get("/login")
async def login_page(request: Request, next: str | None = None) -> Response:  # noqa: A002 - the query name
    return render(request, "accounts/login.html", {"next": safe_next(next), "errors": {}, "login": ""})


@router.post("/login")
async def login_submit(
    request: Request,
    session: DbSession,
    login: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",  # noqa: A002 - the form field name
) -> Response:
    client = client_of(request)
    try:
        user = await credentials.authenticate(session, login=login, password=password, client=client)
    except PotluckError as error:
        errors = errors_of(request, error, fields=set())
        status = error.status_code
        if isinstance(error, NotAuthenticated):
            status = 401
        return render(
            request,
            "accounts/login.html",
            {"next": safe_next(next), "errors": errors, "login": login},
            status_code=status,
            headers=headers_of(error),
        )
    started = await credentials.start_session(session, user=user, client=client)
    response = see_other(request, safe_next(next))
    set_session_cookie(request, response, started.token)
    return response


@router.post("/logout")
async def logout_submit(request: Request, session: DbSession) -> Response:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        await credentials.end_session(session, token=token, client=client_of(request))
    response = see_other(request, "/")
    clear_session_cookie(request, response)
    return response


# --- administrators' actions on a profile (the profile page itself is notes.pages) ---------


@router.post("/admin/users/{username}/suspend")
async def suspend_submit(
    username: str,
    request: Request,
    session: DbSession,
    reason: Annotated[str, Form(max_length=500)] = "",
) -> Response:
    return await _set_suspended(request, session, username, suspended=True, reason=reason)


@router.post("/admin/users/{username}/restore")
async def restore_submit(username: str, request: Request, session: DbSession) -> Response:
    return await _set_suspended(request, session, username, suspended=False)


async def _set_suspended(
    request: Request, session: DbSession, username: str, *, suspended: bool, reason: str = ""
) -> Response:
    admin = optional_user(request)
    if admin is None:
        raise NotAuthenticated(N_("Log in to do this."))
    if not admin.is_admin:
        raise Forbidden(N_("Administrators only."))
    user = await credentials.set_suspended(
        session, username=username, suspended=suspended, actor_id=admin.id, reason=reason
    )
    return see_other(request, f"/@{user.username}")

"""Showing a use case's refusal on the form that caused it, in the visitor's language."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from fastapi.responses import RedirectResponse, Response
from starlette.requests import Request

from potluck.kit.errors import PotluckError, RateLimited
from potluck.web.i18n import gettext_for, locale_from_scope

FORM_ERROR = "__form__"  # the key of an error that belongs to no single field


def errors_of(request: Request, error: PotluckError, *, fields: frozenset[str] | set[str]) -> dict[str, str]:
    """``{field: message}`` for the form's own fields, else ``{FORM_ERROR: message}``.

    Every mistake the error carries is included (one message per field, the first wins).
    """
    gettext = gettext_for(locale_from_scope(request.scope))
    errors: dict[str, str] = {}
    for each in (error, *error.others):
        key = each.field if each.field is not None and each.field in fields else FORM_ERROR
        errors.setdefault(key, each.translated(gettext))
    return errors


def headers_of(error: PotluckError) -> dict[str, str] | None:
    return {"Retry-After": str(error.retry_after)} if isinstance(error, RateLimited) else None


def safe_next(target: str | None, default: str = "/") -> str:
    """Only same-site paths: never let ?next= send someone to another site."""
    if not target:
        return default
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
        or any(ord(ch) < 32 for ch in target)
    ):
        return default
    return target


def see_other(request: Request, url: str) -> Response:
    """Go to ``url`` after a form post: a 303, or for htmx a full-page ``HX-Redirect``."""
    if request.headers.get("hx-request") == "true":
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


class LoginRequired(Exception):
    """Raised by page dependencies for anonymous visitors; answered with a redirect to log-in."""


def login_redirect(request: Request) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='/')}", status_code=303)

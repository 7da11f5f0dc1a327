"""Every failure becomes ``{"error": {"code", "message"}}`` in the API or a readable page.

Clients never see a stack trace: unexpected exceptions are logged with the request ID and
answered with a generic 500.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from potluck.kit.errors import PotluckError, RateLimited
from potluck.ops.logging import REQUEST_ID_HEADER
from potluck.web.forms import LoginRequired, login_redirect
from potluck.web.i18n import gettext_for, locale_from_scope
from potluck.web.middleware import CONTENT_SECURITY_POLICY
from potluck.web.templating import render

logger = logging.getLogger(__name__)

_STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}
_DEFAULT_MESSAGES = {
    404: "Nothing here.",
    405: "This method is not allowed here.",
    500: "Something went wrong on our side.",
}


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path in {"/healthz", "/readyz"}


def error_response(
    request: Request,
    status_code: int,
    code: str,
    message: str,
    *,
    field: str | None = None,
    reason: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    if wants_json(request):
        error: dict[str, Any] = {"code": code, "message": message}
        if field is not None:
            error["field"] = field
        if reason is not None:
            error["reason"] = reason
        return JSONResponse({"error": error}, status_code=status_code, headers=headers)
    return render(
        request,
        "errors/error.html",
        {"status_code": status_code, "title": str(status_code), "message": message},
        status_code=status_code,
        headers=headers,
    )


async def _potluck_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PotluckError)
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None
    gettext = gettext_for(locale_from_scope(request.scope))
    message = exc.translated(gettext)
    response = error_response(
        request, exc.status_code, exc.code, message, field=exc.field, reason=exc.reason, headers=headers
    )
    if exc.others and wants_json(request):
        # Every mistake of the request, the first one included, for forms that show them all.
        every = [exc, *exc.others]
        body = {
            "error": {
                "code": exc.code,
                "message": message,
                "field": exc.field,
                "reason": exc.reason,
                "errors": [
                    {"field": error.field, "reason": error.reason, "message": error.translated(gettext)}
                    for error in every
                ],
            }
        }
        return JSONResponse(body, status_code=exc.status_code, headers=headers)
    return response


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code = _STATUS_CODES.get(exc.status_code, "error")
    message = exc.detail if isinstance(exc.detail, str) and exc.detail else ""
    # Starlette's own details ("Not Found") are fine as messages; keep ours friendlier.
    message = (
        _DEFAULT_MESSAGES.get(exc.status_code, message)
        if message in {"", "Not Found", "Method Not Allowed"}
        else message
    )
    return error_response(request, exc.status_code, code, message, headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    first = errors[0] if errors else {"type": "", "loc": (), "msg": "Invalid request."}
    if first.get("type") == "json_invalid":
        return error_response(request, 400, "malformed_json", "The request body is not valid JSON.")
    location = [str(part) for part in first.get("loc", ()) if part not in {"body", "query", "path", "header"}]
    field = ".".join(location) or None
    message = str(first.get("msg", "Invalid request."))
    if field and first.get("type") == "missing":
        message = f"{field} is required."
    elif field:
        message = f"{field}: {message}"
    return error_response(request, 422, "invalid", message, field=field)


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    logger.error("unhandled error", exc_info=exc)
    # Starlette answers unhandled errors outside every other middleware, so the headers
    # they would add are added here.
    headers = {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        REQUEST_ID_HEADER: str(request.scope.get("state", {}).get("request_id", "")),
    }
    return error_response(request, 500, "internal_error", _DEFAULT_MESSAGES[500], headers=headers)


async def _login_required(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)
    return login_redirect(request)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(PotluckError, _potluck_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)

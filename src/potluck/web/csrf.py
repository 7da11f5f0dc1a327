"""CSRF protection for cookie-authenticated requests (double-submit, signed cookie).

Every visitor gets a ``potluck_csrf`` cookie holding ``nonce.signature`` (HMAC-SHA256 of the
nonce under the secret key, so a cookie planted from a sibling domain does not verify).
State-changing requests must echo it, as the ``X-CSRF-Token`` header (htmx and fetch) or
the ``csrf_token`` form field (plain HTML forms, url-encoded). Exempt are requests that
carry no ambient credentials: those with ``Authorization: Bearer``, and JSON requests
without a session cookie (a script signing up or trading its password for a token). A
cross-site page cannot send ``application/json`` without a CORS preflight we never grant,
and every form post, which it can send, is checked.

A visitor without the cookie gets one with the first HTML page (or whenever code asks for
:func:`csrf_token`); JSON clients that never render a form never pay for minting one.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qs

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE_NAME = "potluck_csrf"
HEADER_NAME = b"x-csrf-token"
FORM_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
MAX_FORM_BYTES = 1024 * 1024
_TOKEN_KEY = "csrf_token"  # noqa: S105 - a scope key, not a secret
_MINT_KEY = "csrf_mint"
_MINTED_KEY = "csrf_minted"


def _sign(secret: bytes, nonce: str) -> str:
    return hmac.new(secret, nonce.encode(), hashlib.sha256).hexdigest()[:32]


def new_token(secret: bytes) -> str:
    nonce = secrets.token_urlsafe(18)
    return f"{nonce}.{_sign(secret, nonce)}"


def token_is_valid(secret: bytes, token: str) -> bool:
    nonce, _, signature = token.partition(".")
    return bool(nonce) and hmac.compare_digest(signature, _sign(secret, nonce))


class CSRFMiddleware:
    def __init__(self, app: ASGIApp, *, secret_key: str, session_cookie: str, secure: bool = False) -> None:
        self.app = app
        self.secret = secret_key.encode()
        self.session_cookie = session_cookie
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        cookie_header = headers.get(b"cookie", b"").decode("latin-1")
        cookie_token = _read_cookie(cookie_header, COOKIE_NAME)
        has_valid_cookie = cookie_token is not None and token_is_valid(self.secret, cookie_token)
        state = scope.setdefault("state", {})
        state[_MINT_KEY] = self._mint
        if has_valid_cookie:
            state[_TOKEN_KEY] = cookie_token

        content_type = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        if scope["method"] not in SAFE_METHODS and self._needs_check(headers, content_type, cookie_header):
            submitted = headers.get(HEADER_NAME, b"").decode("latin-1")
            body_messages: list[Message] = []
            if not submitted and content_type == b"application/x-www-form-urlencoded":
                body, body_messages = await _read_body(receive)
                submitted = parse_qs(body.decode("utf-8", "replace")).get(FORM_FIELD, [""])[0]
            if not has_valid_cookie or not hmac.compare_digest(
                submitted.encode(), str(cookie_token).encode()
            ):
                await _reject(scope, send)
                return
            if body_messages:
                receive = _replay(body_messages, receive)

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and not has_valid_cookie:
                headers = MutableHeaders(scope=message)
                if state.get(_MINTED_KEY) or headers.get("content-type", "").startswith("text/html"):
                    self._set_cookie(headers, csrf_token(scope))
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    def _needs_check(self, headers: dict[bytes, bytes], content_type: bytes, cookie_header: str) -> bool:
        if headers.get(b"authorization", b"").lower().startswith(b"bearer "):
            return False
        has_session = self.session_cookie in cookie_header and _read_cookie(
            cookie_header, self.session_cookie
        )
        return bool(has_session) or content_type != b"application/json"

    def _mint(self) -> str:
        return new_token(self.secret)

    def _set_cookie(self, headers: MutableHeaders, token: str) -> None:
        cookie = f"{COOKIE_NAME}={token}; Path=/; SameSite=Lax; Max-Age=31536000"
        if self.secure:
            cookie += "; Secure"
        headers.append("set-cookie", cookie)


def csrf_token(scope: Scope) -> str:
    """This request's CSRF token, minting one (and its cookie) if the visitor has none."""
    state = scope.setdefault("state", {})
    token: str | None = state.get(_TOKEN_KEY)
    if token is None:
        mint: Callable[[], str] | None = state.get(_MINT_KEY)
        if mint is None:
            return ""  # outside CSRFMiddleware (a bare test app): nothing to protect
        token = state[_TOKEN_KEY] = mint()
        state[_MINTED_KEY] = True
    return token


def _read_cookie(header: str, name: str) -> str | None:
    if not header or name not in header:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:  # a malformed Cookie header is the client's problem, not a 500
        return None
    morsel = jar.get(name)
    return morsel.value if morsel else None


async def _read_body(receive: Receive) -> tuple[bytes, list[Message]]:
    messages: list[Message] = []
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size <= MAX_FORM_BYTES:
            chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks), messages


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replay() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replay


async def _reject(scope: Scope, send: Send) -> None:
    message = "This form has expired or did not come from Potluck. Reload the page and try again."
    if scope["path"].startswith("/api/"):
        body = json.dumps({"error": {"code": "csrf_failed", "message": message}}).encode()
        content_type = b"application/json"
    else:
        body = (
            "<!doctype html><meta charset=utf-8><title>403</title>"
            f'<p>{message}</p><p><a href="/">Potluck</a></p>'
        ).encode()
        content_type = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})

"""Business errors carry their HTTP status and a stable machine-readable code.

Services raise these; the web layer turns them into ``{"error": {"code", "message"}}``
for the API and a readable message on pages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeVar

T = TypeVar("T")


class PotluckError(Exception):
    status_code: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        reason: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        """``message`` is English, marked with ``N_`` and may hold ``%(name)s`` for ``params``.

        ``reason`` is a stable machine-readable word for *why* (``taken``, ``too_short``),
        next to ``field`` naming *what*; clients branch on these, people read the message.
        """
        self.template = message
        self.params = dict(params or {})
        self.message = message % self.params if self.params else message
        super().__init__(self.message)
        self.field = field
        self.reason = reason
        # Further mistakes found in the same request (a form with several bad fields).
        self.others: list[PotluckError] = []

    def translated(self, gettext: Callable[[str], str]) -> str:
        """The message in the language ``gettext`` translates into."""
        text = gettext(self.template)
        return text % self.params if self.params else text


class Problems:
    """Collects the mistakes of several fields so a form can show them all at once.

    ``problems.check(fn, ...)`` returns ``fn``'s result, or None after recording the error
    it raised; ``raise_if_any()`` raises the first with the rest in ``others``.
    """

    def __init__(self) -> None:
        self.errors: list[PotluckError] = []

    def check(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        try:
            return function(*args, **kwargs)
        except PotluckError as error:
            self.errors.append(error)
            return None

    def add(self, error: PotluckError) -> None:
        self.errors.append(error)

    def raise_if_any(self) -> None:
        if self.errors:
            first, *others = self.errors
            first.others = others
            raise first


class NotFound(PotluckError):
    status_code = 404
    code = "not_found"


class Conflict(PotluckError):
    status_code = 409
    code = "conflict"


class Invalid(PotluckError):
    status_code = 422
    code = "invalid"


class NotAuthenticated(PotluckError):
    status_code = 401
    code = "not_authenticated"


class Forbidden(PotluckError):
    status_code = 403
    code = "forbidden"


class TooLarge(PotluckError):
    status_code = 413
    code = "too_large"


class UnsupportedMedia(PotluckError):
    status_code = 415
    code = "unsupported_media_type"


class RateLimited(PotluckError):
    status_code = 429
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int, field: str | None = None) -> None:
        super().__init__(message, field=field, reason="rate_limited")
        self.retry_after = max(1, retry_after)


class Unavailable(PotluckError):
    """Something the site relies on cannot do it now or at all (a translation engine)."""

    status_code = 503
    code = "unavailable"

"""Business errors carry their HTTP status and a stable machine-readable code.

Services raise these; the web layer turns them into ``{"error": {"code", "message"}}``
for the API and a readable message on pages.
"""

from __future__ import annotations

from typing import Any, ClassVar


class PotluckError(Exception):
    status_code: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"

    def __init__(self, message: str, *, field: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details


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


class RateLimited(PotluckError):
    status_code = 429
    code = "rate_limited"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after

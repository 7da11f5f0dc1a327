"""The security audit: who logged in, changed a password, made or used a token, when.

Entries are written in the same transaction as what they record. A refused log-in keeps
its entry (``keep_when_refused``) although the request fails. Each entry is also logged,
so an operator's log pipeline sees the same events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import repository
from potluck.accounts.models import AuditEvent
from potluck.kit.i18n import N_
from potluck.kit.time import utcnow

logger = structlog.get_logger("potluck.audit")

RETENTION = timedelta(days=365)


class AuditKind(StrEnum):
    SIGNUP = "signup"
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    LOGOUT_ALL = "logout_all"
    SESSION_REVOKED = "session_revoked"
    PASSWORD_CHANGED = "password_changed"  # noqa: S105 - an event name
    TOKEN_CREATED = "token_created"  # noqa: S105 - an event name
    TOKEN_USED = "token_used"  # noqa: S105 - an event name
    TOKEN_REVOKED = "token_revoked"  # noqa: S105 - an event name
    SUSPENDED = "suspended"
    RESTORED = "restored"


# What the security page says for each kind of event.
DESCRIPTIONS: dict[str, str] = {
    AuditKind.SIGNUP: N_("Account created"),
    AuditKind.LOGIN: N_("Logged in"),
    AuditKind.LOGIN_FAILED: N_("Failed log-in attempt"),
    AuditKind.LOGOUT: N_("Logged out"),
    AuditKind.LOGOUT_ALL: N_("Logged out of every device"),
    AuditKind.SESSION_REVOKED: N_("Ended a session on another device"),
    AuditKind.PASSWORD_CHANGED: N_("Password changed"),
    AuditKind.TOKEN_CREATED: N_("API token created"),
    AuditKind.TOKEN_USED: N_("API token used"),
    AuditKind.TOKEN_REVOKED: N_("API token deleted"),
    AuditKind.SUSPENDED: N_("Account suspended by an administrator"),
    AuditKind.RESTORED: N_("Account restored by an administrator"),
}


@dataclass(frozen=True)
class Client:
    """Where a request came from, as far as the server can tell."""

    ip: str = ""
    user_agent: str = ""


NO_CLIENT = Client()


def record(
    session: AsyncSession,
    kind: AuditKind,
    *,
    user_id: int | None,
    client: Client = NO_CLIENT,
    actor_id: int | None = None,
    **details: Any,
) -> AuditEvent:
    event = AuditEvent(
        user_id=user_id,
        actor_id=actor_id,
        kind=kind.value,
        ip=client.ip[:64],
        user_agent=client.user_agent[:300],
        details=details,
        created_at=utcnow(),
    )
    session.add(event)
    logger.info("audit", kind=kind.value, user_id=user_id, actor_id=actor_id, ip=client.ip)
    return event


async def list_events(
    session: AsyncSession, *, user_id: int, limit: int = 20, before_id: int | None = None
) -> list[AuditEvent]:
    """A person's security events, newest first."""
    return await repository.list_audit_events(session, user_id, limit=min(limit, 100), before_id=before_id)


async def prune(session: AsyncSession) -> int:
    return await repository.delete_audit_events_before(session, utcnow() - RETENTION)

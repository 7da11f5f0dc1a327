"""Proving who you are: log-in, sessions, API tokens, passwords, suspension.

Sessions and tokens are random 256-bit secrets; only their SHA-256 is stored, so a copy
of the database opens no account. Every change here is audited (:mod:`.audit`), and every
ended session tells that device's open event streams to close once committed.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import audit, credential_cache, passwords, policy, repository
from potluck.accounts.audit import AuditKind, Client
from potluck.accounts.models import ApiToken, AuthSession, User
from potluck.accounts.policy import email_key, username_key
from potluck.cache import marks
from potluck.db.session import keep_when_refused
from potluck.kit.errors import Forbidden, Invalid, NotAuthenticated, NotFound
from potluck.kit.i18n import N_
from potluck.kit.time import utcnow
from potluck.ratelimit import rate_limiter
from potluck.realtime import publish_on_commit, user_channel

SESSION_LIFETIME = timedelta(days=30)
# Sessions and tokens record their last use at most this often (one write, not one per request).
TOUCH_INTERVAL = timedelta(minutes=5)
# A token's use is audited at most this often.
TOKEN_AUDIT_INTERVAL = timedelta(hours=1)
TOKEN_PREFIX = "plk_"  # noqa: S105 - marks Potluck tokens in leaked-secret scans
MAX_TOKENS_PER_USER = 50
WRONG_CREDENTIALS = N_("Wrong name or password.")
TOO_MANY_LOGINS = N_("Too many log-in attempts. Please wait a moment and try again.")


def hash_secret(secret: str) -> str:
    # Secrets are 256 random bits, so a plain SHA-256 is enough to make a stolen table useless.
    return hashlib.sha256(secret.encode()).hexdigest()


# --- log-in ------------------------------------------------------------------------------


async def authenticate(
    session: AsyncSession, *, login: str, password: str, client: Client = audit.NO_CLIENT
) -> User:
    """The user whose name or email and password match.

    Every failure says the same thing and takes as long (a dummy hash is checked for
    unknown names), so nobody learns which names exist. Attempts are limited per client IP
    and failures per account name; a suspended account is told so only after the right
    password.
    """
    login = login.strip()
    limiter = rate_limiter(session)
    account_key = email_key(login) if "@" in login else username_key(login)
    await limiter.hit("login", client.ip, message=TOO_MANY_LOGINS)
    if "\x00" in account_key:
        user = None  # no account holds NUL (and PostgreSQL refuses it in a query)
    elif "@" in login:
        user = await repository.get_user_by_email_key(session, account_key)
    else:
        user = await repository.get_user_by_username_key(session, account_key)
    # Counted before checking, so parallel guesses cannot all slip under the limit; a
    # successful log-in clears the count. One count per account whether it is named by
    # its name or its email; a name nobody has gets a count of its own, limited alike.
    limit_key = _account_limit_key(user.id) if user else f"name:{account_key}"
    await limiter.hit("login_account", limit_key, message=TOO_MANY_LOGINS)
    ok = await passwords.verify_password(user.password_hash if user else None, password)
    if not ok or user is None:
        audit.record(
            session,
            AuditKind.LOGIN_FAILED,
            user_id=user.id if user else None,
            client=client,
            login=login[:254],
        )
        keep_when_refused(session)
        raise NotAuthenticated(WRONG_CREDENTIALS, reason="wrong_credentials")
    if user.is_suspended:
        raise Forbidden(N_("This account is suspended."), reason="suspended")
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = await passwords.hash_password(password)
    await limiter.clear("login_account", limit_key)
    return user


def _account_limit_key(user_id: int) -> str:
    return f"user:{user_id}"


@dataclass(frozen=True)
class StartedSession:
    token: str
    auth_session: AuthSession


async def start_session(
    session: AsyncSession, *, user: User, client: Client = audit.NO_CLIENT
) -> StartedSession:
    """Log ``user`` in on a new device; tell their other devices once committed."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    auth_session = AuthSession(
        user_id=user.id,
        token_hash=hash_secret(token),
        user_agent=client.user_agent[:300],
        ip=client.ip[:64],
        created_at=now,
        last_seen_at=now,
        expires_at=now + SESSION_LIFETIME,
    )
    session.add(auth_session)
    await session.flush()
    await repository.mark_active(session, user.id, now)
    audit.record(session, AuditKind.LOGIN, user_id=user.id, client=client, session_id=str(auth_session.id))
    publish_on_commit(
        session,
        user_channel(user.id),
        "session.created",
        {"session_id": str(auth_session.id), "user_agent": auth_session.user_agent},
    )
    return StartedSession(token=token, auth_session=auth_session)


def _announce_ended(session: AsyncSession, user_id: int, session_ids: list[int]) -> None:
    credential_cache.forget_on_commit(session, user_id)
    for session_id in session_ids:
        publish_on_commit(session, user_channel(user_id), "session.ended", {"session_id": str(session_id)})


async def end_session(session: AsyncSession, *, token: str, client: Client = audit.NO_CLIENT) -> None:
    """Log out one device; its open event streams close once this commits."""
    auth_session = await repository.get_session_by_token_hash(session, hash_secret(token))
    if auth_session is None:
        return
    await session.delete(auth_session)
    audit.record(session, AuditKind.LOGOUT, user_id=auth_session.user_id, client=client)
    _announce_ended(session, auth_session.user_id, [auth_session.id])


async def end_all_sessions(session: AsyncSession, *, user_id: int, client: Client = audit.NO_CLIENT) -> int:
    """Log out of every device, this one included. API tokens stay (they are revoked one by one)."""
    ended = await repository.delete_sessions(session, user_id)
    audit.record(session, AuditKind.LOGOUT_ALL, user_id=user_id, client=client, sessions=len(ended))
    _announce_ended(session, user_id, ended)
    return len(ended)


async def list_sessions(session: AsyncSession, *, user_id: int) -> list[AuthSession]:
    return await repository.list_live_sessions(session, user_id, utcnow())


async def revoke_session(
    session: AsyncSession, *, user_id: int, session_id: int, client: Client = audit.NO_CLIENT
) -> None:
    """End one of the user's own sessions (another device, from the security page)."""
    auth_session = await repository.get_user_session(session, user_id, session_id)
    if auth_session is None:
        raise NotFound(N_("No such session."))
    await session.delete(auth_session)
    audit.record(
        session, AuditKind.SESSION_REVOKED, user_id=user_id, client=client, session_id=str(session_id)
    )
    _announce_ended(session, user_id, [session_id])


async def resolve_session(session: AsyncSession, *, token: str) -> AuthSession | None:
    """The live session for a cookie token, with its user; None if unknown, expired or suspended."""
    now = utcnow()
    auth_session = await repository.get_live_session(session, hash_secret(token), now)
    if auth_session is None or auth_session.user.is_suspended:
        return None
    if now - auth_session.last_seen_at > TOUCH_INTERVAL:
        await repository.touch_session(session, auth_session.id, now)
        await repository.mark_active(session, auth_session.user_id, now)
    return auth_session


async def prune_expired_sessions(session: AsyncSession) -> int:
    return await repository.delete_expired_sessions(session, utcnow())


# --- passwords ---------------------------------------------------------------------------


async def change_password(
    session: AsyncSession,
    *,
    user_id: int,
    current_password: str,
    new_password: str,
    keep_session_id: int | None,
    client: Client = audit.NO_CLIENT,
) -> int:
    """Set a new password after checking the current one; end every other session.

    Returns how many sessions were ended. A wrong current password counts as a failed
    log-in for the account's limit.
    """
    user = await repository.get_user_by_id(session, user_id)
    if user is None:
        raise NotFound(N_("No such user."))
    limiter = rate_limiter(session)
    await limiter.check("login_account", _account_limit_key(user.id), message=TOO_MANY_LOGINS)
    if not await passwords.verify_password(user.password_hash, current_password):
        await limiter.hit("login_account", _account_limit_key(user.id), message=TOO_MANY_LOGINS)
        raise Invalid(
            N_("Your current password is not right."), field="current_password", reason="wrong_password"
        )
    policy.check_password(new_password, username=user.username, field="new_password")
    if new_password == current_password:
        raise Invalid(
            N_("Choose a password you have not used here."), field="new_password", reason="same_as_current"
        )
    user.password_hash = await passwords.hash_password(new_password)
    user.password_changed_at = utcnow()
    ended = await repository.delete_sessions(session, user_id, keep_id=keep_session_id)
    audit.record(
        session, AuditKind.PASSWORD_CHANGED, user_id=user_id, client=client, sessions_ended=len(ended)
    )
    _announce_ended(session, user_id, ended)
    return len(ended)


# --- API tokens --------------------------------------------------------------------------


@dataclass(frozen=True)
class CreatedToken:
    token: str  # shown once; only its hash is kept
    api_token: ApiToken


async def create_token(
    session: AsyncSession,
    *,
    user_id: int,
    name: str,
    expires_in_days: int | None = None,
    client: Client = audit.NO_CLIENT,
) -> CreatedToken:
    name = policy.clean_text(name, field="name", max_length=60)
    if not name:
        raise Invalid(
            N_("Give the token a name, such as the app that will use it."), field="name", reason="required"
        )
    if await repository.count_tokens(session, user_id) >= MAX_TOKENS_PER_USER:
        raise Invalid(
            N_("You have %(count)d tokens already. Delete one you no longer use."),
            field="name",
            reason="too_many",
            params={"count": MAX_TOKENS_PER_USER},
        )
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    api_token = ApiToken(
        user_id=user_id,
        name=name,
        token_hash=hash_secret(token),
        prefix=token[: len(TOKEN_PREFIX) + 4],
        created_at=now,
        expires_at=now + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    session.add(api_token)
    await session.flush()
    audit.record(
        session,
        AuditKind.TOKEN_CREATED,
        user_id=user_id,
        client=client,
        token_id=str(api_token.id),
        name=name,
    )
    return CreatedToken(token=token, api_token=api_token)


async def list_tokens(session: AsyncSession, *, user_id: int) -> list[ApiToken]:
    return await repository.list_tokens(session, user_id)


async def revoke_token(
    session: AsyncSession, *, user_id: int, token_id: int, client: Client = audit.NO_CLIENT
) -> None:
    api_token = await repository.get_user_token(session, user_id, token_id)
    if api_token is None:
        raise NotFound(N_("No such token."))
    await session.delete(api_token)
    credential_cache.forget_on_commit(session, user_id)
    audit.record(
        session,
        AuditKind.TOKEN_REVOKED,
        user_id=user_id,
        client=client,
        token_id=str(token_id),
        name=api_token.name,
    )


async def resolve_token(
    session: AsyncSession, *, token: str, client: Client = audit.NO_CLIENT
) -> ApiToken | None:
    """The token's record with its user; None if unknown, expired or its user is suspended.

    Its last use is recorded at most every few minutes, and audited at most hourly.
    """
    if not token.startswith(TOKEN_PREFIX):
        return None
    api_token = await repository.get_token_with_user(session, hash_secret(token))
    now = utcnow()
    if api_token is None or api_token.user.is_suspended:
        return None
    if api_token.expires_at is not None and api_token.expires_at <= now:
        return None
    last = api_token.last_used_at
    if last is None or now - last > TOUCH_INTERVAL:
        await repository.touch_token(session, api_token.id, now, client.ip[:64])
        await repository.mark_active(session, api_token.user_id, now)
        if last is None or now - last > TOKEN_AUDIT_INTERVAL:
            audit.record(
                session,
                AuditKind.TOKEN_USED,
                user_id=api_token.user_id,
                client=client,
                token_id=str(api_token.id),
            )
    return api_token


# --- administration ----------------------------------------------------------------------


async def set_suspended(
    session: AsyncSession, *, username: str, suspended: bool, actor_id: int | None, reason: str = ""
) -> User:
    """Suspend (log out everywhere, delete its API tokens; no log-in) or restore an account."""
    key = username_key(username)
    # No name holds NUL (and PostgreSQL refuses it in a query): such a name is unknown.
    user = None if "\x00" in key else await repository.get_user_by_username_key(session, key)
    if user is None:
        raise NotFound(N_("No such user."))
    if suspended and user.is_admin:
        raise Forbidden(N_("Administrators cannot be suspended; remove their role first."), reason="admin")
    if user.is_suspended == suspended:
        return user
    user.is_suspended = suspended
    credential_cache.forget_on_commit(session, user.id)
    marks.mark_on_commit(session, marks.author(user.id))  # cards of their notes go or come back
    kind = AuditKind.SUSPENDED if suspended else AuditKind.RESTORED
    audit.record(session, kind, user_id=user.id, actor_id=actor_id, reason=reason[:500])
    if suspended:
        # Tokens are deleted, not just blocked: if the account was taken over, a token the
        # intruder made must not come back to life when the account is restored.
        await repository.delete_tokens(session, user.id)
        _announce_ended(session, user.id, await repository.delete_sessions(session, user.id))
    return user

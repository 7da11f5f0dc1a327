"""Accounts JSON API: sign-up, log-in, sessions, tokens, passwords, profiles, admin."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, Response, UploadFile

from potluck.accounts import audit, avatars, credentials, service
from potluck.accounts.auth import (
    SESSION_COOKIE,
    AdminUser,
    CurrentUser,
    SessionUser,
    clear_session_cookie,
    client_of,
    optional_user,
    set_session_cookie,
)
from potluck.accounts.avatars import avatar_url
from potluck.accounts.models import User
from potluck.accounts.schemas import (
    AuditEventOut,
    AuthResponse,
    CreatedTokenOut,
    LoginRequest,
    Me,
    MeUpdate,
    PasswordChangeRequest,
    PasswordChangeResponse,
    PublicUser,
    SessionOut,
    SignupRequest,
    SuspendRequest,
    TokenCreateRequest,
    TokenOut,
)
from potluck.kit.errors import Invalid, NotAuthenticated
from potluck.kit.i18n import N_
from potluck.web.deps import DbSession
from potluck.web.i18n import gettext_for, locale_from_scope

router = APIRouter(prefix="/api/v1", tags=["accounts"])


def me_of(user: User) -> Me:
    return Me(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        avatar_url=avatar_url(user.avatar_key),
        is_private=user.is_private,
        bio=user.bio,
        location=user.location,
        pronouns=user.pronouns,
        languages=list(user.languages or []),
        follower_count=user.follower_count,
        following_count=user.following_count,
        note_count=user.note_count,
        likes_received_count=user.likes_received_count,
        created_at=user.created_at,
        email=user.email,
        auto_translate=user.auto_translate,
        locale=user.locale,
        is_admin=user.is_admin,
        password_changed_at=user.password_changed_at,
    )


def public_of(profile: service.Profile) -> PublicUser:
    return PublicUser(
        id=profile.id,
        username=profile.username,
        display_name=profile.display_name,
        avatar_url=avatar_url(profile.avatar_key),
        is_private=profile.is_private,
        bio=profile.bio if profile.full else None,
        location=profile.location if profile.full else None,
        pronouns=profile.pronouns if profile.full else None,
        languages=list(profile.languages) if profile.full else None,
        follower_count=profile.follower_count,
        following_count=profile.following_count,
        note_count=profile.note_count,
        likes_received_count=profile.likes_received_count,
        created_at=profile.created_at,
    )


# --- sign-up and log-in ------------------------------------------------------------------


@router.post("/auth/signup", response_model=AuthResponse, status_code=201)
async def signup(
    body: SignupRequest, request: Request, response: Response, session: DbSession
) -> AuthResponse:
    """Make an account and log in (sets the session cookie). 409 for a taken name or email,
    422 for a broken rule, each with ``field`` and ``reason``; 429 when rate-limited."""
    client = client_of(request)
    user = await service.signup(
        session,
        username=body.username,
        password=body.password,
        email=body.email,
        display_name=body.display_name,
        locale=body.locale,
        client=client,
    )
    started = await credentials.start_session(session, user=user, client=client)
    set_session_cookie(request, response, started.token)
    return AuthResponse(user=me_of(user))


@router.post("/auth/login", response_model=AuthResponse)
async def login(body: LoginRequest, request: Request, response: Response, session: DbSession) -> AuthResponse:
    """Log in with a username or email; sets the HttpOnly session cookie."""
    client = client_of(request)
    user = await credentials.authenticate(session, login=body.login, password=body.password, client=client)
    started = await credentials.start_session(session, user=user, client=client)
    set_session_cookie(request, response, started.token)
    return AuthResponse(user=me_of(user))


@router.post("/auth/logout", status_code=204)
async def logout(request: Request, response: Response, session: DbSession) -> None:
    """End this session (cookie) or delete this API token (Bearer)."""
    user = optional_user(request)
    if user is not None and user.token_id is not None:
        await credentials.revoke_token(
            session, user_id=user.id, token_id=user.token_id, client=client_of(request)
        )
        return
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        await credentials.end_session(session, token=token, client=client_of(request))
    clear_session_cookie(request, response)


@router.post("/auth/logout-all", status_code=204)
async def logout_all(user: CurrentUser, request: Request, response: Response, session: DbSession) -> None:
    """End every session of this account, this one included (API tokens stay)."""
    await credentials.end_all_sessions(session, user_id=user.id, client=client_of(request))
    clear_session_cookie(request, response)


@router.post("/auth/password", response_model=PasswordChangeResponse)
async def change_password(
    body: PasswordChangeRequest, user: SessionUser, request: Request, session: DbSession
) -> PasswordChangeResponse:
    """Change the password; every other session ends, this one stays."""
    ended = await credentials.change_password(
        session,
        user_id=user.id,
        current_password=body.current_password,
        new_password=body.new_password,
        keep_session_id=user.session_id,
        client=client_of(request),
    )
    return PasswordChangeResponse(sessions_ended=ended)


# --- sessions ----------------------------------------------------------------------------


@router.get("/auth/sessions", response_model=list[SessionOut])
async def list_sessions(user: CurrentUser, session: DbSession) -> list[SessionOut]:
    """Where this account is logged in, most recently active first."""
    return [
        SessionOut.model_validate(item).model_copy(update={"current": item.id == user.session_id})
        for item in await credentials.list_sessions(session, user_id=user.id)
    ]


@router.delete("/auth/sessions/{session_id}", status_code=204)
async def revoke_session(session_id: int, user: CurrentUser, request: Request, session: DbSession) -> None:
    await credentials.revoke_session(
        session, user_id=user.id, session_id=session_id, client=client_of(request)
    )


# --- API tokens --------------------------------------------------------------------------


@router.post("/auth/tokens", response_model=CreatedTokenOut, status_code=201)
async def create_token(body: TokenCreateRequest, request: Request, session: DbSession) -> CreatedTokenOut:
    """A personal API token, from a logged-in session or with ``username`` and ``password``.

    The ``token`` is in this response only; send it as ``Authorization: Bearer <token>``.
    """
    client = client_of(request)
    current = optional_user(request)
    if body.username is not None or body.password is not None:
        owner = await credentials.authenticate(
            session, login=body.username or "", password=body.password or "", client=client
        )
        user_id = owner.id
    elif current is not None and current.session_id is not None:
        user_id = current.id
    elif current is not None:
        raise Invalid(N_("An API token cannot make more tokens; log in or send a username and password."))
    else:
        raise NotAuthenticated(N_("Log in, or send your username and password, to make a token."))
    created = await credentials.create_token(
        session, user_id=user_id, name=body.name, expires_in_days=body.expires_in_days, client=client
    )
    return CreatedTokenOut(token=created.token, **TokenOut.model_validate(created.api_token).model_dump())


@router.get("/auth/tokens", response_model=list[TokenOut])
async def list_tokens(user: CurrentUser, session: DbSession) -> list[TokenOut]:
    return [TokenOut.model_validate(item) for item in await credentials.list_tokens(session, user_id=user.id)]


@router.delete("/auth/tokens/{token_id}", status_code=204)
async def revoke_token(token_id: int, user: CurrentUser, request: Request, session: DbSession) -> None:
    await credentials.revoke_token(session, user_id=user.id, token_id=token_id, client=client_of(request))


@router.get("/auth/audit", response_model=list[AuditEventOut])
async def list_audit_events(
    user: CurrentUser, request: Request, session: DbSession, before: int | None = None, limit: int = 20
) -> list[AuditEventOut]:
    """This account's security events, newest first; page with ``before`` = the last ``id``."""
    gettext = gettext_for(locale_from_scope(request.scope))
    events = await audit.list_events(session, user_id=user.id, limit=max(1, limit), before_id=before)
    return [
        AuditEventOut(
            id=event.id,
            kind=event.kind,
            description=gettext(audit.DESCRIPTIONS.get(event.kind, event.kind)),
            ip=event.ip,
            user_agent=event.user_agent,
            created_at=event.created_at,
        )
        for event in events
    ]


# --- profiles ----------------------------------------------------------------------------


@router.get("/me", response_model=Me)
async def get_me(user: CurrentUser, session: DbSession) -> Me:
    return me_of(await service.get_user(session, user_id=user.id))


@router.patch("/me", response_model=Me)
async def update_me(body: MeUpdate, user: CurrentUser, session: DbSession) -> Me:
    """Change profile fields; fields left out stay as they are."""
    changes = {name: getattr(body, name) for name in body.model_fields_set}
    for name in ("display_name", "bio", "location", "pronouns", "languages", "is_private", "auto_translate"):
        if name in changes and changes[name] is None:
            if name in ("display_name", "is_private", "languages", "auto_translate"):
                raise Invalid(N_("This field cannot be empty."), field=name, reason="required")
            changes[name] = ""
    return me_of(await service.update_profile(session, user_id=user.id, **changes))


@router.put("/me/avatar", response_model=Me)
async def upload_avatar(
    file: Annotated[UploadFile, File(description="JPEG, PNG, WebP or GIF")],
    user: CurrentUser,
    request: Request,
    session: DbSession,
) -> Me:
    """Set the profile picture: cropped to a square, resized, metadata removed."""
    media_dir = request.app.state.runtime.settings.resolved_media_dir
    return me_of(await avatars.set_avatar(session, user_id=user.id, upload=file.file, media_dir=media_dir))


@router.delete("/me/avatar", response_model=Me)
async def delete_avatar(user: CurrentUser, request: Request, session: DbSession) -> Me:
    media_dir = request.app.state.runtime.settings.resolved_media_dir
    return me_of(await avatars.remove_avatar(session, user_id=user.id, media_dir=media_dir))


# --- administration ----------------------------------------------------------------------


@router.post("/admin/users/{username}/suspend", response_model=PublicUser)
async def suspend_user(
    username: str, body: SuspendRequest, admin: AdminUser, session: DbSession
) -> PublicUser:
    """Suspend an account: logged out everywhere; it cannot log in or act until restored."""
    user = await credentials.set_suspended(
        session, username=username, suspended=True, actor_id=admin.id, reason=body.reason
    )
    return public_of(await service.get_profile(session, username=user.username, viewer_id=user.id))


@router.post("/admin/users/{username}/restore", response_model=PublicUser)
async def restore_user(username: str, admin: AdminUser, session: DbSession) -> PublicUser:
    user = await credentials.set_suspended(session, username=username, suspended=False, actor_id=admin.id)
    return public_of(await service.get_profile(session, username=user.username, viewer_id=user.id))

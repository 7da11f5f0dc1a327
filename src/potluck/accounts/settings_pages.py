"""Settings pages: edit your profile; password, sessions, API tokens and recent activity."""

from __future__ import annotations

import functools
from typing import Annotated, Any

from babel import Locale
from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from potluck.accounts import audit, avatars, credentials, service
from potluck.accounts.auth import AuthUser, PageUser, clear_session_cookie, client_of
from potluck.accounts.avatars import avatar_url
from potluck.accounts.models import User
from potluck.kit.errors import Invalid, PotluckError
from potluck.kit.i18n import N_
from potluck.web.deps import DbSession
from potluck.web.forms import FORM_ERROR, errors_of, headers_of, see_other
from potluck.web.i18n import LOCALE_COOKIE, SUPPORTED_LOCALES, language_name, locale_from_scope
from potluck.web.templating import render

router = APIRouter(include_in_schema=False)

PROFILE_FIELDS = frozenset({"display_name", "bio", "location", "pronouns", "languages", "locale", "file"})
PASSWORD_FIELDS = frozenset({"current_password", "new_password"})
TOKEN_FIELDS = frozenset({"name"})
# Offered as "languages I speak"; the API takes any language tag.
SPOKEN_LANGUAGES = (
    "en", "zh", "es", "fr", "de", "ja", "ko", "pt", "ru", "ar", "hi", "it",
    "id", "vi", "th", "tr", "ms", "fil", "nl", "pl", "uk", "fa", "bn", "he",
)  # fmt: skip


@functools.lru_cache(maxsize=64)
def _spoken_choices(ui_locale: str) -> tuple[tuple[str, str], ...]:
    display = Locale.parse(ui_locale)
    return tuple((code, Locale.parse(code).get_display_name(display) or code) for code in SPOKEN_LANGUAGES)


@router.get("/settings")
async def settings_index() -> Response:
    return RedirectResponse("/settings/profile", status_code=303)


# --- profile -----------------------------------------------------------------------------


def _profile_context(
    request: Request, user: User, *, form: dict[str, Any] | None = None, errors: dict[str, str] | None = None
) -> dict[str, Any]:
    ui_locale = locale_from_scope(request.scope)
    form = form or {
        "display_name": user.display_name,
        "bio": user.bio,
        "location": user.location,
        "pronouns": user.pronouns,
        "languages": list(user.languages or []),
        "locale": user.locale or "",
        "is_private": user.is_private,
        "auto_translate": user.auto_translate,
    }
    spoken = list(_spoken_choices(ui_locale))
    known = {code for code, _ in spoken}
    spoken += [(code, code) for code in form["languages"] if code not in known]
    return {
        "user": user,
        "avatar_url": avatar_url(user.avatar_key),
        "form": form,
        "errors": errors or {},
        "spoken_languages": spoken,
        "locales": [(locale, language_name(locale)) for locale in SUPPORTED_LOCALES],
        "saved": request.query_params.get("saved") == "1",
        "welcome": request.query_params.get("welcome") == "1",
        "nav_active": "me",
        "settings_tab": "profile",
    }


@router.get("/settings/profile")
async def profile_settings(request: Request, current: PageUser, session: DbSession) -> Response:
    user = await service.get_user(session, user_id=current.id)
    return render(request, "accounts/settings_profile.html", _profile_context(request, user))


@router.post("/settings/profile")
async def profile_settings_submit(
    request: Request,
    current: PageUser,
    session: DbSession,
    *,
    display_name: Annotated[str, Form(max_length=200)] = "",
    bio: Annotated[str, Form(max_length=2000)] = "",
    location: Annotated[str, Form(max_length=200)] = "",
    pronouns: Annotated[str, Form(max_length=200)] = "",
    languages: Annotated[list[str] | None, Form(max_length=50)] = None,
    locale: Annotated[str, Form(max_length=35)] = "",
    is_private: Annotated[str, Form(max_length=10)] = "",
    auto_translate: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    form = {
        "display_name": display_name,
        "bio": bio,
        "location": location,
        "pronouns": pronouns,
        "languages": list(languages or []),
        "locale": locale,
        "is_private": bool(is_private),
        "auto_translate": bool(auto_translate),
    }
    try:
        user = await service.update_profile(
            session,
            user_id=current.id,
            display_name=display_name,
            bio=bio,
            location=location,
            pronouns=pronouns,
            languages=list(languages or []),
            locale=locale or None,
            is_private=bool(is_private),
            auto_translate=bool(auto_translate),
        )
    except PotluckError as error:  # nothing was changed: every field is checked first
        user = await service.get_user(session, user_id=current.id)
        context = _profile_context(
            request, user, form=form, errors=errors_of(request, error, fields=PROFILE_FIELDS)
        )
        return render(request, "accounts/settings_profile.html", context, status_code=error.status_code)
    response = see_other(request, "/settings/profile?saved=1")
    if user.locale and user.locale in SUPPORTED_LOCALES:
        # The language cookie outranks the account setting; keep them in step.
        response.set_cookie(LOCALE_COOKIE, user.locale, max_age=365 * 86400, samesite="lax", path="/")
    elif not user.locale:
        response.delete_cookie(LOCALE_COOKIE, path="/")
    return response


@router.post("/settings/profile/avatar")
async def avatar_submit(
    request: Request, current: PageUser, session: DbSession, file: Annotated[UploadFile | None, File()] = None
) -> Response:
    media_dir = request.app.state.runtime.settings.resolved_media_dir
    try:
        if file is None or not file.filename:
            raise Invalid(N_("Choose a picture to upload."), field="file", reason="required")
        await avatars.set_avatar(session, user_id=current.id, upload=file.file, media_dir=media_dir)
    except PotluckError as error:
        user = await service.get_user(session, user_id=current.id)
        context = _profile_context(request, user, errors=errors_of(request, error, fields=PROFILE_FIELDS))
        return render(request, "accounts/settings_profile.html", context, status_code=error.status_code)
    return see_other(request, "/settings/profile?saved=1")


@router.post("/settings/profile/avatar/delete")
async def avatar_delete_submit(request: Request, current: PageUser, session: DbSession) -> Response:
    media_dir = request.app.state.runtime.settings.resolved_media_dir
    await avatars.remove_avatar(session, user_id=current.id, media_dir=media_dir)
    return see_other(request, "/settings/profile?saved=1")


# --- security ----------------------------------------------------------------------------


async def _security_context(request: Request, session: DbSession, user: AuthUser) -> dict[str, Any]:
    sessions = await credentials.list_sessions(session, user_id=user.id)
    tokens = await credentials.list_tokens(session, user_id=user.id)
    events = await audit.list_events(session, user_id=user.id, limit=15)
    return {
        "sessions": sessions,
        "current_session_id": user.session_id,
        "tokens": tokens,
        "events": events,
        "describe": audit.DESCRIPTIONS,
        "errors": {},
        "new_token": None,
        "notice": request.query_params.get("notice", ""),
        "nav_active": "me",
        "settings_tab": "security",
    }


async def _security_page(
    request: Request,
    session: DbSession,
    user: AuthUser,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    context = await _security_context(request, session, user)
    context.update(extra)
    return render(
        request, "accounts/settings_security.html", context, status_code=status_code, headers=headers
    )


@router.get("/settings/security")
async def security_settings(request: Request, current: PageUser, session: DbSession) -> Response:
    return await _security_page(request, session, current)


@router.post("/settings/security/password")
async def password_submit(
    request: Request,
    current: PageUser,
    session: DbSession,
    current_password: Annotated[str, Form(max_length=1024)] = "",
    new_password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    try:
        await credentials.change_password(
            session,
            user_id=current.id,
            current_password=current_password,
            new_password=new_password,
            keep_session_id=current.session_id,
            client=client_of(request),
        )
    except PotluckError as error:
        return await _security_page(
            request,
            session,
            current,
            status_code=error.status_code,
            headers=headers_of(error),
            errors=errors_of(request, error, fields=PASSWORD_FIELDS),
        )
    return see_other(request, "/settings/security?notice=password_changed")


@router.post("/settings/security/sessions/{session_id}/end")
async def end_session_submit(
    session_id: int, request: Request, current: PageUser, session: DbSession
) -> Response:
    await credentials.revoke_session(
        session, user_id=current.id, session_id=session_id, client=client_of(request)
    )
    if session_id == current.session_id:
        response = see_other(request, "/login")
        clear_session_cookie(request, response)
        return response
    return see_other(request, "/settings/security?notice=session_ended")


@router.post("/settings/security/logout-all")
async def logout_all_submit(request: Request, current: PageUser, session: DbSession) -> Response:
    await credentials.end_all_sessions(session, user_id=current.id, client=client_of(request))
    response = see_other(request, "/login")
    clear_session_cookie(request, response)
    return response


@router.post("/settings/security/tokens")
async def create_token_submit(
    request: Request,
    current: PageUser,
    session: DbSession,
    name: Annotated[str, Form(max_length=200)] = "",
    expires_in_days: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    days = int(expires_in_days) if expires_in_days.isdigit() and 0 < int(expires_in_days) <= 3650 else None
    try:
        created = await credentials.create_token(
            session, user_id=current.id, name=name, expires_in_days=days, client=client_of(request)
        )
    except PotluckError as error:
        errors = errors_of(request, error, fields=TOKEN_FIELDS)
        return await _security_page(request, session, current, status_code=error.status_code, errors=errors)
    # Shown once, on this response only: the page is not cached and the secret not stored.
    return await _security_page(
        request, session, current, new_token=created.token, headers={"Cache-Control": "no-store"}
    )


@router.post("/settings/security/tokens/{token_id}/delete")
async def delete_token_submit(
    token_id: int, request: Request, current: PageUser, session: DbSession
) -> Response:
    try:
        await credentials.revoke_token(
            session, user_id=current.id, token_id=token_id, client=client_of(request)
        )
    except PotluckError as error:
        errors = {FORM_ERROR: errors_of(request, error, fields=set())[FORM_ERROR]}
        return await _security_page(request, session, current, status_code=error.status_code, errors=errors)
    return see_other(request, "/settings/security?notice=token_deleted")

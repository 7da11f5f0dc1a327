"""Accounts request and response bodies."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from potluck.kit.schemas import Id, Schema

# Lengths here only bound what is parsed; the rules themselves (and their messages) are
# in potluck.accounts.policy.


class SignupRequest(Schema):
    username: str = Field(max_length=100, description="3-30 letters, digits or underscores")
    password: str = Field(max_length=1024, description="At least 8 characters, not a common password")
    email: str | None = Field(default=None, max_length=254)
    display_name: str | None = Field(default=None, max_length=200)
    locale: str | None = Field(
        default=None, max_length=35, description="Preferred language, e.g. en, zh-Hans"
    )


class LoginRequest(Schema):
    login: str = Field(min_length=1, max_length=254, description="Username or email")
    password: str = Field(min_length=1, max_length=1024)


class PasswordChangeRequest(Schema):
    current_password: str = Field(max_length=1024)
    new_password: str = Field(max_length=1024)


class PasswordChangeResponse(Schema):
    sessions_ended: int


class PublicUser(Schema):
    """A profile as the viewer may see it; a private account shows others its header only
    (``bio``, ``location``, ``pronouns`` and ``languages`` are null)."""

    id: Id
    username: str
    display_name: str
    avatar_url: str | None
    is_private: bool
    bio: str | None
    location: str | None
    pronouns: str | None
    languages: list[str] | None
    follower_count: int
    following_count: int
    note_count: int
    likes_received_count: int
    created_at: datetime


class Me(PublicUser):
    email: str | None
    locale: str | None
    is_admin: bool
    password_changed_at: datetime | None
    auto_translate: bool = False


class MeUpdate(Schema):
    """Fields to change; those left out stay as they are."""

    display_name: str | None = Field(default=None, max_length=200)
    bio: str | None = Field(default=None, max_length=2000)
    location: str | None = Field(default=None, max_length=200)
    pronouns: str | None = Field(default=None, max_length=200)
    languages: list[str] | None = Field(default=None, max_length=50)
    locale: str | None = Field(default=None, max_length=35)
    is_private: bool | None = None
    auto_translate: bool | None = Field(
        default=None, description="Show notes in languages not among yours translated at once"
    )


class AuthResponse(Schema):
    user: Me


class SessionOut(Schema):
    id: Id
    user_agent: str
    ip: str
    created_at: datetime
    last_seen_at: datetime
    expires_at: datetime
    current: bool = False


class TokenCreateRequest(Schema):
    name: str = Field(max_length=200)
    expires_in_days: int | None = Field(default=None, ge=1, le=3650)
    username: str | None = Field(
        default=None, max_length=254, description="With password, instead of a session"
    )
    password: str | None = Field(default=None, max_length=1024)


class TokenOut(Schema):
    id: Id
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime | None


class CreatedTokenOut(TokenOut):
    token: str = Field(description="The secret; shown only in this response")


class AuditEventOut(Schema):
    id: Id
    kind: str
    description: str
    ip: str
    user_agent: str
    created_at: datetime


class SuspendRequest(Schema):
    reason: str = Field(default="", max_length=500)

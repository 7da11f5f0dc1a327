"""Accounts request and response bodies."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from potluck.kit.schemas import Id, Schema


class LoginRequest(Schema):
    login: str = Field(min_length=1, max_length=254, description="Username or email")
    password: str = Field(min_length=1, max_length=1024)


class PublicUser(Schema):
    id: Id
    username: str
    display_name: str
    bio: str
    created_at: datetime


class Me(PublicUser):
    email: str | None
    locale: str | None
    is_admin: bool


class LoginResponse(Schema):
    user: Me

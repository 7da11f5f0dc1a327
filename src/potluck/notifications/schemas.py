"""Notifications API bodies."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from potluck.kit.schemas import Id, Schema
from potluck.notifications.models import Group, Kind


class ActorOut(Schema):
    id: Id
    username: str
    display_name: str
    avatar_url: str | None


class NoteRef(Schema):
    id: Id
    title: str
    cover_url: str | None
    url: str


class CommentRef(Schema):
    id: Id
    snippet: str = Field(description="The start of the comment's text")


class NotificationOut(Schema):
    id: Id
    kind: Kind
    group: Group
    text: str = Field(
        description='Ready to show, in the request\'s language: "Mia and 23 others liked your note"'
    )
    actors: list[ActorOut] = Field(description="The newest few people, newest first")
    actor_count: int = Field(description="Everyone in the group, shown or not")
    note: NoteRef | None
    comment: CommentRef | None
    read: bool
    updated_at: datetime = Field(description="When the latest person joined the group")
    url: str = Field(description="Where the notification leads on the web")


class NotificationPage(Schema):
    items: list[NotificationOut]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null at the end")


class UnreadCountsOut(Schema):
    total: int
    groups: dict[Group, int] = Field(description="Unread per tab: likes_collects, comments_mentions, follows")


class MarkRead(Schema):
    """Which notifications to mark read: all (nothing given), one tab's (``group``), some
    (``ids``), or those at and below a list position (``up_to``, a ``next_cursor``)."""

    group: Group | None = None
    ids: list[Id] | None = Field(default=None, max_length=100)
    up_to: str | None = Field(default=None, max_length=40)

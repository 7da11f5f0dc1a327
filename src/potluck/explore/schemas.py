"""Explore request and response bodies."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from potluck.kit.schemas import Id, Schema
from potluck.notes.schemas import CardOut

OtherLanguagesField = Literal["none", "some", "many"]


class ExplorePage(Schema):
    items: list[CardOut]
    next_cursor: str | None
    feed_session: str | None = Field(
        default=None, description="Send with impressions and clicks (null for logged-out visitors)"
    )


class TopicOut(Schema):
    id: Id
    name: str


class InterestsOut(Schema):
    categories: list[str]
    topics: list[TopicOut]


class InterestsIn(Schema):
    categories: list[str] = Field(default_factory=list, max_length=20)
    topics: list[Id] = Field(default_factory=list, max_length=100, description="Hashtag IDs")


class FeedPreferencesOut(Schema):
    other_languages: OtherLanguagesField


class FeedPreferencesIn(Schema):
    other_languages: OtherLanguagesField = Field(
        description="How many notes in languages you do not speak Explore mixes in"
    )


class FeedEventIn(Schema):
    note_id: Id
    kind: Literal["impression", "click"]
    feed_session: str = Field(default="", max_length=32, pattern=r"^[A-Za-z0-9_.-]*$")


class FeedEventBatch(Schema):
    events: list[FeedEventIn] = Field(max_length=100)


class FeedEventsResult(Schema):
    recorded: int

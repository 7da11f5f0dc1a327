"""Topics request and response bodies."""

from __future__ import annotations

from pydantic import Field

from potluck.kit.schemas import Id, Schema


class TopicCounts(Schema):
    notes: int = Field(description="Public notes using the topic (refreshed every minute)")
    views: int
    comments: int
    likes: int
    collects: int
    followers: int = Field(description="Exact")


class TopicOut(Schema):
    id: Id
    name: str = Field(description="As first written, e.g. TikTokRefugee")
    url: str
    counts: TopicCounts
    followed: bool = Field(description="Whether you follow it")


class TopicList(Schema):
    items: list[TopicOut]
    next_cursor: str | None


class TrendOut(Schema):
    id: Id
    name: str
    url: str
    notes_today: int
    notes_this_week: int
    score: int = Field(
        description="Activity: recent notes and their engagement, the last 24 hours weighted x4"
    )


class TrendList(Schema):
    items: list[TrendOut]
    next_cursor: str | None = None

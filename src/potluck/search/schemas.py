"""Search API bodies."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from potluck.kit.schemas import Id, Schema
from potluck.notes.schemas import CardOut

Span = tuple[int, int]


class HighlightedText(Schema):
    text: str
    highlights: list[Span] = Field(
        description="[start, end) character offsets in text of the words the query matched, in order"
    )


class NoteHitOut(Schema):
    note: CardOut
    title: HighlightedText
    snippet: HighlightedText = Field(description="About 120 characters of the text around the first match")


class PersonHitOut(Schema):
    id: Id
    username: str
    display_name: str
    avatar_url: str | None
    is_private: bool
    followers: int
    notes: int
    followed_by_me: bool
    url: str


class TopicHitOut(Schema):
    id: Id
    name: str
    notes: int
    url: str


class SearchResults(Schema):
    type: Literal["notes", "users", "topics"]
    query: str = Field(description="What was searched: the corrected query when corrected_from is set")
    corrected_from: str | None = Field(
        description='What was typed, when it found nothing and a correction of it did ("showing results for")'
    )
    partial_from: int | None = Field(
        default=None,
        description="Where in notes those with only some of the query's words start (null: all have all)",
    )
    notes: list[NoteHitOut] = Field(description="With type=notes")
    users: list[PersonHitOut] = Field(description="With type=users")
    topics: list[TopicHitOut] = Field(description="With type=topics")
    next_cursor: str | None = Field(description="Pass as ?cursor= (with the same query) for the next page")


class SuggestionOut(Schema):
    kind: Literal["query", "topic", "person"]
    text: str = Field(description="What to search for, the topic's name or the username")
    label: str = Field(description="What to show")
    count: int = Field(description="People who searched it this week, the topic's notes, or followers")
    url: str


class SuggestionList(Schema):
    items: list[SuggestionOut]


class TrendingSearchOut(Schema):
    query: str
    searchers: int = Field(description="People who searched it in the last day")
    url: str


class TrendingSearchList(Schema):
    items: list[TrendingSearchOut]


class PastSearchOut(Schema):
    query: str
    searched_at: datetime
    url: str


class SearchHistoryOut(Schema):
    items: list[PastSearchOut]


class HistoryCleared(Schema):
    removed: int

"""Notes request and response bodies."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from potluck.kit.schemas import Id, Schema
from potluck.media.schemas import MediaOut

NoteTypeField = Literal["image", "video"]
VisibilityField = Literal["public", "followers", "private"]
CategoryField = Literal[
    "food", "travel", "beauty", "fashion", "home", "fitness", "pets", "parenting", "study", "other"
]


LanguageField = Annotated[
    str, Field(description="BCP-47 code of the language it is written in (zh-Hans, en...), und when unsure")
]


class NoteCreate(Schema):
    type: NoteTypeField = "image"
    title: str = Field(default="", max_length=200, description="Up to 20 characters")
    body: str = Field(
        default="", max_length=5000, description="Up to 1,000 characters; #topics and @mentions"
    )
    media_ids: list[Id] = Field(
        default_factory=list, max_length=100, description="1-18 photos or 1 video, in order"
    )
    visibility: VisibilityField = "public"
    category: CategoryField = "other"
    location: str = Field(default="", max_length=200)
    latitude: float | None = Field(
        default=None, ge=-90, le=90, description="With longitude, or neither; kept only to about 1 km"
    )
    longitude: float | None = Field(default=None, ge=-180, le=180)
    draft: bool = False


class NoteUpdate(Schema):
    """Fields to change; those left out stay as they are. ``draft: false`` publishes a draft."""

    title: str | None = Field(default=None, max_length=200)
    body: str | None = Field(default=None, max_length=5000)
    media_ids: list[Id] | None = Field(default=None, max_length=100)
    visibility: VisibilityField | None = None
    category: CategoryField | None = None
    location: str | None = Field(default=None, max_length=200)
    latitude: float | None = Field(
        default=None, ge=-90, le=90, description="Both null removes the position; both left out keeps it"
    )
    longitude: float | None = Field(default=None, ge=-180, le=180)
    draft: bool | None = None


class Author(Schema):
    id: Id
    username: str
    display_name: str
    avatar_url: str | None


class Counts(Schema):
    likes: int
    collects: int
    comments: int
    views: int


class Position(Schema):
    """Where a note was posted, to 0.01 degree (about 1 km): a grid cell, never finer."""

    latitude: float
    longitude: float


class ViewerState(Schema):
    """What the person asking has done with the note."""

    liked: bool
    collected: bool
    board_id: Id | None = None


class Mention(Schema):
    id: Id
    username: str


class CommentOut(Schema):
    id: Id
    author: Author
    body: str
    language: LanguageField
    reply_to: Author | None = None
    likes: int
    liked: bool
    pinned: bool
    reply_count: int
    replies: list[CommentOut] = Field(default_factory=list)
    created_at: datetime


class CommentPageOut(Schema):
    items: list[CommentOut]
    next_cursor: str | None


class NoteOut(Schema):
    id: Id
    type: NoteTypeField
    title: str
    body: str
    language: LanguageField
    hashtags: list[str]
    mentions: list[Mention]
    location: str
    position: Position | None
    category: CategoryField
    visibility: VisibilityField
    draft: bool
    author: Author
    media: list[MediaOut]
    counts: Counts
    viewer: ViewerState
    pinned_comment_id: Id | None
    published_at: datetime | None
    edited_at: datetime | None
    created_at: datetime
    url: str
    comments: CommentPageOut | None = Field(
        default=None, description="The first page of comments, on GET of a single note"
    )


class CardOut(Schema):
    """A note as a tile in a grid."""

    id: Id
    type: NoteTypeField
    title: str
    language: LanguageField
    cover: MediaOut | None
    author: Author
    likes: int
    liked: bool
    draft: bool
    url: str


class CardPage(Schema):
    items: list[CardOut]
    next_cursor: str | None


class NearbyCardOut(CardOut):
    distance: str = Field(description='How far, coarsely and in the reader\'s language: "< 1 km", "3 km"')


class NearbyPage(Schema):
    items: list[NearbyCardOut]
    next_cursor: str | None


class LikeResult(Schema):
    liked: bool
    counts: Counts


class CollectRequest(Schema):
    board_id: Id | None = Field(
        default=None, description="Which of your boards; the default board if left out"
    )


class CollectResult(Schema):
    collected: bool
    board_id: Id | None
    counts: Counts


class CommentCreate(Schema):
    body: str = Field(max_length=5000)
    reply_to: Id | None = Field(default=None, description="The comment this answers")


class PinRequest(Schema):
    comment_id: Id | None


class BoardCreate(Schema):
    name: str = Field(max_length=200)
    description: str = Field(default="", max_length=1000)
    is_private: bool = False


class BoardUpdate(Schema):
    name: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=1000)
    is_private: bool | None = None


class BoardOut(Schema):
    id: Id
    owner: Author
    name: str
    description: str
    is_private: bool
    is_default: bool
    note_count: int
    covers: list[CardOut]
    created_at: datetime
    url: str


class BoardPage(Schema):
    board: BoardOut
    notes: CardPage

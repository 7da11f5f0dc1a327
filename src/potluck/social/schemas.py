"""Social graph API bodies."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from potluck.kit.schemas import Id, Schema
from potluck.social.service import Relation, Relationship


class RelationshipOut(Schema):
    """How you stand with someone: what their profile's buttons show."""

    username: str
    following: bool = Field(description="You follow them")
    requested: bool = Field(description="You asked to follow their private account; they have not answered")
    followed_by: bool = Field(description="They follow you")
    blocking: bool = Field(description="You block them")
    muting: bool = Field(description="You mute them: their notes stay out of your feeds")


class PersonOut(Schema):
    id: Id
    username: str
    display_name: str
    avatar_url: str | None
    is_private: bool
    followed_by_me: bool


class PeoplePage(Schema):
    items: list[PersonOut]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null at the end")


class RequestAnswer(Schema):
    username: str = Field(max_length=60)
    decision: Literal["approve", "decline"]


def relationship_out(username: str, relationship: Relationship) -> RelationshipOut:
    return RelationshipOut(
        username=username,
        following=relationship.has(Relation.FOLLOWING),
        requested=relationship.has(Relation.REQUESTED),
        followed_by=relationship.has(Relation.FOLLOWED_BY),
        blocking=relationship.has(Relation.BLOCKING),
        muting=relationship.has(Relation.MUTING),
    )

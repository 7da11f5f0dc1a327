"""Social graph JSON API: follow, follow requests, block, mute, followers and following."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from potluck.accounts import service as accounts
from potluck.accounts.auth import ActingViewer, AnyViewer
from potluck.accounts.avatars import avatar_url
from potluck.accounts.routes import public_of
from potluck.accounts.schemas import PublicUser
from potluck.kit.errors import Invalid, NotFound
from potluck.kit.i18n import N_
from potluck.kit.viewer import Viewer
from potluck.social import service
from potluck.social.schemas import PeoplePage, PersonOut, RelationshipOut, RequestAnswer, relationship_out
from potluck.social.service import PersonPage, Relation
from potluck.web.deps import DbSession

router = APIRouter(prefix="/api/v1", tags=["social"])

Cursor = Annotated[str | None, Query(max_length=40, description="next_cursor of the previous page")]
Limit = Annotated[int, Query(ge=1, le=50)]
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_ID = 2**63  # IDs are signed 64-bit integers


def page_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    """Pages of people start before (when the follow began, person ID)."""
    if cursor is None:
        return None
    micros, _, user_id = cursor.partition("-")
    if micros.isdigit() and user_id.isdigit() and len(micros) <= 18 and int(user_id or 0) < MAX_ID:
        try:
            return EPOCH + timedelta(microseconds=int(micros)), int(user_id)
        except OverflowError:
            pass  # past the year 9999
    raise Invalid(N_("This page link is not valid."), field="cursor", reason="invalid_cursor")


def _to_cursor(position: tuple[datetime, int] | None) -> str | None:
    if position is None:
        return None
    moment, user_id = position
    return f"{(moment - EPOCH) // timedelta(microseconds=1)}-{user_id}"


async def people_out(session: DbSession, viewer: Viewer, page: PersonPage) -> PeoplePage:
    people = await accounts.summaries(session, user_ids=page.user_ids)
    followed = await service.following_among(session, viewer=viewer, user_ids=page.user_ids)
    return PeoplePage(
        items=[
            PersonOut(
                id=person.id,
                username=person.username,
                display_name=person.display_name,
                avatar_url=avatar_url(person.avatar_key),
                is_private=person.is_private,
                followed_by_me=person.id in followed,
            )
            for user_id in page.user_ids
            if (person := people.get(user_id)) is not None
        ],
        next_cursor=_to_cursor(page.next_before),
    )


# --- profiles ----------------------------------------------------------------------------


@router.get("/users/{username}", response_model=PublicUser)
async def get_user(username: str, viewer: AnyViewer, session: DbSession) -> PublicUser:
    """A profile; 404 for unknown names and between people who block each other, a
    reduced view of private accounts to anyone but their followers."""
    return public_of(await service.get_profile(session, viewer=viewer, username=username))


# --- following ---------------------------------------------------------------------------


@router.post("/users/{username}/follow")
async def follow(username: str, viewer: ActingViewer, session: DbSession) -> RelationshipOut:
    """Follow a public account at once; for a private one, send a follow request
    (``requested: true`` until its owner answers). Following twice changes nothing."""
    return relationship_out(username, await service.follow(session, viewer=viewer, username=username))


@router.delete("/users/{username}/follow")
async def unfollow(username: str, viewer: ActingViewer, session: DbSession) -> RelationshipOut:
    """Stop following (or withdraw a pending request)."""
    return relationship_out(username, await service.unfollow(session, viewer=viewer, username=username))


@router.delete("/users/{username}/follower")
async def remove_follower(username: str, viewer: ActingViewer, session: DbSession) -> RelationshipOut:
    """Take this person off your followers without blocking them."""
    relationship = await service.remove_follower(session, viewer=viewer, username=username)
    return relationship_out(username, relationship)


@router.get("/users/{username}/relationship")
async def get_relationship(username: str, viewer: ActingViewer, session: DbSession) -> RelationshipOut:
    user = await accounts.get_user_by_username(session, username=username)
    relationship = await service.relationship(session, viewer=viewer, user_id=user.id)
    if relationship.has(Relation.BLOCKED_BY) and not relationship.has(Relation.BLOCKING):
        raise NotFound(service.NO_SUCH_USER)  # as for their profile
    return relationship_out(username, relationship)


@router.get("/users/{username}/followers")
async def list_followers(
    username: str, viewer: AnyViewer, session: DbSession, cursor: Cursor = None, limit: Limit = 20
) -> PeoplePage:
    """Who follows this account, newest first. Private accounts show their lists only
    to themselves and their followers (403 ``private`` otherwise)."""
    page = await service.list_people(
        session,
        viewer=viewer,
        username=username,
        direction="followers",
        before=page_cursor(cursor),
        limit=limit,
    )
    return await people_out(session, viewer, page)


@router.get("/users/{username}/following")
async def list_following(
    username: str, viewer: AnyViewer, session: DbSession, cursor: Cursor = None, limit: Limit = 20
) -> PeoplePage:
    """The accounts this one follows, most recently followed first."""
    page = await service.list_people(
        session,
        viewer=viewer,
        username=username,
        direction="following",
        before=page_cursor(cursor),
        limit=limit,
    )
    return await people_out(session, viewer, page)


# --- follow requests ---------------------------------------------------------------------


@router.get("/follow-requests")
async def list_follow_requests(
    viewer: ActingViewer, session: DbSession, cursor: Cursor = None, limit: Limit = 20
) -> PeoplePage:
    """People asking to follow your private account, newest first."""
    page = await service.list_requests(session, viewer=viewer, before=page_cursor(cursor), limit=limit)
    return await people_out(session, viewer, page)


@router.post("/follow-requests")
async def answer_follow_request(
    body: RequestAnswer, viewer: ActingViewer, session: DbSession
) -> RelationshipOut:
    """Approve (they follow you from now on) or decline someone's request."""
    relationship = await service.answer_request(
        session, viewer=viewer, username=body.username, approve=body.decision == "approve"
    )
    return relationship_out(body.username, relationship)


# --- blocking and muting -----------------------------------------------------------------


@router.get("/me/blocks")
async def list_blocked(
    viewer: ActingViewer, session: DbSession, cursor: Cursor = None, limit: Limit = 20
) -> PeoplePage:
    """The accounts you block, most recently blocked first."""
    page = await service.list_blocked_or_muted(
        session, viewer=viewer, muted=False, before=page_cursor(cursor), limit=limit
    )
    return await people_out(session, viewer, page)


@router.get("/me/mutes")
async def list_muted(
    viewer: ActingViewer, session: DbSession, cursor: Cursor = None, limit: Limit = 20
) -> PeoplePage:
    """The accounts you mute, most recently muted first."""
    page = await service.list_blocked_or_muted(
        session, viewer=viewer, muted=True, before=page_cursor(cursor), limit=limit
    )
    return await people_out(session, viewer, page)


@router.post("/users/{username}/block")
async def block(username: str, viewer: ActingViewer, session: DbSession) -> RelationshipOut:
    """Block: follows both ways end, and neither of you sees the other from now on."""
    return relationship_out(username, await service.block(session, viewer=viewer, username=username))


@router.delete("/users/{username}/block")
async def unblock(username: str, viewer: ActingViewer, session: DbSession) -> RelationshipOut:
    return relationship_out(username, await service.unblock(session, viewer=viewer, username=username))


@router.post("/users/{username}/mute")
async def mute(username: str, viewer: ActingViewer, session: DbSession) -> RelationshipOut:
    """Mute: their notes leave your feeds; they are not told and nothing else changes."""
    return relationship_out(
        username, await service.mute(session, viewer=viewer, username=username, muted=True)
    )


@router.delete("/users/{username}/mute")
async def unmute(username: str, viewer: ActingViewer, session: DbSession) -> RelationshipOut:
    return relationship_out(
        username, await service.mute(session, viewer=viewer, username=username, muted=False)
    )

"""Following, follow requests, blocking and muting, with exact counters.

Rules, as on Xiaohongshu and Instagram:

- Following a public account takes effect at once; following a private one sends a
  request that its owner approves or declines. Unfollowing also withdraws a request.
- Blocking ends follows in both directions and pending requests, and from then on the
  two cannot follow each other and do not see each other (a profile answers 404 to the
  person it blocks). Only the blocker can unblock; nothing comes back by itself.
- Muting only takes the muted person out of the muter's feeds.

``follower_count`` and ``following_count`` move only when a follow row is really inserted
or deleted, so double clicks and races cannot count twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import service as accounts
from potluck.accounts.models import User
from potluck.cache import marks
from potluck.jobs import enqueue_job
from potluck.kit.errors import Forbidden, Invalid, NotFound
from potluck.kit.i18n import N_
from potluck.kit.time import utcnow
from potluck.kit.viewer import Viewer
from potluck.notifications import service as notifications
from potluck.ratelimit import rate_limiter
from potluck.social import repository
from potluck.social.models import Block, Follow, FollowRequest, Mute

TOO_MANY_FOLLOWS = N_("You are following people very fast. Please wait a little.")
NO_SUCH_USER = N_("No such user.")


class Relation(StrEnum):
    FOLLOWING = "following"
    FOLLOWED_BY = "followed_by"
    REQUESTED = "requested"
    BLOCKING = "blocking"
    BLOCKED_BY = "blocked_by"
    MUTING = "muting"


@dataclass(frozen=True)
class Relationship:
    """How the viewer stands with someone (what a profile's buttons show)."""

    user_id: int
    relations: frozenset[Relation]

    def has(self, relation: Relation) -> bool:
        return relation in self.relations


async def _other(session: AsyncSession, viewer: Viewer, username: str) -> User:
    """The person named, if the viewer may act on them: not themselves, not suspended,
    not someone who blocks the viewer (that one is reported as unknown)."""
    assert viewer.id is not None
    user = await accounts.get_user_by_username(session, username=username)
    if user.id == viewer.id:
        raise Invalid(N_("You cannot do this to yourself."), reason="self")
    await repository.lock_pair(session, viewer.id, user.id)
    if user.is_suspended or await repository.edge_exists(
        session, Block, blocker_id=user.id, blocked_id=viewer.id
    ):
        raise NotFound(NO_SUCH_USER)
    return user


async def relationship(session: AsyncSession, *, viewer: Viewer, user_id: int) -> Relationship:
    if viewer.id is None or viewer.id == user_id:
        return Relationship(user_id, frozenset())
    names = await repository.relations(session, viewer.id, user_id)
    return Relationship(user_id, frozenset(Relation(name) for name in names))


async def _relationship_with(session: AsyncSession, viewer: Viewer, user: User) -> Relationship:
    return await relationship(session, viewer=viewer, user_id=user.id)


# --- following ---------------------------------------------------------------------------


async def follow(session: AsyncSession, *, viewer: Viewer, username: str) -> Relationship:
    """Follow ``username`` (public account) or ask to (private account). Idempotent."""
    assert viewer.id is not None
    user = await _other(session, viewer, username)
    if await repository.edge_exists(session, Block, blocker_id=viewer.id, blocked_id=user.id):
        raise Forbidden(N_("You block this account. Unblock it to follow."), reason="blocking")
    already = await repository.edge_exists(session, Follow, follower_id=viewer.id, followee_id=user.id) or (
        user.is_private
        and await repository.edge_exists(session, FollowRequest, requester_id=viewer.id, target_id=user.id)
    )
    if not already:
        await rate_limiter(session).hit("follow", str(viewer.id), message=TOO_MANY_FOLLOWS)
        if user.is_private:
            if await repository.insert_edge(
                session, FollowRequest, utcnow(), requester_id=viewer.id, target_id=user.id
            ):
                await notifications.follow_requested(
                    session, actor_id=viewer.id, target_id=user.id, pending=True
                )
        else:
            await _add_follow(session, follower_id=viewer.id, followee_id=user.id)
    return await _relationship_with(session, viewer, user)


async def unfollow(session: AsyncSession, *, viewer: Viewer, username: str) -> Relationship:
    """Stop following, or withdraw a request. Idempotent."""
    assert viewer.id is not None
    user = await _other(session, viewer, username)
    await _remove_follow(session, follower_id=viewer.id, followee_id=user.id)
    if await repository.delete_edge(session, FollowRequest, requester_id=viewer.id, target_id=user.id):
        await notifications.follow_requested(session, actor_id=viewer.id, target_id=user.id, pending=False)
    return await _relationship_with(session, viewer, user)


async def remove_follower(session: AsyncSession, *, viewer: Viewer, username: str) -> Relationship:
    """Take someone off your followers (without blocking them)."""
    assert viewer.id is not None
    user = await _other(session, viewer, username)
    await _remove_follow(session, follower_id=user.id, followee_id=viewer.id)
    return await _relationship_with(session, viewer, user)


async def _add_follow(session: AsyncSession, *, follower_id: int, followee_id: int) -> None:
    if await repository.insert_edge(
        session, Follow, utcnow(), follower_id=follower_id, followee_id=followee_id
    ):
        await accounts.add_to_counters(session, user_id=follower_id, following_count=1)
        await accounts.add_to_counters(session, user_id=followee_id, follower_count=1)
        await notifications.followed(session, actor_id=follower_id, followee_id=followee_id, following=True)
        marks.mark_on_commit(session, marks.reader(follower_id))  # their kept feed pages
        # The follower's timeline gets the account's recent notes (a job of the feed package).
        enqueue_job(
            session, "feed.follow_started", follower_id=str(follower_id), followee_id=str(followee_id)
        )


async def _remove_follow(session: AsyncSession, *, follower_id: int, followee_id: int) -> None:
    if await repository.delete_edge(session, Follow, follower_id=follower_id, followee_id=followee_id):
        await accounts.add_to_counters(session, user_id=follower_id, following_count=-1)
        await accounts.add_to_counters(session, user_id=followee_id, follower_count=-1)
        await notifications.followed(session, actor_id=follower_id, followee_id=followee_id, following=False)
        marks.mark_on_commit(session, marks.reader(follower_id))


# --- follow requests ---------------------------------------------------------------------


@dataclass(frozen=True)
class PersonPage:
    """A page of people, newest first, and where the next page starts."""

    user_ids: list[int]
    next_before: tuple[datetime, int] | None


async def list_requests(
    session: AsyncSession, *, viewer: Viewer, before: tuple[datetime, int] | None = None, limit: int = 20
) -> PersonPage:
    """People waiting for the viewer to approve their follow request."""
    assert viewer.id is not None
    rows = await repository.pending_requests(session, target_id=viewer.id, before=before, limit=limit + 1)
    return _page(rows, limit)


async def answer_request(
    session: AsyncSession, *, viewer: Viewer, username: str, approve: bool
) -> Relationship:
    """Approve (they now follow you) or decline someone's request."""
    assert viewer.id is not None
    user = await accounts.get_user_by_username(session, username=username)
    await repository.lock_pair(session, viewer.id, user.id)
    if not await repository.delete_edge(session, FollowRequest, requester_id=user.id, target_id=viewer.id):
        raise NotFound(N_("There is no follow request from this person."), reason="no_request")
    approved = approve and not user.is_suspended
    if approved:
        await _add_follow(session, follower_id=user.id, followee_id=viewer.id)
    await notifications.request_answered(session, owner_id=viewer.id, requester_id=user.id, approved=approved)
    return await _relationship_with(session, viewer, user)


# --- blocking and muting -----------------------------------------------------------------


async def block(session: AsyncSession, *, viewer: Viewer, username: str) -> Relationship:
    """Block: follows both ways and pending requests end. Idempotent."""
    assert viewer.id is not None
    user = await accounts.get_user_by_username(session, username=username)
    if user.id == viewer.id:
        raise Invalid(N_("You cannot do this to yourself."), reason="self")
    await repository.lock_pair(session, viewer.id, user.id)
    await repository.insert_edge(session, Block, utcnow(), blocker_id=viewer.id, blocked_id=user.id)
    await _remove_follow(session, follower_id=viewer.id, followee_id=user.id)
    await _remove_follow(session, follower_id=user.id, followee_id=viewer.id)
    await repository.delete_edge(session, FollowRequest, requester_id=viewer.id, target_id=user.id)
    await repository.delete_edge(session, FollowRequest, requester_id=user.id, target_id=viewer.id)
    await notifications.forget_between(session, blocker_id=viewer.id, blocked_id=user.id)
    marks.mark_on_commit(session, marks.reader(viewer.id), marks.reader(user.id))
    return await _relationship_with(session, viewer, user)


async def unblock(session: AsyncSession, *, viewer: Viewer, username: str) -> Relationship:
    assert viewer.id is not None
    user = await accounts.get_user_by_username(session, username=username)
    await repository.delete_edge(session, Block, blocker_id=viewer.id, blocked_id=user.id)
    marks.mark_on_commit(session, marks.reader(viewer.id), marks.reader(user.id))
    return await _relationship_with(session, viewer, user)


async def mute(session: AsyncSession, *, viewer: Viewer, username: str, muted: bool) -> Relationship:
    assert viewer.id is not None
    user = await _other(session, viewer, username)
    if muted:
        await repository.insert_edge(session, Mute, utcnow(), muter_id=viewer.id, muted_id=user.id)
    else:
        await repository.delete_edge(session, Mute, muter_id=viewer.id, muted_id=user.id)
    marks.mark_on_commit(session, marks.reader(viewer.id))
    return await _relationship_with(session, viewer, user)


# --- reading the graph -------------------------------------------------------------------


async def get_profile(session: AsyncSession, *, viewer: Viewer, username: str) -> accounts.Profile:
    """A profile as the viewer may see it: in full if public, their own or followed. To
    someone it blocks, an account does not exist (404); to someone who blocks it, it
    shows only its header, with the way to unblock."""
    user = await accounts.get_user_by_username(session, username=username)
    relation = await relationship(session, viewer=viewer, user_id=user.id)
    blocking = relation.has(Relation.BLOCKING)
    if relation.has(Relation.BLOCKED_BY) and not blocking and not viewer.is_admin:
        raise NotFound(NO_SUCH_USER)
    return await accounts.get_profile(
        session,
        username=username,
        viewer_id=viewer.id,
        viewer_is_admin=viewer.is_admin,
        follower=relation.has(Relation.FOLLOWING),
        header_only=blocking,
    )


async def blocked_between(session: AsyncSession, *, viewer: Viewer, user_id: int) -> bool:
    """Whether the viewer and this person block each other (either way)."""
    if viewer.id is None or viewer.id == user_id:
        return False
    return await repository.blocked_between(session, viewer.id, user_id)


async def list_people(
    session: AsyncSession,
    *,
    viewer: Viewer,
    username: str,
    direction: str,
    before: tuple[datetime, int] | None = None,
    limit: int = 20,
) -> PersonPage:
    """Someone's followers or the accounts they follow. A private account's lists are for
    itself and its followers; someone blocked either way gets 404, as for the profile."""
    user = await accounts.get_user_by_username(session, username=username)
    is_self = viewer.id == user.id
    if (user.is_suspended and not (is_self or viewer.is_admin)) or await blocked_between(
        session, viewer=viewer, user_id=user.id
    ):
        raise NotFound(NO_SUCH_USER)
    if user.is_private and not (is_self or viewer.is_admin):
        following = viewer.id is not None and await repository.edge_exists(
            session, Follow, follower_id=viewer.id, followee_id=user.id
        )
        if not following:
            raise Forbidden(
                N_("This account is private. Follow it to see who it follows and who follows it."),
                reason="private",
            )
    rows = await repository.people_page(
        session, user_id=user.id, direction=direction, viewer_id=viewer.id, before=before, limit=limit + 1
    )
    return _page(rows, limit)


async def list_blocked_or_muted(
    session: AsyncSession,
    *,
    viewer: Viewer,
    muted: bool,
    before: tuple[datetime, int] | None = None,
    limit: int = 20,
) -> PersonPage:
    """The people the viewer blocks (or mutes), most recent first: their settings list."""
    assert viewer.id is not None
    model, owner, other = (Mute, "muter_id", "muted_id") if muted else (Block, "blocker_id", "blocked_id")
    rows = await repository.edges_page(
        session, model, owner=owner, other=other, owner_id=viewer.id, before=before, limit=limit + 1
    )
    return _page(rows, limit)


async def following_among(session: AsyncSession, *, viewer: Viewer, user_ids: list[int]) -> set[int]:
    """Which of these people the viewer follows."""
    if viewer.id is None:
        return set()
    return await repository.following_among(session, viewer.id, user_ids)


async def blocked_among(session: AsyncSession, *, viewer: Viewer, user_ids: list[int]) -> set[int]:
    """Which of these people the viewer blocks or is blocked by."""
    if viewer.id is None:
        return set()
    return await repository.blocked_among(session, viewer.id, user_ids)


def _page(rows: list[tuple[int, datetime]], limit: int) -> PersonPage:
    more = len(rows) > limit
    rows = rows[:limit]
    return PersonPage(
        user_ids=[user_id for user_id, _ in rows],
        next_before=(rows[-1][1], rows[-1][0]) if more and rows else None,
    )

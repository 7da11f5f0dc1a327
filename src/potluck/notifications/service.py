"""Notifications use cases: what people are told, grouped as on Xiaohongshu and Instagram.

The domains that act (notes, boards, comments, social) call the functions under
"emission" in the same transaction as the action; this module never imports them
(``accounts <- notifications <- social, notes, boards, comments``). Rules:

- Nobody is told about their own actions, and nothing passes between two people who
  block each other, either way (checked when it happens; a later block takes each out of
  the other's groups, :func:`forget_between`).
- Likes, collects, likes of a comment, new followers and follow requests are grouped:
  one row per (recipient, kind, subject) with an exact ``actor_count``. Undoing takes the
  actor out again; doing it again counts once.
- Comments, replies, mentions and accepted requests are one row per event.
- Every change to a recipient's unread notifications publishes their new unread counts on
  their user channel after commit (``notifications.unread``), so badges update live.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import service as accounts
from potluck.kit.time import utcnow
from potluck.kit.viewer import Viewer
from potluck.notifications import repository
from potluck.notifications.models import GROUP_OF_KIND, KINDS_OF_GROUP, Group, Kind, Notification
from potluck.realtime import publish_on_commit, user_channel

UNREAD_EVENT = "notifications.unread"
SNIPPET_LENGTH = 120
ACTORS_SHOWN = 3
# Mirrors notes.models.Visibility (kept as plain values: notifications does not import notes).
PRIVATE_VISIBILITY = "private"
FOLLOWERS_VISIBILITY = "followers"


def snippet_of(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SNIPPET_LENGTH else text[: SNIPPET_LENGTH - 1] + "…"


def _day(now: datetime) -> int:
    """Followers and follow requests are grouped per UTC day."""
    return now.date().toordinal()


# --- emission ----------------------------------------------------------------------------


async def _tell(
    session: AsyncSession,
    *,
    recipient_id: int,
    actor_id: int,
    kind: Kind,
    subject_id: int,
    note_id: int | None = None,
    comment_id: int | None = None,
    snippet: str = "",
) -> bool:
    """Add the actor to the recipient's group; True if the recipient has something new."""
    if recipient_id == actor_id or await repository.blocked_between(session, actor_id, recipient_id):
        return False
    now = utcnow()
    group_id = await repository.ensure_group(
        session,
        recipient_id=recipient_id,
        kind=kind,
        subject_id=subject_id,
        note_id=note_id,
        comment_id=comment_id,
        snippet=snippet_of(snippet),
        now=now,
    )
    if not await repository.add_actor(session, group_id, actor_id, now):
        return False
    await _publish_unread(session, recipient_id)
    return True


async def _untell(
    session: AsyncSession,
    *,
    actor_id: int,
    kinds: Sequence[Kind],
    recipient_id: int | None = None,
    subject_ids: Sequence[int] | None = None,
) -> None:
    groups = await repository.remove_actor(
        session, kinds=kinds, actor_id=actor_id, recipient_id=recipient_id, subject_ids=subject_ids
    )
    for recipient in await repository.recipients_of(session, groups):
        await _publish_unread(session, recipient)


async def _toggle(
    session: AsyncSession,
    on: bool,
    *,
    recipient_id: int,
    actor_id: int,
    kind: Kind,
    subject_id: int,
    by_subject: bool = True,
    note_id: int | None = None,
    comment_id: int | None = None,
    snippet: str = "",
) -> None:
    """Tell the recipient (``on``), or take the actor back out of the group they were
    told in. ``by_subject=False`` for kinds grouped by day (follows): undoing one removes
    the actor whatever day they were told on."""
    if on:
        await _tell(
            session,
            recipient_id=recipient_id,
            actor_id=actor_id,
            kind=kind,
            subject_id=subject_id,
            note_id=note_id,
            comment_id=comment_id,
            snippet=snippet,
        )
    else:
        await _untell(
            session,
            actor_id=actor_id,
            kinds=[kind],
            recipient_id=recipient_id,
            subject_ids=[subject_id] if by_subject else None,
        )


async def note_liked(
    session: AsyncSession, *, actor_id: int, note_id: int, author_id: int, liked: bool
) -> None:
    """``actor_id`` liked (or stopped liking) the note of ``author_id``."""
    await _toggle(
        session, liked, recipient_id=author_id, actor_id=actor_id, kind=Kind.NOTE_LIKE,
        subject_id=note_id, note_id=note_id,
    )  # fmt: skip


async def note_collected(
    session: AsyncSession, *, actor_id: int, note_id: int, author_id: int, collected: bool
) -> None:
    await _toggle(
        session, collected, recipient_id=author_id, actor_id=actor_id, kind=Kind.NOTE_COLLECT,
        subject_id=note_id, note_id=note_id,
    )  # fmt: skip


async def collects_removed(session: AsyncSession, *, actor_id: int, note_ids: Sequence[int]) -> None:
    """A deleted board took these notes out of ``actor_id``'s collection."""
    if note_ids:
        await _untell(session, actor_id=actor_id, kinds=[Kind.NOTE_COLLECT], subject_ids=note_ids)


async def comment_liked(
    session: AsyncSession,
    *,
    actor_id: int,
    comment_id: int,
    note_id: int,
    author_id: int,
    body: str,
    liked: bool,
) -> None:
    """``actor_id`` liked (or stopped liking) a comment of ``author_id``."""
    await _toggle(
        session, liked, recipient_id=author_id, actor_id=actor_id, kind=Kind.COMMENT_LIKE,
        subject_id=comment_id, note_id=note_id, comment_id=comment_id, snippet=body,
    )  # fmt: skip


async def comment_added(
    session: AsyncSession,
    *,
    actor_id: int,
    comment_id: int,
    note_id: int,
    note_author_id: int,
    reply_to_user_id: int | None,
    body: str,
    mentioned_usernames: Sequence[str],
    visibility: str,
) -> None:
    """A new comment: the person it replies to hears of a reply, the note's author of a
    comment (unless they are the one replied to), and people it mentions of a mention
    (unless already told one of the above, or not allowed to read the note, whose
    ``visibility`` is given)."""
    told: set[int] = {actor_id}
    if reply_to_user_id is not None:
        await _tell(
            session,
            recipient_id=reply_to_user_id,
            actor_id=actor_id,
            kind=Kind.COMMENT_REPLY,
            subject_id=comment_id,
            note_id=note_id,
            comment_id=comment_id,
            snippet=body,
        )
        told.add(reply_to_user_id)
    if note_author_id not in told:
        await _tell(
            session,
            recipient_id=note_author_id,
            actor_id=actor_id,
            kind=Kind.NOTE_COMMENT,
            subject_id=comment_id,
            note_id=note_id,
            comment_id=comment_id,
            snippet=body,
        )
        told.add(note_author_id)
    if mentioned_usernames:
        people = await accounts.find_by_usernames(session, usernames=list(mentioned_usernames))
        readers = await _may_read(
            session, author_id=note_author_id, visibility=visibility, user_ids=[p.id for p in people.values()]
        )
        for user_id in readers:
            if user_id not in told:
                await _tell(
                    session,
                    recipient_id=user_id,
                    actor_id=actor_id,
                    kind=Kind.COMMENT_MENTION,
                    subject_id=comment_id,
                    note_id=note_id,
                    comment_id=comment_id,
                    snippet=body,
                )


async def _may_read(
    session: AsyncSession, *, author_id: int, visibility: str, user_ids: Sequence[int]
) -> list[int]:
    """Those of ``user_ids`` who may read a note of this visibility (blocks are checked
    when each is told): everyone for public notes, the author's followers for
    followers-only notes, the author alone for "only me" notes."""
    if visibility == PRIVATE_VISIBILITY:
        return [user_id for user_id in user_ids if user_id == author_id]
    if visibility == FOLLOWERS_VISIBILITY:
        followers = await repository.followers_among(session, author_id, user_ids)
        return [user_id for user_id in user_ids if user_id in followers or user_id == author_id]
    return list(user_ids)


async def note_mentions(
    session: AsyncSession,
    *,
    author_id: int,
    note_id: int,
    title: str,
    visibility: str,
    mentioned_ids: Sequence[int],
) -> None:
    """People mentioned in a published note hear of it once (publishing or editing again
    tells only the newly mentioned), if they may read it: not for "only me" notes, and
    for followers-only notes only the author's followers."""
    for user_id in await _may_read(
        session, author_id=author_id, visibility=visibility, user_ids=mentioned_ids
    ):
        await _tell(
            session,
            recipient_id=user_id,
            actor_id=author_id,
            kind=Kind.NOTE_MENTION,
            subject_id=note_id,
            note_id=note_id,
            snippet=title,
        )


async def followed(session: AsyncSession, *, actor_id: int, followee_id: int, following: bool) -> None:
    """``actor_id`` started (or stopped) following ``followee_id``."""
    await _toggle(
        session, following, recipient_id=followee_id, actor_id=actor_id, kind=Kind.FOLLOW,
        subject_id=_day(utcnow()), by_subject=False,
    )  # fmt: skip


async def follow_requested(session: AsyncSession, *, actor_id: int, target_id: int, pending: bool) -> None:
    """``actor_id`` asked to follow ``target_id``'s private account; ``pending=False`` once
    the request is withdrawn, approved or declined (it leaves the list)."""
    await _toggle(
        session, pending, recipient_id=target_id, actor_id=actor_id, kind=Kind.FOLLOW_REQUEST,
        subject_id=_day(utcnow()), by_subject=False,
    )  # fmt: skip


async def request_answered(
    session: AsyncSession, *, owner_id: int, requester_id: int, approved: bool
) -> None:
    """The owner of a private account answered a request: it leaves their list, and an
    approval tells the requester ("accepted your follow request")."""
    await follow_requested(session, actor_id=requester_id, target_id=owner_id, pending=False)
    if approved:
        await _tell(
            session,
            recipient_id=requester_id,
            actor_id=owner_id,
            kind=Kind.FOLLOW_ACCEPTED,
            subject_id=owner_id,
        )


async def forget_between(session: AsyncSession, *, blocker_id: int, blocked_id: int) -> None:
    """A block: each leaves the other's groups, and counts drop accordingly."""
    if await repository.remove_between(session, blocker_id, blocked_id):
        await _publish_unread(session, blocker_id)
        await _publish_unread(session, blocked_id)


# --- reading -----------------------------------------------------------------------------


@dataclass(frozen=True)
class UnreadCounts:
    total: int
    groups: dict[Group, int]

    def as_json(self) -> dict[str, object]:
        return {"total": self.total, "groups": {str(group): count for group, count in self.groups.items()}}


async def unread_counts(session: AsyncSession, *, viewer: Viewer) -> UnreadCounts:
    assert viewer.id is not None
    return await _unread_counts(session, viewer.id)


async def _unread_counts(session: AsyncSession, recipient_id: int) -> UnreadCounts:
    by_kind = await repository.unread_by_kind(session, recipient_id)
    groups = dict.fromkeys(Group, 0)
    for kind, count in by_kind.items():
        groups[GROUP_OF_KIND[Kind(kind)]] += count
    return UnreadCounts(total=sum(groups.values()), groups=groups)


async def _publish_unread(session: AsyncSession, recipient_id: int) -> None:
    counts = await _unread_counts(session, recipient_id)
    publish_on_commit(session, user_channel(recipient_id), UNREAD_EVENT, counts.as_json())


@dataclass(frozen=True)
class NotificationItem:
    notification: Notification
    actor_ids: list[int]  # the newest few, shown by name


@dataclass(frozen=True)
class NotificationPage:
    items: list[NotificationItem]
    next_before: tuple[datetime, int] | None


async def list_notifications(
    session: AsyncSession,
    *,
    viewer: Viewer,
    group: Group | None = None,
    before: tuple[datetime, int] | None = None,
    limit: int = 20,
) -> NotificationPage:
    """A page of the viewer's notifications, most recently active first. Groups whose
    every remaining actor is suspended or blocked are left out of the page."""
    assert viewer.id is not None
    kinds = KINDS_OF_GROUP[group] if group is not None else None
    rows = await repository.page(session, recipient_id=viewer.id, kinds=kinds, before=before, limit=limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    actors = await repository.latest_actors(
        session, recipient_id=viewer.id, notification_ids=[row.id for row in rows], per_group=ACTORS_SHOWN
    )
    return NotificationPage(
        items=[NotificationItem(row, actors[row.id]) for row in rows if actors.get(row.id)],
        next_before=(rows[-1].updated_at, rows[-1].id) if more and rows else None,
    )


async def mark_read(
    session: AsyncSession,
    *,
    viewer: Viewer,
    group: Group | None = None,
    ids: Sequence[int] | None = None,
    up_to: tuple[datetime, int] | None = None,
) -> UnreadCounts:
    """Mark the viewer's notifications read (all, one tab's, some, or those at and below a
    list position); the new unread counts, also sent live to the viewer's other devices."""
    assert viewer.id is not None
    kinds = KINDS_OF_GROUP[group] if group is not None else None
    changed = await repository.mark_read(session, recipient_id=viewer.id, kinds=kinds, ids=ids, up_to=up_to)
    counts = await _unread_counts(session, viewer.id)
    if changed:
        publish_on_commit(session, user_channel(viewer.id), UNREAD_EVENT, counts.as_json())
    return counts

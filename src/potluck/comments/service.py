"""Comments use cases: comment, reply, like, pin, delete, and read threads.

Two levels as on Xiaohongshu: top-level comments, and replies listed under them. A reply
to a reply joins the same thread and names the person it answers. Top-level comments come
newest first with the pinned one on top; each shows its first replies and how many more.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import service as accounts
from potluck.accounts.service import UserSummary
from potluck.comments import repository
from potluck.comments.models import Comment
from potluck.kit.errors import Forbidden, Invalid, NotFound
from potluck.kit.i18n import N_
from potluck.kit.language import detect_language
from potluck.kit.time import utcnow
from potluck.kit.viewer import Viewer
from potluck.notes import policy as note_policy
from potluck.notes import service as notes
from potluck.notes import text as note_text
from potluck.notes.cache import forget_note
from potluck.notes.models import Note
from potluck.notifications import service as notifications
from potluck.ratelimit import rate_limiter

MAX_BODY = 500
REPLIES_SHOWN = 2
TOO_MANY_COMMENTS = N_("You are commenting very fast. Please wait a little and try again.")


@dataclass(frozen=True)
class CommentView:
    comment: Comment
    author: UserSummary
    reply_to: UserSummary | None
    liked: bool
    pinned: bool
    replies: list[CommentView]


@dataclass(frozen=True)
class CommentPage:
    items: list[CommentView]
    next_before: int | None


def _check_body(body: str) -> str:
    body = note_policy.clean_text(body)
    if not body:
        raise Invalid(N_("Write something first."), field="body", reason="empty")
    return note_policy.within(
        body, limit=MAX_BODY, field="body", message=N_("Keep comments to %(count)d characters.")
    )


async def _comment_on_readable_note(
    session: AsyncSession, *, comment_id: int, viewer: Viewer
) -> tuple[Comment, Note]:
    comment = await repository.get(session, comment_id)
    if comment is None:
        raise NotFound(N_("This comment does not exist."), reason="not_found")
    note = await notes.get_readable_note(session, note_id=comment.note_id, viewer=viewer)
    return comment, note


async def readable_comment(session: AsyncSession, *, comment_id: int, viewer: Viewer) -> Comment:
    """The comment if the viewer may read it (its note readable, nobody blocked); 404 otherwise."""
    comment = await repository.get_visible(session, comment_id, viewer.id)
    if comment is None:
        raise NotFound(N_("This comment does not exist."), reason="not_found")
    await notes.get_readable_note(session, note_id=comment.note_id, viewer=viewer)
    return comment


async def readable_comments(
    session: AsyncSession, *, comment_ids: list[int], viewer: Viewer
) -> list[Comment]:
    """Those of the comments the viewer may read, by ID; the others are left out."""
    found = await repository.visible_among(session, comment_ids, viewer.id)
    readable_notes: dict[int, bool] = {}
    for note_id in {comment.note_id for comment in found}:
        try:
            await notes.get_readable_note(session, note_id=note_id, viewer=viewer)
            readable_notes[note_id] = True
        except NotFound:
            readable_notes[note_id] = False
    return [comment for comment in found if readable_notes[comment.note_id]]


async def add_comment(
    session: AsyncSession, *, note_id: int, viewer: Viewer, body: str, reply_to: int | None = None
) -> Comment:
    assert viewer.id is not None
    clean = _check_body(body)
    note = await notes.get_readable_note(session, note_id=note_id, viewer=viewer)
    await rate_limiter(session).hit("comment", str(viewer.id), message=TOO_MANY_COMMENTS)
    thread_id = reply_to_user_id = None
    if reply_to is not None:
        parent = await repository.get(session, reply_to)
        if parent is None or parent.note_id != note.id:
            raise Invalid(
                N_("The comment you are replying to no longer exists."), field="reply_to", reason="not_found"
            )
        thread_id = parent.thread_id or parent.id
        reply_to_user_id = parent.author_id
    comment = Comment(
        note_id=note.id,
        author_id=viewer.id,
        thread_id=thread_id,
        reply_to_id=reply_to,
        reply_to_user_id=reply_to_user_id,
        body=clean,
        language=detect_language(clean),
    )
    session.add(comment)
    await session.flush()
    if thread_id is not None:
        await repository.add_to_counters(session, thread_id, reply_count=1)
    await notes.add_to_counters(session, note=note, comment_count=1)
    await notifications.comment_added(
        session,
        actor_id=viewer.id,
        comment_id=comment.id,
        note_id=note.id,
        note_author_id=note.author_id,
        reply_to_user_id=reply_to_user_id,
        body=clean,
        mentioned_usernames=note_text.mentions_in(clean),
        visibility=note.visibility,
    )
    return comment


async def delete_comment(session: AsyncSession, *, comment_id: int, viewer: Viewer) -> None:
    """Commenters delete their own; the note's author (and admins) any on the note. A
    top-level comment takes its replies with it."""
    comment, note = await _comment_on_readable_note(session, comment_id=comment_id, viewer=viewer)
    if not (viewer.is_user(comment.author_id) or viewer.is_user(note.author_id) or viewer.is_admin):
        raise Forbidden(N_("You can only delete your own comments."), reason="not_author")
    removed = 1
    if comment.thread_id is None:
        removed += comment.reply_count
        if note.pinned_comment_id == comment.id:
            await notes.pin_comment(session, note=note, comment_id=None)
    else:
        await repository.add_to_counters(session, comment.thread_id, reply_count=-1)
    await repository.delete_comment(session, comment.id)
    await notes.add_to_counters(session, note=note, comment_count=-removed)
    forget_note(session, note.id, note.author_id)


async def like_comment(session: AsyncSession, *, comment_id: int, viewer: Viewer, liked: bool) -> Comment:
    assert viewer.id is not None
    comment, _ = await _comment_on_readable_note(session, comment_id=comment_id, viewer=viewer)
    await rate_limiter(session).hit("react", str(viewer.id), message=notes.TOO_MANY_REACTIONS)
    if liked:
        changed = await repository.insert_like(session, viewer.id, comment.id, utcnow())
    else:
        changed = await repository.delete_like(session, viewer.id, comment.id)
    if changed:
        await repository.add_to_counters(session, comment.id, like_count=1 if liked else -1)
        await notifications.comment_liked(
            session,
            actor_id=viewer.id,
            comment_id=comment.id,
            note_id=comment.note_id,
            author_id=comment.author_id,
            body=comment.body,
            liked=liked,
        )
    await session.refresh(comment, ["like_count", "reply_count"])
    return comment


async def pin_comment(session: AsyncSession, *, note_id: int, comment_id: int | None, viewer: Viewer) -> Note:
    """The note's author pins one top-level comment (or none); pinning another replaces it."""
    note = await notes.get_readable_note(session, note_id=note_id, viewer=viewer)
    if not viewer.is_user(note.author_id):
        raise Forbidden(N_("Only the note's author can pin a comment."), reason="not_author")
    if comment_id is not None:
        comment = await repository.get(session, comment_id)
        if comment is None or comment.note_id != note.id:
            raise NotFound(N_("This comment does not exist."), reason="not_found")
        if comment.thread_id is not None:
            raise Invalid(N_("Only top-level comments can be pinned."), field="comment_id", reason="reply")
    await notes.pin_comment(session, note=note, comment_id=comment_id)
    return note


async def list_comments(
    session: AsyncSession, *, note_id: int, viewer: Viewer, before: int | None = None, limit: int = 20
) -> CommentPage:
    """A page of top-level comments (pinned first on the first page) with their first
    replies, in a fixed number of queries."""
    note = await notes.get_readable_note(session, note_id=note_id, viewer=viewer)
    return await comment_page(session, note=note, viewer=viewer, before=before, limit=limit)


async def comment_page(
    session: AsyncSession, *, note: Note, viewer: Viewer, before: int | None, limit: int
) -> CommentPage:
    """Like :func:`list_comments` for a note the caller has already checked."""
    pinned_id = note.pinned_comment_id
    top = await repository.list_top_level(
        session, note.id, viewer_id=viewer.id, before=before, limit=limit + 1, exclude=pinned_id
    )
    has_more = len(top) > limit
    top = top[:limit]
    if before is None and pinned_id is not None:
        pinned = await repository.get_visible(session, pinned_id, viewer.id)
        if pinned is not None:
            top.insert(0, pinned)
    replies = await repository.first_replies(session, [c.id for c in top], REPLIES_SHOWN, viewer.id)
    views = await _views(session, top, replies, viewer=viewer, pinned_id=pinned_id)
    next_before = min(c.id for c in top if c.id != pinned_id) if has_more else None
    return CommentPage(items=views, next_before=next_before)


async def list_replies(
    session: AsyncSession, *, comment_id: int, viewer: Viewer, after: int | None = None, limit: int = 20
) -> CommentPage:
    """More replies of a thread ("load more"), oldest first after ``after``."""
    thread, _ = await _comment_on_readable_note(session, comment_id=comment_id, viewer=viewer)
    if thread.thread_id is not None:
        raise Invalid(N_("Replies are listed under top-level comments."), reason="reply")
    replies = await repository.list_replies(
        session, thread.id, viewer_id=viewer.id, after=after, limit=limit + 1
    )
    has_more = len(replies) > limit
    replies = replies[:limit]
    views = await _views(session, replies, {}, viewer=viewer, pinned_id=None)
    return CommentPage(items=views, next_before=replies[-1].id if has_more and replies else None)


async def _views(
    session: AsyncSession,
    top: list[Comment],
    replies: dict[int, list[Comment]],
    *,
    viewer: Viewer,
    pinned_id: int | None,
) -> list[CommentView]:
    everyone = top + [reply for thread in replies.values() for reply in thread]
    people = await accounts.summaries(
        session,
        user_ids=[c.author_id for c in everyone]
        + [c.reply_to_user_id for c in everyone if c.reply_to_user_id],
    )
    liked = await repository.liked_among(session, viewer.id, [c.id for c in everyone])

    def view(comment: Comment, thread_replies: list[CommentView]) -> CommentView | None:
        author = people.get(comment.author_id)
        if author is None:
            return None
        return CommentView(
            comment=comment,
            author=author,
            reply_to=people.get(comment.reply_to_user_id) if comment.reply_to_user_id else None,
            liked=comment.id in liked,
            pinned=comment.id == pinned_id,
            replies=thread_replies,
        )

    result = []
    for comment in top:
        thread = [v for reply in replies.get(comment.id, []) if (v := view(reply, [])) is not None]
        shown = view(comment, thread)
        if shown is not None:
            result.append(shown)
    return result


async def comment_views(
    session: AsyncSession, *, comments: list[Comment], viewer: Viewer
) -> list[CommentView]:
    """Comments as shown (author, whom they answer, the viewer's like), without replies."""
    note_ids = {comment.note_id for comment in comments}
    pinned: int | None = None
    if len(note_ids) == 1:
        note = await notes.get_readable_note(session, note_id=note_ids.pop(), viewer=viewer)
        pinned = note.pinned_comment_id
    return await _views(session, comments, {}, viewer=viewer, pinned_id=pinned)

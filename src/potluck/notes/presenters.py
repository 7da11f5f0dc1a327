"""Turning notes, cards, comments and boards into API bodies (shared by JSON routes)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from potluck.accounts.avatars import avatar_url
from potluck.accounts.service import UserSummary
from potluck.boards.service import BoardSummary
from potluck.comments.service import CommentPage, CommentView
from potluck.kit.errors import Invalid
from potluck.kit.i18n import N_
from potluck.media.routes import media_out
from potluck.notes import geo
from potluck.notes.models import Note
from potluck.notes.schemas import (
    Author,
    BoardOut,
    CardOut,
    CommentOut,
    CommentPageOut,
    Counts,
    Mention,
    NoteOut,
    Position,
    ViewerState,
)
from potluck.notes.service import NoteCard, NoteDetail

if TYPE_CHECKING:
    from potluck.runtime import Runtime

Gettext = Callable[[str], str]
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def note_url(note_id: int) -> str:
    return f"/notes/{note_id}"


def board_url(board_id: int) -> str:
    return f"/boards/{board_id}"


def author_of(person: UserSummary) -> Author:
    return Author(
        id=person.id,
        username=person.username,
        display_name=person.display_name,
        avatar_url=avatar_url(person.avatar_key),
    )


def counts_of(note: Note) -> Counts:
    return Counts(
        likes=note.like_count, collects=note.collect_count, comments=note.comment_count, views=note.view_count
    )


def position_of(note: Note) -> Position | None:
    """The note's grid cell (``notes.geo``), the only position that ever leaves the server."""
    if note.grid_lat is None or note.grid_lon is None:
        return None
    cell = geo.Cell(note.grid_lat, note.grid_lon)
    return Position(latitude=cell.latitude, longitude=cell.longitude)


def note_out(
    detail: NoteDetail,
    runtime: Runtime,
    gettext: Gettext,
    *,
    board_id: int | None = None,
    comments: CommentPage | None = None,
) -> NoteOut:
    note = detail.note
    return NoteOut(
        id=note.id,
        type=note.type,
        title=note.title,
        body=note.body,
        language=note.language,
        hashtags=detail.hashtags,
        mentions=[Mention(id=person.id, username=person.username) for person in detail.mentions],
        location=note.location,
        position=position_of(note),
        category=note.category,
        visibility=note.visibility,
        draft=note.is_draft,
        author=author_of(detail.author),
        media=[media_out(media, runtime, gettext) for media in detail.media],
        counts=counts_of(note),
        viewer=ViewerState(liked=detail.liked, collected=board_id is not None, board_id=board_id),
        pinned_comment_id=note.pinned_comment_id,
        published_at=note.published_at,
        edited_at=note.edited_at,
        created_at=note.created_at,
        url=note_url(note.id),
        comments=comment_page_out(comments) if comments is not None else None,
    )


def card_out(card: NoteCard, runtime: Runtime, gettext: Gettext) -> CardOut:
    note = card.note
    return CardOut(
        id=note.id,
        type=note.type,
        title=note.title,
        language=note.language,
        cover=media_out(card.cover, runtime, gettext) if card.cover is not None else None,
        author=author_of(card.author),
        likes=note.like_count,
        liked=card.liked,
        draft=note.is_draft,
        url=note_url(note.id),
    )


def comment_out(view: CommentView) -> CommentOut:
    comment = view.comment
    return CommentOut(
        id=comment.id,
        author=author_of(view.author),
        body=comment.body,
        language=comment.language,
        reply_to=author_of(view.reply_to) if view.reply_to is not None else None,
        likes=comment.like_count,
        liked=view.liked,
        pinned=view.pinned,
        reply_count=comment.reply_count,
        replies=[comment_out(reply) for reply in view.replies],
        created_at=comment.created_at,
    )


def comment_page_out(page: CommentPage) -> CommentPageOut:
    return CommentPageOut(
        items=[comment_out(view) for view in page.items],
        next_cursor=str(page.next_before) if page.next_before is not None else None,
    )


def board_out(summary: BoardSummary, owner: UserSummary, runtime: Runtime, gettext: Gettext) -> BoardOut:
    board = summary.board
    return BoardOut(
        id=board.id,
        owner=author_of(owner),
        name=gettext(board.name) if board.is_default else board.name,
        description=board.description,
        is_private=board.is_private,
        is_default=board.is_default,
        note_count=summary.note_count,
        covers=[card_out(card, runtime, gettext) for card in summary.covers],
        created_at=board.created_at,
        url=board_url(board.id),
    )


# --- cursors -----------------------------------------------------------------------------


def id_cursor(cursor: str | None) -> int | None:
    """Lists ordered by (time-ordered) ID page with the last ID seen."""
    if cursor is None or cursor == "":
        return None
    if not cursor.isdigit() or len(cursor) > 19:
        raise Invalid(N_("This page link is not valid."), field="cursor", reason="invalid_cursor")
    return int(cursor)


def time_cursor(cursor: str | None) -> datetime | None:
    """Lists ordered by when something happened page with that moment in microseconds."""
    micros = id_cursor(cursor)
    if micros is None:
        return None
    try:
        return EPOCH + timedelta(microseconds=micros)
    except OverflowError as error:
        raise Invalid(N_("This page link is not valid."), field="cursor", reason="invalid_cursor") from error


def to_time_cursor(moment: datetime) -> str:
    return str((moment - EPOCH) // timedelta(microseconds=1))


def moment_id_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    """Lists ordered by a moment and then by ID (notes by publication) page with both:
    ``<microseconds>-<id>``, since several notes may share a moment."""
    if cursor is None or cursor == "":
        return None
    micros, _, note_id = cursor.partition("-")
    moment = time_cursor(micros)
    if moment is None or not note_id:
        raise Invalid(N_("This page link is not valid."), field="cursor", reason="invalid_cursor")
    return moment, int(id_cursor(note_id) or 0)


def to_moment_id_cursor(moment: datetime, item_id: int) -> str:
    return f"{to_time_cursor(moment)}-{item_id}"

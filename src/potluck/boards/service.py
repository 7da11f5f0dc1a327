"""Boards use cases: collect notes into boards (收藏), make, rename and delete boards.

A person collects a note into exactly one of their boards: the default board unless they
pick another; collecting it again into another board moves it. The note's collect count
counts people, and moves only when a collect row is really added or removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.boards import repository
from potluck.boards.models import Board
from potluck.kit.errors import Conflict, Forbidden, Invalid, NotFound
from potluck.kit.i18n import N_
from potluck.kit.time import utcnow
from potluck.kit.viewer import Viewer
from potluck.notes import policy as note_policy
from potluck.notes import service as notes
from potluck.notes.models import Note
from potluck.notes.service import NoteCard
from potluck.notifications import service as notifications
from potluck.ratelimit import rate_limiter

DEFAULT_BOARD_NAME = N_("Collected")  # stored in English, shown translated
MAX_NAME = 20
MAX_DESCRIPTION = 200
MAX_BOARDS = 200
COVER_NOTES = 3


@dataclass(frozen=True)
class BoardSummary:
    board: Board
    note_count: int
    covers: list[NoteCard]


def _check_name(name: str) -> str:
    name = note_policy.one_line(name)
    if not name:
        raise Invalid(N_("Give the board a name."), field="name", reason="empty")
    return note_policy.within(
        name, limit=MAX_NAME, field="name", message=N_("Keep the board name to %(count)d characters.")
    )


def _check_description(description: str) -> str:
    return note_policy.within(
        note_policy.clean_text(description),
        limit=MAX_DESCRIPTION,
        field="description",
        message=N_("Keep the description to %(count)d characters."),
    )


def can_see(board: Board, viewer: Viewer) -> bool:
    """The one rule for seeing a board: public boards to all, private to their owner."""
    return not board.is_private or viewer.is_user(board.owner_id)


async def get_visible_board(session: AsyncSession, *, board_id: int, viewer: Viewer) -> Board:
    board = await repository.get(session, board_id)
    if board is None or not can_see(board, viewer):
        raise NotFound(N_("This board does not exist or is private."), reason="not_found")
    return board


async def _own_board(session: AsyncSession, *, board_id: int, viewer: Viewer) -> Board:
    board = await get_visible_board(session, board_id=board_id, viewer=viewer)
    if not viewer.is_user(board.owner_id):
        raise Forbidden(N_("Only the owner can change this board."), reason="not_owner")
    return board


async def default_board(session: AsyncSession, *, owner_id: int) -> Board:
    """The person's default board, made on first use (a unique index settles races)."""
    board = await repository.get_default(session, owner_id)
    if board is None:
        await repository.insert_default(session, owner_id, DEFAULT_BOARD_NAME, utcnow())
        board = await repository.get_default(session, owner_id)
    assert board is not None
    return board


async def create_board(
    session: AsyncSession, *, owner_id: int, name: str, description: str = "", is_private: bool = False
) -> Board:
    clean_name = _check_name(name)
    clean_description = _check_description(description)
    if await repository.count_boards(session, owner_id) >= MAX_BOARDS:
        raise Conflict(
            N_("You have %(count)d boards, the most there can be."),
            reason="too_many",
            params={"count": MAX_BOARDS},
        )
    await default_board(session, owner_id=owner_id)  # the default always comes first
    board = Board(owner_id=owner_id, name=clean_name, description=clean_description, is_private=is_private)
    session.add(board)
    await session.flush()
    return board


async def update_board(
    session: AsyncSession,
    *,
    board_id: int,
    viewer: Viewer,
    name: str | None = None,
    description: str | None = None,
    is_private: bool | None = None,
) -> Board:
    board = await _own_board(session, board_id=board_id, viewer=viewer)
    if name is not None:
        board.name = _check_name(name)
    if description is not None:
        board.description = _check_description(description)
    if is_private is not None:
        board.is_private = is_private
    await session.flush()
    return board


async def delete_board(session: AsyncSession, *, board_id: int, viewer: Viewer) -> None:
    """Delete a board and un-collect its notes (the default board cannot be deleted)."""
    board = await _own_board(session, board_id=board_id, viewer=viewer)
    if board.is_default:
        raise Conflict(N_("The default board cannot be deleted."), reason="default_board")
    note_ids = await repository.delete_board_collects(session, board.id)
    await notes.remove_collects(session, note_ids=note_ids)
    await notifications.collects_removed(session, actor_id=board.owner_id, note_ids=note_ids)
    await repository.delete_board(session, board.id)


async def list_boards(session: AsyncSession, *, owner_id: int, viewer: Viewer) -> list[BoardSummary]:
    """A person's boards as the viewer may see them, with counts and up to three covers."""
    boards = await repository.list_for_owner(session, owner_id, include_private=viewer.is_user(owner_id))
    board_ids = [board.id for board in boards]
    counts = await repository.note_counts(session, board_ids)
    latest = await repository.latest_note_ids(session, board_ids, COVER_NOTES)
    all_ids = [note_id for ids in latest.values() for note_id in ids]
    cards = {
        card.note.id: card for card in await notes.cards_by_ids(session, note_ids=all_ids, viewer=viewer)
    }
    return [
        BoardSummary(
            board=board,
            note_count=counts.get(board.id, 0),
            covers=[cards[note_id] for note_id in latest[board.id] if note_id in cards],
        )
        for board in boards
    ]


async def board_notes(
    session: AsyncSession, *, board_id: int, viewer: Viewer, before: datetime | None, limit: int
) -> tuple[Board, list[tuple[NoteCard, datetime]]]:
    """A board's notes, most recently collected first; notes the viewer may not see are left out.

    A full page has ``limit`` notes: collects of hidden notes are skipped over, so a short
    page means the board has no more (callers page on the last note's collect time).
    """
    board = await get_visible_board(session, board_id=board_id, viewer=viewer)
    page: list[tuple[NoteCard, datetime]] = []
    while len(page) < limit:
        rows = await repository.list_board_note_ids(session, board.id, before=before, limit=limit)
        collected_at = dict(rows)
        cards = await notes.cards_by_ids(session, note_ids=[note_id for note_id, _ in rows], viewer=viewer)
        page += [(card, collected_at[card.note.id]) for card in cards]
        if len(rows) < limit:
            break
        before = rows[-1][1]
    return board, page[:limit]


async def collect_note(
    session: AsyncSession, *, note_id: int, viewer: Viewer, board_id: int | None = None
) -> tuple[Note, Board]:
    """Keep a note in a board (the default one unless given); again into another board moves it."""
    assert viewer.id is not None
    note = await notes.get_readable_note(session, note_id=note_id, viewer=viewer)
    await rate_limiter(session).hit("react", str(viewer.id), message=notes.TOO_MANY_REACTIONS)
    if board_id is None:
        board = await default_board(session, owner_id=viewer.id)
    else:
        board = await _own_board(session, board_id=board_id, viewer=viewer)
    added = await repository.insert_collect(
        session, user_id=viewer.id, note_id=note.id, board_id=board.id, now=utcnow()
    )
    if added:
        await notes.add_to_counters(session, note=note, collect_count=1)
        await notifications.note_collected(
            session, actor_id=viewer.id, note_id=note.id, author_id=note.author_id, collected=True
        )
    else:
        await repository.move_collect(session, user_id=viewer.id, note_id=note.id, board_id=board.id)
    await session.refresh(note, ["like_count", "collect_count", "comment_count", "view_count"])
    return note, board


async def uncollect_note(session: AsyncSession, *, note_id: int, viewer: Viewer) -> Note:
    assert viewer.id is not None
    note = await notes.get_readable_note(session, note_id=note_id, viewer=viewer)
    if await repository.delete_collect(session, user_id=viewer.id, note_id=note.id):
        await notes.add_to_counters(session, note=note, collect_count=-1)
        await notifications.note_collected(
            session, actor_id=viewer.id, note_id=note.id, author_id=note.author_id, collected=False
        )
    await session.refresh(note, ["like_count", "collect_count", "comment_count", "view_count"])
    return note


async def collected_boards(session: AsyncSession, *, viewer: Viewer, note_ids: list[int]) -> dict[int, int]:
    """Where the viewer keeps each of these notes (note ID -> board ID)."""
    if viewer.id is None:
        return {}
    return await repository.collected_board(session, user_id=viewer.id, note_ids=note_ids)

"""Profile pages (``/@name``): a person's notes, boards and likes in tabs, their drafts
for themselves; and the cards and board tiles that every grid draws (home, boards).

The page lives here rather than in accounts because it lists notes and boards: accounts
imports no domain built on it.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.auth import optional_user, request_viewer, viewer_of
from potluck.accounts.avatars import avatar_url
from potluck.accounts.service import Profile
from potluck.boards import service as boards
from potluck.boards.service import BoardSummary
from potluck.notes import service
from potluck.notes.models import NoteType
from potluck.notes.pages import is_htmx
from potluck.notes.presenters import id_cursor, time_cursor, to_time_cursor
from potluck.notes.service import NoteCard
from potluck.runtime import Runtime
from potluck.social import service as social
from potluck.social.schemas import relationship_out
from potluck.web.deps import DbSession, runtime_of
from potluck.web.i18n import gettext_for, locale_from_scope
from potluck.web.templating import render

router = APIRouter(include_in_schema=False)

CARDS_PER_PAGE = 20
PROFILE_TABS = ("notes", "collected", "liked")
# Placeholder colours (``.cover-*`` classes) for cards whose cover is not ready yet.
COVER_COLOURS = ("coral", "peach", "sky", "lilac", "rose", "sand", "mint", "amber", "teal")


# --- cards and board tiles, for every grid ---------------------------------------------------


# A card's cover keeps its picture's shape within 3:4 (tall) and 4:3 (wide), as on
# Xiaohongshu; taller or wider pictures are cropped to that. The placeholder canvas is drawn
# this many pixels wide (the blurhash is blurry at any size; the browser stretches it).
PLACEHOLDER_WIDTH = 32
MIN_SHAPE, MAX_SHAPE = 3 / 4, 4 / 3  # height / width


def cover_shape(width: int, height: int) -> tuple[int, int]:
    """The placeholder's size in pixels: ``PLACEHOLDER_WIDTH`` wide, with the cover's
    height-to-width shape clamped to 3:4..4:3. It gives the card its height before the
    picture arrives, so cards never jump, and grids can be laid out at once."""
    shape = min(MAX_SHAPE, max(MIN_SHAPE, height / width)) if width > 0 and height > 0 else MAX_SHAPE
    return PLACEHOLDER_WIDTH, round(PLACEHOLDER_WIDTH * shape)


def card_view(card: NoteCard, runtime: Runtime, *, editable_drafts: bool = False) -> dict[str, Any]:
    """A note card as ``components/_note_card.html`` draws it."""
    note, author, cover = card.note, card.author, card.cover
    grid = cover.variants.get("grid") if cover is not None and cover.status == "ready" else None
    title = note.title or note.body.split("\n", 1)[0][:40]
    view: dict[str, Any] = {
        "id": str(note.id),
        "title": title,
        "author": author.display_name,
        "author_initial": author.display_name[:1].upper(),
        "author_url": f"/@{author.username}",
        "author_avatar_url": avatar_url(author.avatar_key),
        "avatar": author.id % 6 + 1,
        "likes": note.like_count,
        "liked": card.liked,
        "cover": COVER_COLOURS[note.id % len(COVER_COLOURS)],
        "ratio": "3x4",
        "emoji": None,
        "image_url": None,
        "image_width": None,
        "image_height": None,
        "placeholder": None,
        "blurhash": None,
        "color": cover.dominant_color if cover is not None else None,
        "url": f"/notes/{note.id}/edit" if note.is_draft and editable_drafts else f"/notes/{note.id}",
        "draft": note.is_draft,
        "video": note.type == NoteType.VIDEO,
    }
    if grid is not None:
        view.update(
            image_url=runtime.storage.url(grid["key"]),
            image_width=grid["width"],
            image_height=grid["height"],
            placeholder=cover_shape(grid["width"], grid["height"]),
            blurhash=cover.blurhash if cover is not None else None,
            ratio=None,
        )
    return view


def card_views(
    cards: list[NoteCard], runtime: Runtime, *, editable_drafts: bool = False
) -> list[dict[str, Any]]:
    return [card_view(card, runtime, editable_drafts=editable_drafts) for card in cards]


def board_tile(summary: BoardSummary, runtime: Runtime, gettext: Any) -> dict[str, Any]:
    """A board as a tile on the Collected tab: its name, count and up to three covers."""
    board = summary.board
    covers = [card_view(card, runtime) for card in summary.covers]
    return {
        "id": board.id,
        "name": gettext(board.name) if board.is_default else board.name,
        "is_private": board.is_private,
        "is_default": board.is_default,
        "note_count": summary.note_count,
        "covers": [cover for cover in covers if cover["image_url"]],
        "url": f"/boards/{board.id}",
    }


# --- the profile page ------------------------------------------------------------------------


async def _profile_tab(
    request: Request, session: AsyncSession, profile: Profile, tab: str, cursor: str | None
) -> dict[str, Any]:
    """The cards (or boards) of one tab, with the link to the next page of it."""
    viewer, runtime = request_viewer(request), runtime_of(request)
    if tab == "collected":
        summaries = await boards.list_boards(session, owner_id=profile.id, viewer=viewer)
        return {
            "boards": [
                board_tile(summary, runtime, gettext_for(locale_from_scope(request.scope)))
                for summary in summaries
            ]
        }
    if tab == "liked":
        rows = await service.list_liked_notes(
            session, user_id=profile.id, viewer=viewer, before=time_cursor(cursor), limit=CARDS_PER_PAGE
        )
        next_cursor = to_time_cursor(rows[-1][1]) if len(rows) == CARDS_PER_PAGE else None
        return {"cards": card_views([card for card, _ in rows], runtime), "next_cursor": next_cursor}
    cards = await service.list_author_notes(
        session,
        author_id=profile.id,
        viewer=viewer,
        drafts=tab == "drafts",
        before=id_cursor(cursor),
        limit=CARDS_PER_PAGE,
    )
    next_cursor = str(cards[-1].note.id) if len(cards) == CARDS_PER_PAGE else None
    return {"cards": card_views(cards, runtime, editable_drafts=True), "next_cursor": next_cursor}


@router.get("/@{username}")
async def profile_page(
    username: str, request: Request, session: DbSession, tab: str = "notes", cursor: str | None = None
) -> Response:
    """A person's page: the header with counts, then their notes, boards and likes (and,
    for themselves, their drafts)."""
    viewer = optional_user(request)
    profile = await social.get_profile(session, viewer=viewer_of(viewer), username=username)
    is_self = viewer is not None and viewer.id == profile.id
    tabs = PROFILE_TABS + (("drafts",) if is_self else ())
    tab = tab if tab in tabs else "notes"
    content = await _profile_tab(request, session, profile, tab, cursor) if profile.full else {}
    relation = None
    if viewer is not None and not is_self:
        relationship = await social.relationship(session, viewer=viewer_of(viewer), user_id=profile.id)
        relation = relationship_out(profile.username, relationship)
    context = {
        "profile": profile,
        "relation": relation,
        "avatar_url": avatar_url(profile.avatar_key),
        "is_self": is_self,
        "can_moderate": viewer is not None and viewer.is_admin and not is_self,
        "is_suspended": profile.is_suspended,
        "nav_active": "me" if is_self else "",
        "tabs": tabs,
        "tab": tab,
        "tab_url": f"/@{profile.username}?tab={tab}",
        **content,
    }
    if cursor and is_htmx(request):
        return render(request, "notes/_card_page.html", context)
    return render(request, "accounts/profile.html", context)

"""The rules of notes: lengths, photo counts, categories, and who may see what."""

from __future__ import annotations

import unicodedata

from potluck.kit.errors import Forbidden, Invalid, NotFound
from potluck.kit.i18n import N_
from potluck.kit.viewer import Viewer
from potluck.notes.models import Category, Note, NoteType, Visibility

MAX_TITLE = 20  # characters, as on Xiaohongshu
MAX_BODY = 1000
MAX_LOCATION = 60
MAX_PHOTOS = 18


def clean_text(value: str) -> str:
    """NFC, trimmed, without control characters other than line breaks and tabs."""
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(c for c in value if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cs"))
    return value.strip()


def within(value: str, *, limit: int, field: str, message: str) -> str:
    """``value`` if it has at most ``limit`` characters; else 422 ``too_long`` with ``message``
    (an ``N_`` string taking ``%(count)d``)."""
    if len(value) > limit:
        raise Invalid(message, field=field, reason="too_long", params={"count": limit})
    return value


def one_line(value: str) -> str:
    """Cleaned, with every run of whitespace (line breaks included) made one space."""
    return " ".join(clean_text(value).split())


def check_title(title: str) -> str:
    return within(
        one_line(title), limit=MAX_TITLE, field="title", message=N_("Keep the title to %(count)d characters.")
    )


def check_body(body: str) -> str:
    return within(
        clean_text(body), limit=MAX_BODY, field="body", message=N_("Keep the text to %(count)d characters.")
    )


def check_location(location: str) -> str:
    return within(
        one_line(location),
        limit=MAX_LOCATION,
        field="location",
        message=N_("Keep the place name to %(count)d characters."),
    )


def check_choice(value: str, choices: type[Category] | type[Visibility] | type[NoteType], field: str) -> str:
    if value not in {choice.value for choice in choices}:
        raise Invalid(
            N_("Choose one of: %(choices)s."),
            field=field,
            reason="invalid_choice",
            params={"choices": ", ".join(choice.value for choice in choices)},
        )
    return value


def check_media_count(note_type: str, count: int, *, draft: bool) -> None:
    """Photo notes hold 1 to 18 photos, video notes one video; drafts may be empty."""
    if count == 0 and draft:
        return
    if note_type == NoteType.IMAGE and not 1 <= count <= MAX_PHOTOS:
        raise Invalid(
            N_("A photo note has 1 to %(count)d photos."),
            field="media_ids",
            reason="photo_count",
            params={"count": MAX_PHOTOS},
        )
    if note_type == NoteType.VIDEO and count != 1:
        raise Invalid(N_("A video note has exactly one video."), field="media_ids", reason="video_count")


def check_publishable(title: str, body: str) -> None:
    if not title and not body:
        raise Invalid(N_("Give your note a title or some text."), field="title", reason="empty")


# --- who may see and change a note --------------------------------------------------------


def can_read(
    note: Note,
    viewer: Viewer,
    *,
    author_suspended: bool = False,
    following: bool = False,
    blocked: bool = False,
) -> bool:
    """The one rule for reading a note; repositories mirror it in SQL (``readable``).

    Authors see everything of theirs, drafts included. Others see published notes that are
    public, or for followers when they follow the author, unless either blocks the other;
    admins may read any published note, for moderation. Suspended authors' notes are hidden.
    ``following`` and ``blocked`` describe the viewer and the author.
    """
    if viewer.is_user(note.author_id):
        return True
    if note.published_at is None:
        return False
    if viewer.is_admin:
        return True
    if author_suspended or blocked:
        return False
    return note.visibility == Visibility.PUBLIC or (note.visibility == Visibility.FOLLOWERS and following)


def readable_or_404(
    note: Note | None,
    viewer: Viewer,
    *,
    author_suspended: bool = False,
    following: bool = False,
    blocked: bool = False,
) -> Note:
    """Hidden notes are reported missing, so their existence does not leak."""
    if note is None or not can_read(
        note, viewer, author_suspended=author_suspended, following=following, blocked=blocked
    ):
        raise NotFound(N_("This note does not exist or is not visible to you."), reason="not_found")
    return note


def check_author(note: Note, viewer: Viewer) -> None:
    if not viewer.is_user(note.author_id):
        raise Forbidden(N_("Only the author can change this note."), reason="not_author")


def check_can_delete(note: Note, viewer: Viewer) -> None:
    if not (viewer.is_user(note.author_id) or viewer.is_admin):
        raise Forbidden(N_("Only the author can delete this note."), reason="not_author")

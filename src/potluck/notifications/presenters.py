"""Turning notifications into what people read: names, note covers and one sentence.

The read side composes other domains (notes for titles and covers, accounts for names),
so it lives here, above the service, which knows none of them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from babel.support import Translations
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import service as accounts
from potluck.accounts.avatars import avatar_url
from potluck.kit.errors import Invalid
from potluck.kit.i18n import N_
from potluck.kit.viewer import Viewer
from potluck.notes import service as notes
from potluck.notifications.models import GROUP_OF_KIND, Kind
from potluck.notifications.schemas import ActorOut, CommentRef, NoteRef, NotificationOut, NotificationPage
from potluck.notifications.service import NotificationPage as Page

if TYPE_CHECKING:
    from potluck.runtime import Runtime

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_ID = 2**63
INVALID_CURSOR = N_("This page link is not valid.")


def parse_cursor(cursor: str | None) -> tuple[datetime, int] | None:
    """Pages start before (when the group last changed, its ID): ``<micros>-<id>``."""
    if cursor is None or cursor == "":
        return None
    micros, _, notification_id = cursor.partition("-")
    well_formed = micros.isdigit() and notification_id.isdigit() and len(micros) <= 18
    if well_formed and len(notification_id) <= 19 and int(notification_id) < MAX_ID:
        try:
            return EPOCH + timedelta(microseconds=int(micros)), int(notification_id)
        except OverflowError:
            pass  # past the year 9999
    raise Invalid(INVALID_CURSOR, field="cursor", reason="invalid_cursor")


def to_cursor(position: tuple[datetime, int] | None) -> str | None:
    if position is None:
        return None
    moment, notification_id = position
    return f"{(moment - EPOCH) // timedelta(microseconds=1)}-{notification_id}"


def sentence(translations: Translations, kind: Kind, name: str, others: int) -> str:
    """ "Mia liked your note", "Mia and 23 others liked your note", in the reader's language."""
    _ = translations.gettext
    ngettext = translations.ngettext
    values = {"name": name, "count": others}
    if others:
        grouped = {
            Kind.NOTE_LIKE: ngettext(
                "%(name)s and %(count)d other liked your note",
                "%(name)s and %(count)d others liked your note",
                others,
            ),
            Kind.NOTE_COLLECT: ngettext(
                "%(name)s and %(count)d other collected your note",
                "%(name)s and %(count)d others collected your note",
                others,
            ),
            Kind.COMMENT_LIKE: ngettext(
                "%(name)s and %(count)d other liked your comment",
                "%(name)s and %(count)d others liked your comment",
                others,
            ),
            Kind.FOLLOW: ngettext(
                "%(name)s and %(count)d other started following you",
                "%(name)s and %(count)d others started following you",
                others,
            ),
            Kind.FOLLOW_REQUEST: ngettext(
                "%(name)s and %(count)d other asked to follow you",
                "%(name)s and %(count)d others asked to follow you",
                others,
            ),
        }
        if kind in grouped:
            return grouped[kind] % values
    single = {
        Kind.NOTE_LIKE: _("%(name)s liked your note"),
        Kind.NOTE_COLLECT: _("%(name)s collected your note"),
        Kind.COMMENT_LIKE: _("%(name)s liked your comment"),
        Kind.FOLLOW: _("%(name)s started following you"),
        Kind.FOLLOW_REQUEST: _("%(name)s asked to follow you"),
        Kind.NOTE_COMMENT: _("%(name)s commented on your note"),
        Kind.COMMENT_REPLY: _("%(name)s replied to your comment"),
        Kind.NOTE_MENTION: _("%(name)s mentioned you in a note"),
        Kind.COMMENT_MENTION: _("%(name)s mentioned you in a comment"),
        Kind.FOLLOW_ACCEPTED: _("%(name)s accepted your follow request"),
    }
    return single[kind] % values


async def page_out(
    session: AsyncSession,
    *,
    page: Page,
    viewer: Viewer,
    runtime: Runtime,
    translations: Translations,
) -> NotificationPage:
    """The API body of a page. Notes the viewer can no longer read are left out."""
    items = page.items
    people = await accounts.summaries(session, user_ids=[actor for item in items for actor in item.actor_ids])
    note_ids = sorted({item.notification.note_id for item in items if item.notification.note_id})
    cards = {
        card.note.id: card for card in await notes.cards_by_ids(session, note_ids=note_ids, viewer=viewer)
    }
    result = []
    for item in items:
        row = item.notification
        actors = [people[actor] for actor in item.actor_ids if actor in people]
        if not actors:
            continue
        note = None
        if row.note_id is not None:
            card = cards.get(row.note_id)
            if card is None:
                continue  # deleted, or no longer visible to the recipient
            note = NoteRef(
                id=card.note.id,
                title=card.note.title,
                cover_url=_cover_url(card, runtime),
                url=f"/notes/{card.note.id}",
            )
        kind = Kind(row.kind)
        first = actors[0]
        result.append(
            NotificationOut(
                id=row.id,
                kind=kind,
                group=GROUP_OF_KIND[kind],
                text=sentence(translations, kind, first.display_name, max(row.actor_count - 1, 0)),
                actors=[
                    ActorOut(
                        id=person.id,
                        username=person.username,
                        display_name=person.display_name,
                        avatar_url=avatar_url(person.avatar_key),
                    )
                    for person in actors
                ],
                actor_count=row.actor_count,
                note=note,
                comment=CommentRef(id=row.comment_id, snippet=row.snippet) if row.comment_id else None,
                read=row.is_read,
                updated_at=row.updated_at,
                url=_url_of(kind, note, row.comment_id, first.username),
            )
        )
    return NotificationPage(items=result, next_cursor=to_cursor(page.next_before))


def _cover_url(card: notes.NoteCard, runtime: Runtime) -> str | None:
    cover = card.cover
    if cover is None or cover.status != "ready":
        return None
    variant = cover.variants.get("grid")
    return runtime.storage.url(variant["key"]) if variant else None


def _url_of(kind: Kind, note: NoteRef | None, comment_id: int | None, username: str) -> str:
    if note is not None:
        return f"{note.url}#comment-{comment_id}" if comment_id else note.url
    if kind is Kind.FOLLOW_REQUEST:
        return "/follow-requests"
    return f"/@{username}"

"""Notes use cases: write, publish, edit and delete notes; like them; read them with
everything a page shows (photos, author, topics, mentions, the viewer's like) in a fixed
number of queries however many photos or notes.

Boards and comments build on this module (they import it, never the reverse).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import service as accounts
from potluck.accounts.service import UserSummary
from potluck.cache import marks
from potluck.jobs import enqueue_job
from potluck.kit.errors import Invalid, NotFound, Problems
from potluck.kit.i18n import N_
from potluck.kit.ids import new_id
from potluck.kit.language import detect_language, text_digest
from potluck.kit.time import utcnow
from potluck.kit.viewer import Viewer
from potluck.media import service as media_service
from potluck.media.models import Media
from potluck.notes import geo, policy, repository, text
from potluck.notes.cache import forget_note
from potluck.notes.models import Category, Note, NoteType, Visibility
from potluck.notifications import service as notifications
from potluck.ratelimit import rate_limiter

TOO_MANY_NOTES = N_("You are posting very fast. Please wait a little before publishing again.")
TOO_MANY_REACTIONS = N_("You are reacting very fast. Please slow down a little.")


@dataclass(frozen=True)
class NoteDetail:
    note: Note
    author: UserSummary
    media: list[Media]
    hashtags: list[str]
    mentions: list[UserSummary]
    liked: bool


# --- writing -----------------------------------------------------------------------------


async def create_note(
    session: AsyncSession,
    *,
    author_id: int,
    type: str,  # noqa: A002 - the API's field name
    title: str = "",
    body: str = "",
    media_ids: list[int],
    visibility: str = Visibility.PUBLIC,
    category: str = Category.OTHER,
    location: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    draft: bool = False,
) -> Note:
    """Save a note, published at once unless ``draft``; every rule is checked first.

    A position (``latitude`` and ``longitude``) is kept only as its ``notes.geo`` cell."""
    problems = Problems()
    note_type = problems.check(policy.check_choice, type, NoteType, "type")
    clean_title = problems.check(policy.check_title, title)
    clean_body = problems.check(policy.check_body, body)
    problems.check(policy.check_choice, visibility, Visibility, "visibility")
    problems.check(policy.check_choice, category, Category, "category")
    clean_location = problems.check(policy.check_location, location) or ""
    cell = problems.check(geo.check_position, latitude, longitude)
    if note_type is not None:
        problems.check(policy.check_media_count, note_type, len(media_ids), draft=draft)
    if not draft and clean_title is not None and clean_body is not None:
        problems.check(policy.check_publishable, clean_title, clean_body)
    problems.raise_if_any()
    assert note_type is not None
    assert clean_title is not None
    assert clean_body is not None
    if not draft:
        await rate_limiter(session).hit("note", str(author_id), message=TOO_MANY_NOTES)
    note = Note(
        id=new_id(),
        author_id=author_id,
        type=note_type,
        title=clean_title,
        body=clean_body,
        language=detect_language(clean_title, clean_body),
        visibility=visibility,
        category=category,
        location=clean_location,
        grid_lat=cell.lat if cell is not None else None,
        grid_lon=cell.lon if cell is not None else None,
    )
    session.add(note)
    await session.flush()
    await media_service.claim_for_note(
        session, owner_id=author_id, note_id=note.id, media_ids=media_ids, note_type=note_type
    )
    hashtag_ids = await _link_text(session, note)
    if not draft:
        await _publish(session, note, hashtag_ids)
    return note


def _language(note: Note, title: str | None, body: str | None) -> str:
    """The note's language once its title and text are these (detected again if changed)."""
    title, body = title or "", body or ""
    return note.language if (title, body) == (note.title, note.body) else detect_language(title, body)


async def update_note(
    session: AsyncSession,
    *,
    note_id: int,
    viewer: Viewer,
    title: str | None = None,
    body: str | None = None,
    media_ids: list[int] | None = None,
    visibility: str | None = None,
    category: str | None = None,
    location: str | None = None,
    position: tuple[float | None, float | None] | None = None,
    draft: bool | None = None,
) -> Note:
    """Change what is given (None leaves a field as it is). ``draft=False`` publishes a
    draft; a published note cannot go back to being a draft. Changing the words or photos
    of a published note marks it edited. ``position`` is (latitude, longitude), and
    (None, None) removes it."""
    note = await repository.get_for_update(session, note_id)
    if note is None or not policy.can_read(note, viewer):
        raise NotFound(N_("This note does not exist or is not visible to you."), reason="not_found")
    policy.check_author(note, viewer)
    was_published = not note.is_draft
    if draft and was_published:
        raise Invalid(
            N_("A published note cannot go back to being a draft."), field="draft", reason="published"
        )
    stays_draft = note.is_draft and draft is not False
    problems = Problems()
    new_title = problems.check(policy.check_title, title) if title is not None else note.title
    new_body = problems.check(policy.check_body, body) if body is not None else note.body
    if visibility is not None:
        problems.check(policy.check_choice, visibility, Visibility, "visibility")
    if category is not None:
        problems.check(policy.check_choice, category, Category, "category")
    new_location = problems.check(policy.check_location, location) if location is not None else None
    cell = problems.check(geo.check_position, *position) if position is not None else None
    current_media = [m.id for m in (await media_service.media_of_notes(session, note_ids=[note.id]))[note.id]]
    wanted_media = media_ids if media_ids is not None else current_media
    problems.check(policy.check_media_count, note.type, len(wanted_media), draft=stays_draft)
    if not stays_draft and new_title is not None and new_body is not None:
        # Only when both are valid: a title that is too long is not a missing one.
        problems.check(policy.check_publishable, new_title, new_body)
    problems.raise_if_any()
    changed_words = (new_title, new_body) != (note.title, note.body) or wanted_media != current_media
    _change_words(session, note, new_title, new_body)
    if visibility is not None:
        _change_visibility(session, note, visibility)
    note.category = category if category is not None else note.category
    if new_location is not None:
        note.location = new_location
    if position is not None:
        note.grid_lat = cell.lat if cell is not None else None
        note.grid_lon = cell.lon if cell is not None else None
    if media_ids is not None and media_ids != current_media:
        await media_service.claim_for_note(
            session, owner_id=note.author_id, note_id=note.id, media_ids=media_ids, note_type=note.type
        )
    old_hashtags = await repository.hashtag_ids_of(session, note.id)
    new_hashtags = await _link_text(session, note)
    if was_published:
        await _tell_mentioned(session, note)
        await repository.add_to_hashtag_counts(session, sorted(set(new_hashtags) - set(old_hashtags)), 1)
        await repository.add_to_hashtag_counts(session, sorted(set(old_hashtags) - set(new_hashtags)), -1)
        if changed_words:
            note.edited_at = utcnow()
        enqueue_job(session, "search.index_note", note_id=str(note.id))  # words, visibility, category
    elif not stays_draft:
        await rate_limiter(session).hit("note", str(note.author_id), message=TOO_MANY_NOTES)
        await _publish(session, note, new_hashtags)
    await session.flush()
    forget_note(session, note.id, note.author_id)
    return note


def _change_words(session: AsyncSession, note: Note, title: str | None, body: str | None) -> None:
    """The note's new title and text, and their language; the kept translations of words
    it no longer has go (a job, after commit)."""
    old = [text for text, new in ((note.title, title), (note.body, body)) if text and text != new]
    if old:
        enqueue_job(session, "translation.forget", hashes=[text_digest(text) for text in old])
    note.title, note.body, note.language = title or "", body or "", _language(note, title, body)


def _change_visibility(session: AsyncSession, note: Note, visibility: str) -> None:
    if not note.is_draft and note.visibility == Visibility.PRIVATE and visibility != Visibility.PRIVATE:
        enqueue_job(session, "feed.fan_out", note_id=str(note.id))  # followers see it from now on
    note.visibility = visibility


async def _link_text(session: AsyncSession, note: Note) -> list[int]:
    """Store the topics and mentions found in the note's words; the topics' IDs."""
    words = f"{note.title}\n{note.body}"
    names = {text.topic_key(name): name for name in text.topics_in(words)}
    ids = await repository.ensure_hashtags(session, names)
    hashtag_ids = [ids[key] for key in names if key in ids]
    await repository.replace_hashtags(session, note.id, hashtag_ids)
    mentioned = await accounts.find_by_usernames(session, usernames=text.mentions_in(words))
    await repository.replace_mentions(session, note.id, [user.id for user in mentioned.values()])
    return hashtag_ids


async def _publish(session: AsyncSession, note: Note, hashtag_ids: list[int]) -> None:
    note.published_at = utcnow()
    # Followers' timelines (the feed package's job, named here so notes need not import it).
    enqueue_job(session, "feed.fan_out", note_id=str(note.id))
    enqueue_job(session, "search.index_note", note_id=str(note.id))  # search's job, by name too
    await repository.add_to_hashtag_counts(session, hashtag_ids, 1)
    await accounts.add_to_counters(session, user_id=note.author_id, note_count=1)
    await _tell_mentioned(session, note)


async def _tell_mentioned(session: AsyncSession, note: Note) -> None:
    """People mentioned in a published note hear of it (once each; see notifications)."""
    mentioned = (await repository.mentions_of_notes(session, [note.id]))[note.id]
    await notifications.note_mentions(
        session,
        author_id=note.author_id,
        note_id=note.id,
        title=note.title,
        visibility=note.visibility,
        mentioned_ids=mentioned,
    )


async def delete_note(session: AsyncSession, *, note_id: int, viewer: Viewer) -> None:
    """Delete a note with its likes, collects, comments and topics links; its media files
    are removed by a job after commit. Counters elsewhere are corrected in the same
    transaction."""
    note = await repository.get_for_update(session, note_id)
    if note is None or not policy.can_read(note, viewer):
        raise NotFound(N_("This note does not exist or is not visible to you."), reason="not_found")
    policy.check_can_delete(note, viewer)
    if not note.is_draft:
        await repository.add_to_hashtag_counts(session, await repository.hashtag_ids_of(session, note.id), -1)
        await accounts.add_to_counters(
            session,
            user_id=note.author_id,
            note_count=-1,
            likes_received_count=-(note.like_count + note.collect_count),
        )
    await media_service.release_note_media(session, note_id=note.id)
    await repository.delete_note(session, note.id)
    forget_note(session, note.id, note.author_id)
    session.expunge(note)


# --- reading -----------------------------------------------------------------------------


async def get_readable_note(session: AsyncSession, *, note_id: int, viewer: Viewer) -> Note:
    """The note if the viewer may see it; 404 otherwise (for boards and comments too)."""
    found = await repository.get_with_author_state(session, note_id, viewer.id)
    if found is None:
        return policy.readable_or_404(None, viewer)
    note, author = found
    return policy.readable_or_404(
        note,
        viewer,
        author_suspended=author.suspended,
        following=author.followed_by_viewer,
        blocked=author.blocked,
    )


async def get_counted_note(session: AsyncSession, *, note_id: int, viewer: Viewer) -> Note:
    """The readable note with its counters read afresh: they move by UPDATE statements, so
    a note loaded earlier in the transaction may show old counts."""
    note = await get_readable_note(session, note_id=note_id, viewer=viewer)
    await session.refresh(note, ["like_count", "collect_count", "comment_count", "view_count"])
    return note


async def get_note_detail(session: AsyncSession, *, note_id: int, viewer: Viewer) -> NoteDetail:
    note = await get_readable_note(session, note_id=note_id, viewer=viewer)
    return (await details(session, notes=[note], viewer=viewer))[0]


async def details(session: AsyncSession, *, notes: list[Note], viewer: Viewer) -> list[NoteDetail]:
    """Everything shown with these notes, in five queries whatever their number."""
    note_ids = [note.id for note in notes]
    media = await media_service.media_of_notes(session, note_ids=note_ids)
    hashtags = await repository.hashtags_of_notes(session, note_ids)
    mentions = await repository.mentions_of_notes(session, note_ids)
    people = await accounts.summaries(
        session,
        user_ids=[note.author_id for note in notes] + [uid for ids in mentions.values() for uid in ids],
    )
    liked = await repository.liked_among(session, viewer.id, note_ids)
    return [
        NoteDetail(
            note=note,
            author=people[note.author_id],
            media=media[note.id],
            hashtags=hashtags[note.id],
            mentions=[people[uid] for uid in mentions[note.id] if uid in people],
            liked=note.id in liked,
        )
        for note in notes
    ]


@dataclass(frozen=True)
class NoteCard:
    """A note as a tile in a grid: cover, title, author, likes."""

    note: Note
    author: UserSummary
    cover: Media | None
    liked: bool


async def cards(session: AsyncSession, *, notes: list[Note], viewer: Viewer) -> list[NoteCard]:
    note_ids = [note.id for note in notes]
    covers = await media_service.covers_of_notes(session, note_ids=note_ids)
    people = await accounts.summaries(session, user_ids=[note.author_id for note in notes])
    liked = await repository.liked_among(session, viewer.id, note_ids)
    return [
        NoteCard(note=note, author=people[note.author_id], cover=covers.get(note.id), liked=note.id in liked)
        for note in notes
        if note.author_id in people
    ]


async def cards_by_ids(
    session: AsyncSession, *, note_ids: list[int], viewer: Viewer, followed_unmuted: bool = False
) -> list[NoteCard]:
    """Cards for the readable notes among ``note_ids``, in the given order; with
    ``followed_unmuted``, only notes by people the viewer follows and has not muted."""
    notes = await repository.get_readable_many(session, note_ids, viewer, followed_unmuted=followed_unmuted)
    found = {note.id: note for note in notes}
    return await cards(session, notes=[found[i] for i in note_ids if i in found], viewer=viewer)


async def list_author_notes(
    session: AsyncSession,
    *,
    author_id: int,
    viewer: Viewer,
    drafts: bool = False,
    before: int | None,
    limit: int,
) -> list[NoteCard]:
    notes = await repository.list_by_author(
        session, author_id=author_id, viewer=viewer, drafts=drafts, before=before, limit=limit
    )
    return await cards(session, notes=notes, viewer=viewer)


async def list_liked_notes(
    session: AsyncSession, *, user_id: int, viewer: Viewer, before: datetime | None, limit: int
) -> list[tuple[NoteCard, datetime]]:
    rows = await repository.list_liked(session, user_id=user_id, viewer=viewer, before=before, limit=limit)
    liked_at = {note.id: at for note, at in rows}
    return [
        (card, liked_at[card.note.id])
        for card in await cards(session, notes=[n for n, _ in rows], viewer=viewer)
    ]


async def latest_public_cards(
    session: AsyncSession,
    *,
    viewer: Viewer,
    category: str | None = None,
    limit: int = 40,
    after: tuple[datetime, int] | None = None,
) -> list[NoteCard]:
    """The newest public notes as cards, a page after ``after`` (the ``published_at`` and
    ID of the last card of the previous page): what Explore shows until it is ranked."""
    notes = await repository.list_latest_public(
        session, viewer=viewer, category=category, limit=limit, after=after
    )
    return await cards(session, notes=notes, viewer=viewer)


@dataclass(frozen=True)
class NearbyCard:
    card: NoteCard
    distance: int  # notes.geo.scaled_distance_squared from the viewer's cell
    published_at: datetime


# Nearby looks in growing circles until a page is full: most pages in a town are served
# from the first, small box, and none looks further than the last.
NEARBY_RINGS_KM = (3.0, 12.0, 50.0, 200.0)


async def nearby_cards(
    session: AsyncSession,
    *,
    viewer: Viewer,
    latitude: float,
    longitude: float,
    after: tuple[int, datetime, int] | None,
    limit: int,
) -> list[NearbyCard]:
    """Public notes posted near (``latitude``, ``longitude``), nearest first, then newest,
    up to ``NEARBY_RINGS_KM[-1]`` away. The position is snapped to its grid cell first,
    so nothing finer than the cell is ever used. ``after`` is the last card's
    (distance, published_at, id)."""
    origin = geo.snap(latitude, longitude)
    start_km = geo.km_of(after[0]) if after is not None else 0.0
    rows: list[tuple[Note, int]] = []
    for radius_km in NEARBY_RINGS_KM:
        if radius_km < start_km and radius_km != NEARBY_RINGS_KM[-1]:
            continue
        query = repository.NearbyQuery(
            lat=origin.lat,
            lon=origin.lon,
            lon_scale=origin.lon_scale,
            scale=geo.SCALE,
            box=geo.cells_within(origin, radius_km),
            max_distance=geo.radius_squared(radius_km),
            after=after,
            limit=limit,
        )
        rows = await repository.list_nearby(session, query=query, viewer=viewer)
        if len(rows) >= limit:
            break
    distances = {note.id: distance for note, distance in rows}
    return [
        NearbyCard(
            card=card, distance=distances[card.note.id], published_at=card.note.published_at or utcnow()
        )
        for card in await cards(session, notes=[note for note, _ in rows], viewer=viewer)
    ]


# --- likes and counters ------------------------------------------------------------------


async def like_note(session: AsyncSession, *, note_id: int, viewer: Viewer, liked: bool) -> Note:
    """Like (or unlike) a note. Idempotent: a second like changes nothing. The counters
    move only when the like row was really added or removed, so they stay exact when
    requests race."""
    assert viewer.id is not None
    note = await get_readable_note(session, note_id=note_id, viewer=viewer)
    await rate_limiter(session).hit("react", str(viewer.id), message=TOO_MANY_REACTIONS)
    if liked:
        changed = await repository.insert_like(session, viewer.id, note.id, utcnow())
    else:
        changed = await repository.delete_like(session, viewer.id, note.id)
    if changed:
        delta = 1 if liked else -1
        marks.mark_on_commit(session, marks.reader(viewer.id))  # their kept pages show the heart
        await add_to_counters(session, note=note, like_count=delta)
        await notifications.note_liked(
            session, actor_id=viewer.id, note_id=note.id, author_id=note.author_id, liked=liked
        )
    await session.refresh(note, ["like_count", "collect_count", "comment_count", "view_count"])
    return note


async def add_to_counters(session: AsyncSession, *, note: Note, **deltas: int) -> None:
    """Move a note's counters; likes and collects also count toward its author's profile."""
    await repository.add_to_counters(session, note.id, **deltas)
    received = deltas.get("like_count", 0) + deltas.get("collect_count", 0)
    if received:
        await accounts.add_to_counters(session, user_id=note.author_id, likes_received_count=received)


async def pin_comment(session: AsyncSession, *, note: Note, comment_id: int | None) -> None:
    note.pinned_comment_id = comment_id
    await session.flush()
    forget_note(session, note.id, note.author_id)


async def notes_by_ids(session: AsyncSession, *, note_ids: Sequence[int]) -> list[Note]:
    """These notes as stored, whoever may read them: for jobs that index or count notes
    (what readers are shown is checked when they read)."""
    return await repository.get_many(session, note_ids)


async def note_ids_after(session: AsyncSession, *, after: int, limit: int) -> list[int]:
    """Every note's ID above ``after``, in order, ``limit`` at a time (for rebuilding)."""
    return await repository.ids_after(session, after=after, limit=limit)


async def remove_collects(session: AsyncSession, *, note_ids: list[int]) -> None:
    """Take one collect off each of these notes (a board holding them was deleted)."""
    for note in await repository.get_many(session, note_ids):
        await add_to_counters(session, note=note, collect_count=-1)

"""Carrying out the demo's plan through the services: people, their boards, photos, then
notes with their likes, collects and comments.

Everything goes through the same use cases as the API (counters, topics, mentions and
all), with the rate limits lifted for this process only. Idempotent: a person who already
has notes gets no new ones, and a second run with everything in place only looks and
returns.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import io
import itertools
import logging
import shutil
import tempfile
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts import avatars
from potluck.accounts import service as accounts
from potluck.accounts.models import User
from potluck.boards import service as boards
from potluck.comments import service as comments
from potluck.db.session import unit_of_work
from potluck.demo import content, searches, translations
from potluck.demo.content import DEMO_PASSWORD, DemoUser, places
from potluck.demo.images import PhotoSpec, render_avatar, render_jpeg, seeded
from potluck.demo.plan import SEED, PlannedNote, plan_notes
from potluck.kit.errors import Conflict, NotFound
from potluck.kit.language import text_digest
from potluck.kit.viewer import Viewer
from potluck.media import service as media
from potluck.media.models import MediaStatus
from potluck.media.sniff import MediaFormat
from potluck.media.upload import StagedUpload
from potluck.notes import service as notes
from potluck.runtime import Runtime
from potluck.settings import Settings
from potluck.social import service as social
from potluck.translation import repository as translation_repository
from potluck.translation.service import HUMAN

logger = logging.getLogger(__name__)

# The services' rate limits guard against people; the demo is one process posting for
# thirty-seven, so it lifts them (for this process only: the server reads its own settings).
DEMO_LIMITS = {
    "rate_limit_upload": "1000000/hour",
    "rate_limit_note": "1000000/hour",
    "rate_limit_comment": "1000000/minute",
    "rate_limit_react": "1000000/minute",
    "rate_limit_follow": "1000000/minute",
    "rate_limit_search": "1000000/minute",
}
# Photos painted at once (threads); the pipeline has its own limit.
PAINTERS = 2


@dataclass
class Summary:
    accounts: int = 0
    notes: int = 0
    photos: int = 0
    likes: int = 0
    collects: int = 0
    comments: int = 0
    boards: int = 0
    follows: int = 0

    def describe(self) -> str:
        return (
            f"{self.accounts} new accounts, {self.follows} follows, {self.notes} notes, "
            f"{self.photos} photos, {self.likes} likes, {self.collects} collects, "
            f"{self.comments} comments, {self.boards} boards"
        )


async def load_demo(settings: Settings, *, notes: int | None = None) -> Summary:
    """Create whatever of the demo is missing (all of it on a fresh install)."""
    runtime = Runtime(settings.model_copy(update=DEMO_LIMITS))
    await runtime.start()
    try:
        return await _Loader(runtime, plan_notes(notes)).run()
    finally:
        await runtime.stop()


class _Loader:
    """Carries out a plan: people, their boards, photos, then notes with their reactions."""

    def __init__(self, runtime: Runtime, plan: list[PlannedNote]) -> None:
        self.runtime = runtime
        self.plan = plan
        self.summary = Summary()
        self.ids: dict[str, int] = {}
        self.boards: dict[str, dict[str, int]] = {}  # username -> category -> board ID
        self.photos: dict[PhotoSpec, asyncio.Task[int | None]] = {}  # each photo's processed upload
        self.staged: dict[PhotoSpec, StagedUpload] = {}
        self.claimed: set[PhotoSpec] = set()
        self.serial = itertools.count(1)
        self.painters = asyncio.Semaphore(PAINTERS)
        self.writing = _Turns()
        settings = runtime.settings
        self.limits = media.PipelineLimits(
            max_pixels=settings.max_image_pixels,
            max_video_seconds=settings.max_video_seconds,
            concurrency=settings.media_processing_concurrency,
        )

    @asynccontextmanager
    async def transaction(self, *, urgent: bool = False) -> AsyncIterator[AsyncSession]:
        """One writing transaction at a time in this process (SQLite has one write lock, and
        a dozen tasks polling for it on a busy machine can wait past its timeout). The short
        ones of the photo pipeline go first, so photos never wait behind a note's."""
        writing = unit_of_work(lambda: self.runtime.database.session(writing=True))
        async with self.writing.turn(urgent=urgent), writing as session:
            yield session

    def urgent_transaction(self) -> AbstractAsyncContextManager[AsyncSession]:
        return self.transaction(urgent=True)

    async def run(self) -> Summary:
        existing = await self._existing_users()
        missing = [user for user in content.USERS if user.username not in existing]
        # Whoever already has notes got theirs on an earlier run.
        posted = {name for name, user in existing.items() if user.note_count}
        work = [note for note in self.plan if note.author.username not in posted]
        if not missing and not work:
            return self.summary  # everything is there already
        await self._create_users(missing, existing)
        await self._follow_each_other({user.username for user in missing})
        if not work:
            return self.summary
        await self._ensure_boards()
        staging = Path(tempfile.mkdtemp(prefix="potluck-demo-", dir=self._staging_parent()))
        try:
            # Photos are painted and processed in threads while the notes are written, each
            # note as soon as its photos are ready.
            self._start_photos(work, staging)
            for note in work:
                await self._create_note(note)
        finally:
            for task in self.photos.values():
                task.cancel()
            await asyncio.gather(*self.photos.values(), return_exceptions=True)
            shutil.rmtree(staging, ignore_errors=True)
        await searches.index_everything(self.transaction)
        await searches.search_as_people(self.transaction, [self.ids[user.username] for user in content.USERS])
        return self.summary

    def _staging_parent(self) -> Path | None:
        """Next to the media, so storing an upload is a hard link rather than a copy."""
        parent = self.runtime.settings.var_dir
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return parent

    # people

    async def _existing_users(self) -> dict[str, User]:
        found: dict[str, User] = {}
        async with self.runtime.database.session() as session:
            for user in content.USERS:
                try:
                    found[user.username] = await accounts.get_user_by_username(
                        session, username=user.username
                    )
                except NotFound:
                    continue
        self.ids.update({name: user.id for name, user in found.items()})
        return found

    async def _create_users(self, missing: list[DemoUser], existing: dict[str, User]) -> None:
        async def create(user: DemoUser) -> None:
            try:
                async with self.transaction() as session:
                    created = await accounts.create_user(
                        session,
                        username=user.username,
                        password=DEMO_PASSWORD,
                        display_name=user.display_name,
                        locale=user.locale,
                    )
                    await accounts.update_profile(
                        session,
                        user_id=created.id,
                        bio=user.bio,
                        location=user.location,
                        languages=list(user.languages),
                    )
                self.ids[user.username] = created.id
                self.summary.accounts += 1
            except Conflict:  # made meanwhile by another run: fine
                async with self.runtime.database.session() as session:
                    found = await accounts.get_user_by_username(session, username=user.username)
                self.ids[user.username] = found.id

        # Password hashing (the slow part) runs before each transaction's first query.
        await asyncio.gather(*(create(user) for user in missing))
        faceless = [
            user
            for user in content.USERS
            if user.username not in existing or not existing[user.username].avatar_key
        ]
        pictures = await asyncio.gather(
            *(
                asyncio.to_thread(render_avatar, content.USERS.index(user), user.display_name, user.language)
                for user in faceless
            )
        )
        # One at a time: setting an avatar re-encodes it inside its transaction.
        for user, picture in zip(faceless, pictures, strict=True):
            async with self.transaction() as session:
                await avatars.set_avatar(
                    session,
                    user_id=self.ids[user.username],
                    upload=io.BytesIO(picture),
                    media_dir=self.runtime.settings.resolved_media_dir,
                )

    async def _follow_each_other(self, newcomers: set[str]) -> None:
        """A social graph for the Following feed: ``demo`` follows everyone, and each of the
        others about a third of the crowd (the same choice on every run). Only new people's
        follows are made, so a second run adds nothing."""
        names = [user.username for user in content.USERS]
        async with self.transaction() as session:
            for follower in names:
                for followee in names:
                    if follower == followee or not newcomers & {follower, followee}:
                        continue
                    if follower == "demo" or _picks(follower, followee):
                        await social.follow(session, viewer=self._viewer(follower), username=followee)
                        self.summary.follows += 1

    async def _ensure_boards(self) -> None:
        """Each person's named boards (some private), made once by name."""
        async with self.transaction() as session:
            for user in content.USERS:
                owner = self.ids[user.username]
                viewer = Viewer(id=owner)
                have = {
                    s.board.name: s.board.id
                    for s in await boards.list_boards(session, owner_id=owner, viewer=viewer)
                }
                rng = seeded(f"{SEED}:boards:{user.username}")
                choices = content.BOARDS[user.language]
                chosen = rng.sample(choices, rng.randint(min(2, len(choices)), len(choices)))
                by_category: dict[str, int] = {}
                for name, categories, private in chosen:
                    board_id = have.get(name)
                    if board_id is None:
                        board = await boards.create_board(
                            session, owner_id=owner, name=name, is_private=private
                        )
                        board_id = board.id
                        self.summary.boards += 1
                    by_category.update(dict.fromkeys(categories, board_id))
                self.boards[user.username] = by_category

    # photos

    def _start_photos(self, work: list[PlannedNote], staging: Path) -> None:
        """Paint and process each distinct photo once, in posting order, a few at a time.

        The first note to use a photo owns its upload."""
        for note in work:
            for spec in note.photos:
                if spec not in self.photos:
                    owner = self.ids[note.author.username]
                    self.photos[spec] = asyncio.create_task(self._make_photo(spec, owner, staging))

    async def _make_photo(self, spec: PhotoSpec, owner_id: int, staging: Path) -> int | None:
        async with self.painters:
            data = await asyncio.to_thread(render_jpeg, spec)
        number = next(self.serial)
        path = staging / f"{number}-{spec.scene}.jpg"
        await asyncio.to_thread(path.write_bytes, data)
        staged = StagedUpload(
            path=path,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            format=MediaFormat.JPEG,
            filename=f"IMG_{1000 + number}.jpg",
        )
        self.staged[spec] = staged
        async with self.transaction(urgent=True) as session:
            upload = await media.accept_upload(
                session, owner_id=owner_id, staged=staged, storage=self.runtime.storage
            )
        if upload.status == MediaStatus.PROCESSING:
            try:
                await media.process(
                    self.urgent_transaction,
                    media_id=upload.id,
                    storage=self.runtime.storage,
                    limits=self.limits,
                )
            except Exception:  # one photo short is no reason to stop the demo; its job retries
                logger.exception("demo photo %s: the pipeline failed", spec.scene)
                return None
            async with self.runtime.database.session() as session:
                upload = await media.get_own_media(session, media_id=upload.id, owner_id=owner_id)
        if upload.status != MediaStatus.READY:
            logger.warning("demo photo %s refused: %s", spec.scene, upload.failure_reason)
            return None
        return upload.id

    async def _media_for(
        self, session: AsyncSession, note: PlannedNote, ready: list[int | None]
    ) -> list[int]:
        """The note's photos as its author's uploads. The first note to use a picture owns
        the processed upload; later ones upload the same bytes again, which the pipeline
        recognises and reuses at once."""
        owner = self.ids[note.author.username]
        media_ids = []
        for spec, first in zip(note.photos, ready, strict=True):
            if first is None:
                continue
            if spec not in self.claimed:
                self.claimed.add(spec)
                media_ids.append(first)
                continue
            again = await media.accept_upload(
                session, owner_id=owner, staged=self.staged[spec], storage=self.runtime.storage
            )
            media_ids.append(again.id)
        return media_ids

    # notes and what people do with them

    async def _create_note(self, note: PlannedNote) -> None:
        # Wait for the photos before taking the write lock.
        ready = [await self.photos[spec] for spec in note.photos]
        async with self.transaction() as session:
            media_ids = await self._media_for(session, note, ready)
            if not media_ids:
                return
            position = places.position_in(note.location, f"{note.author.username}:{note.title}")
            created = await notes.create_note(
                session,
                author_id=self.ids[note.author.username],
                type="image",
                title=note.title,
                body=note.body,
                media_ids=media_ids,
                visibility=note.visibility,
                category=note.category,
                location=note.location,
                latitude=position[0] if position else None,
                longitude=position[1] if position else None,
                draft=note.draft,
            )
            await _keep_translations(session, created.language, [
                (note.title, functools.partial(translations.piece, note.title)),
                (note.body, functools.partial(translations.body, note.pieces) if note.pieces else _none),
            ])  # fmt: skip
            await self._react(session, created.id, note)
        self.summary.photos += len(media_ids)
        self.summary.notes += 0 if note.draft else 1

    async def _react(self, session: AsyncSession, note_id: int, note: PlannedNote) -> None:
        for name in note.likers:
            await notes.like_note(session, note_id=note_id, viewer=self._viewer(name), liked=True)
            self.summary.likes += 1
        for name in note.collectors:
            board_id = self.boards.get(name, {}).get(note.category)
            await boards.collect_note(session, note_id=note_id, viewer=self._viewer(name), board_id=board_id)
            self.summary.collects += 1
        for planned in note.comments:
            top = await self._comment(session, note_id, planned.author, planned.body)
            replies: list[int] = []
            for name, body, answers in planned.replies:
                target = replies[answers] if answers is not None else top
                replies.append(await self._comment(session, note_id, name, body, reply_to=target))
            for name in planned.likers:
                await comments.like_comment(session, comment_id=top, viewer=self._viewer(name), liked=True)
        if note.pinned:
            author = Viewer(id=self.ids[note.author.username])
            pinned = await self._comment(session, note_id, note.author.username, note.pinned)
            await comments.pin_comment(session, note_id=note_id, comment_id=pinned, viewer=author)

    async def _comment(
        self, session: AsyncSession, note_id: int, name: str, body: str, reply_to: int | None = None
    ) -> int:
        comment = await comments.add_comment(
            session, note_id=note_id, viewer=self._viewer(name), body=body, reply_to=reply_to
        )
        await _keep_translations(
            session, comment.language, [(body, functools.partial(translations.piece, body))]
        )
        self.summary.comments += 1
        return comment.id

    def _viewer(self, username: str) -> Viewer:
        return Viewer(id=self.ids[username])


def _none(_target: str) -> str | None:
    return None


async def _keep_translations(
    session: AsyncSession, source: str, texts: list[tuple[str, Callable[[str], str | None]]]
) -> None:
    """Keep the people-written translations of a note's or comment's texts (engine
    ``human``), for every target they exist in that is not the text's own language."""
    if source == "und":
        return
    for target in translations.TARGETS:
        if target == source:
            continue
        rows = [(text_digest(text), out) for text, translate in texts if text and (out := translate(target))]
        await translation_repository.keep(session, rows, source=source, target=target, engine=HUMAN)


def _picks(follower: str, followee: str) -> bool:
    return hashlib.sha256(f"{follower}>{followee}".encode()).digest()[0] < 86  # about a third


class _Turns:
    """A lock whose urgent waiters go before the others (FIFO among themselves)."""

    def __init__(self) -> None:
        self._busy = False
        self._urgent_waiting = 0
        self._changed = asyncio.Condition()

    @asynccontextmanager
    async def turn(self, *, urgent: bool) -> AsyncIterator[None]:
        async with self._changed:
            self._urgent_waiting += urgent
            try:
                await self._changed.wait_for(lambda: not self._busy and (urgent or not self._urgent_waiting))
            finally:
                self._urgent_waiting -= urgent
            self._busy = True
        try:
            yield
        finally:
            async with self._changed:
                self._busy = False
                self._changed.notify_all()

"""``potluck demo``: a lively, multilingual site whose counters add up, made once."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.models import User
from potluck.accounts.passwords import verify_password
from potluck.boards.models import Board, Collect
from potluck.comments.models import Comment, CommentLike
from potluck.demo import content as demo_content
from potluck.demo.content import DEMO_PASSWORD
from potluck.demo.images import PORTRAIT
from potluck.demo.loader import load_demo
from potluck.demo.plan import plan_notes
from potluck.jobs.models import JobRecord
from potluck.kit.language import text_digest
from potluck.media import service as media_service
from potluck.media import tasks as media_tasks
from potluck.media.models import Media, MediaStatus
from potluck.migrations.runner import upgrade
from potluck.notes import text
from potluck.notes.models import Category, Hashtag, Note, NoteHashtag, NoteLike, NoteMention
from potluck.notes.policy import MAX_BODY, MAX_TITLE
from potluck.runtime import Runtime
from potluck.search.models import SearchHistory, SearchNote
from potluck.settings import Settings
from potluck.social.models import Follow
from potluck.translation import repository as translation_repository
from tests.conftest import make_settings
from tests.notes.factories import job_context

SMALL_DEMO = 11  # notes: enough for every category, quick enough for the suite


# --- the plan ----------------------------------------------------------------------------


def test_the_full_demo_is_a_crowd_writing_in_many_languages() -> None:
    planned = plan_notes()
    published = [note for note in planned if not note.draft]
    assert len(demo_content.USERS) >= 30
    assert len(published) >= 200
    assert {note.category for note in published} == {category.value for category in Category}
    languages = {user.language for user in demo_content.USERS}
    assert {"zh", "en", "es", "ja", "ko", "fr", "pt"} <= languages
    assert {"demo", "xiaomei", "tiktok_refugee", "chengdu_foodie"} <= {u.username for u in demo_content.USERS}
    usernames = {user.username.casefold() for user in demo_content.USERS}
    assert len({note.title for note in published}) == len(published), "no two notes share a title"
    for note in planned:
        assert len(note.title) <= MAX_TITLE, note.title
        assert len(note.body) <= MAX_BODY, note.title
        assert 1 <= len(note.photos) <= 9
    for note in published:
        assert text.topics_in(note.body), f"{note.title} has topics"
        assert {name.casefold() for name in text.mentions_in(note.body)} <= usernames
    assert sum(bool(text.mentions_in(note.body)) for note in published) >= 20
    covers = [note.photos[0] for note in published]
    assert len(set(covers)) == len(covers), "every note has a cover of its own"
    assert {cover.scene for cover in covers} >= {
        "card",
        "noodles",
        "hotpot",
        "mountains",
        "cat_window",
        "desk",
    }
    assert plan_notes() == planned, "seeded: the same demo every time"


def test_a_small_demo_still_covers_every_category() -> None:
    assert {note.category for note in plan_notes(SMALL_DEMO)} == {category.value for category in Category}


# --- the loader, against a database of its own -------------------------------------------


@pytest.fixture
async def demo_settings(tmp_path: Path) -> Settings:
    url = f"sqlite+aiosqlite:///{tmp_path / 'demo.db'}"
    await upgrade(url)
    return make_settings(tmp_path / "var", url, "")


async def _count(session: AsyncSession, model: Any) -> int:
    return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def _tally(session: AsyncSession, column: Any) -> dict[int, int]:
    rows = await session.execute(select(column, func.count()).group_by(column))
    return {key: count for key, count in rows.all() if key is not None}


async def test_demo_makes_a_lively_site_whose_counts_add_up_and_only_once(demo_settings: Settings) -> None:
    first = await load_demo(demo_settings, notes=SMALL_DEMO)
    assert first.accounts == len(demo_content.USERS)
    assert first.notes == SMALL_DEMO
    assert first.likes > 0
    assert first.collects > 0
    assert first.comments > 0
    assert first.follows > len(demo_content.USERS), "demo follows everyone, and others follow some"

    runtime = Runtime(demo_settings)
    try:
        async with runtime.database.session() as session:
            users = (await session.scalars(select(User))).all()
            assert len({user.locale for user in users}) >= 3, "people use the site in several languages"
            assert sum(1 for user in users if user.avatar_key) == len(users)
            notes = (await session.scalars(select(Note).where(Note.published_at.is_not(None)))).all()
            assert len(notes) == SMALL_DEMO
            assert {note.category for note in notes} == {category.value for category in Category}
            placed = [note for note in notes if note.grid_lat is not None]
            assert placed, "notes that name a city show in Nearby"
            assert all(note.location and note.grid_lon is not None for note in placed)

            # People's translations of every note and comment, kept as the engine "human".
            for note in notes:
                kept = {
                    target
                    for target in ("en", "zh-Hans", "zh-Hant")
                    if len(
                        await translation_repository.kept(
                            session,
                            [text_digest(note.title), text_digest(note.body)],
                            source=note.language,
                            target=target,
                        )
                    )
                    == 2
                }
                expected = {"en", "zh-Hans", "zh-Hant"} - {note.language}
                assert kept >= expected, (note.title, note.language, kept)

            likes = await _tally(session, NoteLike.note_id)
            collects = await _tally(session, Collect.note_id)
            comment_rows = await _tally(session, Comment.note_id)
            for note in notes:
                assert note.like_count == likes.get(note.id, 0), note.title
                assert note.collect_count == collects.get(note.id, 0), note.title
                assert note.comment_count == comment_rows.get(note.id, 0), note.title
            comments = (await session.scalars(select(Comment))).all()
            comment_likes = await _tally(session, CommentLike.comment_id)
            replies = await _tally(session, Comment.thread_id)
            assert replies, "conversations have replies"
            for comment in comments:
                assert comment.like_count == comment_likes.get(comment.id, 0)
                assert comment.reply_count == replies.get(comment.id, 0)
            followers = await _tally(session, Follow.followee_id)
            for user in users:
                assert user.follower_count == followers.get(user.id, 0), user.username
                own = [note for note in notes if note.author_id == user.id]
                assert user.note_count == len(own), user.username
                assert user.likes_received_count == sum(n.like_count + n.collect_count for n in own)
            tagged = await _tally(session, NoteHashtag.hashtag_id)
            for hashtag in (await session.scalars(select(Hashtag))).all():
                assert hashtag.note_count == tagged.get(hashtag.id, 0), hashtag.name

            indexed = set((await session.scalars(select(SearchNote.note_id))).all())
            assert indexed == {note.id for note in notes if note.visibility != "private"}, "findable at once"
            searched = await session.scalar(select(func.count()).select_from(SearchHistory))
            assert searched, "people searched: search has history and trends to show"

            boards = (await session.scalars(select(Board))).all()
            assert any(board.is_private for board in boards)
            assert any(board.is_default for board in boards)
            assert len({c.board_id for c in (await session.scalars(select(Collect))).all()}) > 1

            photos = (await session.scalars(select(Media).where(Media.note_id.is_not(None)))).all()
            assert len(photos) == first.photos
            assert all(photo.status == MediaStatus.READY for photo in photos)
            assert len({photo.variants["detail"]["key"] for photo in photos}) > SMALL_DEMO
            media_dir = demo_settings.resolved_media_dir
            for photo in photos:
                for variant in photo.variants.values():
                    data = (media_dir / variant["key"]).read_bytes()
                    assert data[:4] == b"RIFF"
                    assert data[8:12] == b"WEBP"
                    with Image.open(io.BytesIO(data)) as picture:
                        assert picture.size == (variant["width"], variant["height"])
            assert max(photo.width or 0 for photo in photos) == PORTRAIT[0]

            queued = (
                await session.scalars(select(JobRecord).where(JobRecord.name == media_service.PROCESS_JOB))
            ).all()
            mentions = await _count(session, NoteMention)
            counts = {
                model: await _count(session, model)
                for model in (User, Note, Media, Comment, NoteLike, Follow)
            }

        # The processing jobs the uploads queued find their photo done and leave it alone.
        assert queued
        media_id = int(queued[0].payload["media_id"])
        async with runtime.database.session() as session:
            before = await session.get(Media, media_id)
            assert before is not None
            variants = dict(before.variants)
        await media_tasks.process_media(
            job_context(runtime, media_service.PROCESS_JOB), media_id=str(media_id)
        )
        async with runtime.database.session() as session:
            after = await session.get(Media, media_id)
            assert after is not None
            assert after.status == MediaStatus.READY
            assert after.variants == variants
        async with runtime.database.session() as session:
            host = await session.scalar(select(User).where(User.username == "xiaomei"))
            assert host is not None
            assert await verify_password(host.password_hash, DEMO_PASSWORD)
    finally:
        await runtime.stop()
    assert mentions > 0, "people mention each other"

    second = await load_demo(demo_settings, notes=SMALL_DEMO)
    assert second.describe().startswith("0 new accounts, 0 follows, 0 notes, 0 photos")
    runtime = Runtime(demo_settings)
    try:
        async with runtime.database.session() as session:
            assert {model: await _count(session, model) for model in counts} == counts
    finally:
        await runtime.stop()

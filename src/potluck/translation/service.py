"""Translating notes and comments for their readers.

A reader asks for a note's or comments' words in a language (``target``). Translations
already kept are answered at once; the others are computed by a ``translation.translate``
job (counted against the reader's rate limit) while the reader is told to ask again in a
moment (``pending``). A job that finds no engine able to do it marks the request failed
for a minute: the reader sees "translation unavailable, try again", and trying again
starts a new job. Kept translations are found by the words' digest, the language pair
and the engine; the demo's human translations (engine ``human``) are preferred, then the
engines in their configured order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.cache import cache_of
from potluck.comments import service as comments
from potluck.jobs import enqueue_job
from potluck.kit.errors import Invalid, Unavailable
from potluck.kit.i18n import N_
from potluck.kit.language import text_digest
from potluck.kit.time import utcnow
from potluck.kit.viewer import Viewer
from potluck.notes import service as notes
from potluck.ratelimit import rate_limiter
from potluck.translation import repository
from potluck.translation.engines import Translator, translator_of
from potluck.translation.languages import TARGETS, UNDETERMINED, normalise

HUMAN = "human"  # the demo's translations, written by people
MAX_CHARACTERS = 10_000  # per text; notes and comments are far shorter
MAX_BATCH = 50  # comments per batch request
PENDING_SECONDS = 120.0  # a job not done by then (its worker died) may be asked for again
FAILED_SECONDS = 60.0
KEEP_DAYS = 90  # machine translations older than this are dropped (asked again, made again)
RETRY_AFTER_MS = 800

NO_ENGINE = N_("This site has no translation engine, so it cannot translate.")
UNAVAILABLE = N_("Translation unavailable, try again.")
TOO_MANY = N_("You are translating very fast. Please wait a little and try again.")

Status = Literal["done", "pending"]


@dataclass(frozen=True)
class Outcome:
    status: Status
    source: str
    target: str
    engine: str | None  # the engine that made it (done only)
    engine_label: str | None
    texts: list[str] | None  # one per text asked for, in order (done only)
    # Pending and not yet being computed: the payload of the job to enqueue (start()).
    job: dict[str, Any] | None = None


def check_target(target: str) -> str:
    language = normalise(target)
    if language is None or language not in TARGETS:
        raise Invalid(
            N_("Potluck cannot translate into %(language)s."),
            field="target",
            reason="unsupported_language",
            params={"language": target[:35]},
        )
    return language


async def translate_note(
    session: AsyncSession, *, note_id: int, viewer: Viewer, target: str, visitor: str
) -> Outcome:
    """The note's title and text in ``target`` (``texts`` is [title, text])."""
    note = await notes.get_readable_note(session, note_id=note_id, viewer=viewer)
    return await _translate(
        session, [note.title, note.body], source=note.language, target=target, viewer=viewer, visitor=visitor
    )


async def translate_comment(
    session: AsyncSession, *, comment_id: int, viewer: Viewer, target: str, visitor: str
) -> Outcome:
    comment = await comments.readable_comment(session, comment_id=comment_id, viewer=viewer)
    return await _translate(
        session, [comment.body], source=comment.language, target=target, viewer=viewer, visitor=visitor
    )


@dataclass(frozen=True)
class CommentOutcome:
    comment_id: int
    outcome: Outcome | None  # None: nothing to translate (already in the target, undetermined)
    error: Invalid | Unavailable | None = None


@dataclass(frozen=True)
class CommentBatch:
    items: list[CommentOutcome]
    jobs: list[dict[str, Any]]  # to start(), one per source language


async def translate_comments(
    session: AsyncSession, *, comment_ids: Sequence[int], viewer: Viewer, target: str, visitor: str
) -> CommentBatch:
    """A page of comments at once: one job per source language for all those not kept."""
    if len(comment_ids) > MAX_BATCH:
        raise Invalid(
            N_("Ask for at most %(count)d comments at once."), field="ids", reason="too_many",
            params={"count": MAX_BATCH},
        )  # fmt: skip
    target = check_target(target)
    found = await comments.readable_comments(session, comment_ids=sorted(set(comment_ids)), viewer=viewer)
    results: dict[int, CommentOutcome] = {}
    jobs: list[dict[str, Any]] = []
    by_source: dict[str, list[tuple[int, str]]] = {}
    for comment in found:
        source = await source_of(session, [comment.body], comment.language)
        try:
            check_texts([comment.body], source=source, target=target)
        except Invalid as error:
            results[comment.id] = CommentOutcome(comment.id, None, error)
            continue
        by_source.setdefault(source, []).append((comment.id, comment.body))
    for source, items in by_source.items():
        try:
            outcome = await _translate(
                session,
                [body for _, body in items],
                source=source,
                target=target,
                viewer=viewer,
                visitor=visitor,
            )
        except (Invalid, Unavailable) as error:
            results.update((comment_id, CommentOutcome(comment_id, None, error)) for comment_id, _ in items)
            continue
        if outcome.job is not None:
            jobs.append(outcome.job)
        for index, (comment_id, _) in enumerate(items):
            one = Outcome(
                outcome.status, outcome.source, outcome.target, outcome.engine, outcome.engine_label,
                [outcome.texts[index]] if outcome.texts is not None else None,
            )  # fmt: skip
            results[comment_id] = CommentOutcome(comment_id, one)
    return CommentBatch([results[comment.id] for comment in found if comment.id in results], jobs)


def check_texts(texts: Sequence[str], *, source: str, target: str) -> None:
    """Refuse, with the reason, what cannot be translated: nothing, no words (emoji only),
    an unknown language, the language asked for, or more than 10,000 characters."""
    if not any(text.strip() for text in texts):
        raise Invalid(N_("There is nothing to translate."), reason="empty")
    if source == UNDETERMINED:
        if not any(character.isalpha() for text in texts for character in text):
            raise Invalid(N_("There is nothing to translate."), reason="no_words")
        raise Invalid(
            N_("Potluck cannot tell which language this is written in, so it cannot translate it."),
            reason="unknown_language",
        )
    if source == target:
        raise Invalid(N_("This is already in the language you asked for."), reason="same_language")
    if any(len(text) > MAX_CHARACTERS for text in texts):
        raise Invalid(
            N_("Texts longer than %(count)d characters are not translated."), reason="too_long",
            params={"count": MAX_CHARACTERS},
        )  # fmt: skip


async def source_of(session: AsyncSession, texts: Sequence[str], language: str) -> str:
    """The language to translate from: the one detected when the text was saved, else
    what an engine that detects says (short texts Potluck's detector is unsure of)."""
    if language != UNDETERMINED or not any(character.isalpha() for text in texts for character in text):
        return language
    return await translator_of(session.info).detect("\n".join(texts)) or UNDETERMINED


async def _translate(
    session: AsyncSession, texts: list[str], *, source: str, target: str, viewer: Viewer, visitor: str
) -> Outcome:
    target = check_target(target)
    source = await source_of(session, texts, source)
    check_texts(texts, source=source, target=target)
    translator = translator_of(session.info)
    hashes = [text_digest(text) for text in texts]
    kept = await repository.kept(session, hashes, source=source, target=target)
    done = _assemble(texts, hashes, kept, translator)
    if done is not None:
        engine, translated = done
        return Outcome("done", source, target, engine, _label(translator, engine), translated)
    if not translator.configured:
        raise Unavailable(NO_ENGINE, reason="no_translation_engine")
    if not await translator.supports(source, target):
        raise Invalid(
            N_("This site cannot translate from %(source)s into %(target)s yet."),
            reason="unsupported_pair",
            params={"source": source, "target": target},
        )
    cache = cache_of(session.info).backend  # raw entries: a state is not a cached read
    state_key = _state_key(hashes, source, target)
    state = await cache.get(state_key)
    if state == b"failed":
        await cache.delete(state_key)
        raise Unavailable(UNAVAILABLE, reason="translation_unavailable")
    if state != b"pending":
        key = f"u:{viewer.id}" if viewer.id is not None else f"a:{visitor}"
        await rate_limiter(session).hit("translate", key, message=TOO_MANY)
        await cache.set(state_key, b"pending", ttl=PENDING_SECONDS)
        missing = [
            text for text, digest in zip(texts, hashes, strict=True) if text.strip() and digest not in kept
        ]
        job = {"texts": missing, "source": source, "target": target, "state_key": state_key}
        return Outcome("pending", source, target, None, None, None, job)
    return Outcome("pending", source, target, None, None, None)


def start(session: AsyncSession, job: dict[str, Any]) -> None:
    """Enqueue the job a pending outcome asks for, in a writing session (the request's
    own may be a reading one: kept translations are read without the write lock)."""
    enqueue_job(session, "translation.translate", **job)


def _assemble(
    texts: list[str], hashes: list[str], kept: dict[str, dict[str, str]], translator: Translator
) -> tuple[str, list[str]] | None:
    """Every text's kept translation, by the preferred engine, or None if one is missing."""
    preference = [HUMAN, *(engine.name for engine in translator.engines)]
    translated: list[str] = []
    engines: list[str] = []
    for text, digest in zip(texts, hashes, strict=True):
        if not text.strip():
            translated.append(text)
            continue
        options = kept.get(digest)
        if not options:
            return None
        engine = next((name for name in preference if name in options), min(options))
        engines.append(engine)
        translated.append(options[engine])
    return engines[-1], translated  # the text's engine (the title's may differ: told once)


def _label(translator: Translator, engine: str) -> str:
    return "Potluck" if engine == HUMAN else translator.label(engine)


def _state_key(hashes: list[str], source: str, target: str) -> str:
    digest = hashlib.blake2b("\n".join([source, target, *hashes]).encode(), digest_size=16).hexdigest()
    return f"translation:state:{digest}"


# --- jobs ----------------------------------------------------------------------------------


async def store(session: AsyncSession, texts: list[str], translated: list[str], *, source: str, target: str,
                engine: str) -> None:  # fmt: skip
    await repository.keep(
        session,
        [(text_digest(text), out) for text, out in zip(texts, translated, strict=True)],
        source=source,
        target=target,
        engine=engine,
    )


async def forget(session: AsyncSession, hashes: Sequence[str]) -> None:
    await repository.forget(session, hashes)


async def prune(session: AsyncSession) -> None:
    await repository.prune(session, before=utcnow() - timedelta(days=KEEP_DAYS), keep_engines=[HUMAN])

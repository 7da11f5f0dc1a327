"""Translation JSON API: a note's or a comment's words in the reader's language, and a
page of comments at once."""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request, Response
from fastapi.routing import APIRoute

from potluck.accounts.auth import AnyViewer, visitor_key
from potluck.db.session import unit_of_work
from potluck.kit.errors import Invalid
from potluck.kit.i18n import N_
from potluck.kit.language import TRANSLATION_TARGETS, normalise_language
from potluck.kit.schemas import Id
from potluck.notes.cache import anonymous_translation_key
from potluck.translation import service
from potluck.translation.schemas import (
    BatchError,
    CommentBatchItem,
    CommentBatchOut,
    CommentTranslationOut,
    NoteTranslationOut,
)
from potluck.web.deps import DbSession, runtime_of
from potluck.web.i18n import gettext_for, locale_from_scope
from potluck.web.shared_reads import SharedRead

router = APIRouter(prefix="/api/v1", tags=["translation"])

Target = Annotated[
    str,
    Query(min_length=1, max_length=35, description="BCP-47 code of the language wanted: en, zh-Hans, ja..."),
]
CommentIds = Annotated[str, Query(max_length=1200, description="Comma-separated comment IDs (at most 50)")]


async def start_jobs(request: Request, jobs: list[dict[str, Any]]) -> None:
    """Enqueue translation jobs in a writing transaction of their own: the request's
    session only read (kept translations are read without the write lock)."""
    if not jobs:
        return
    runtime = runtime_of(request)
    async with unit_of_work(lambda: runtime.database.session(writing=True)) as session:
        for job in jobs:
            service.start(session, job)


def _pending(response: Response) -> None:
    response.status_code = 202
    response.headers["Retry-After"] = "1"


class _NotShared(Exception):
    """A pending answer: given to this request, never kept as the shared copy."""

    def __init__(self, out: NoteTranslationOut) -> None:
        super().__init__()
        self.out = out


@router.get(
    "/notes/{note_id}/translation",
    response_model=NoteTranslationOut,
    responses={202: {"model": NoteTranslationOut}},
)
async def note_translation(
    note_id: Id,
    target: Target,
    *,
    request: Request,
    response: Response,
    viewer: AnyViewer,
    session: DbSession,
) -> NoteTranslationOut | Response:
    """The note's title and text in ``target``: 200 with them, or 202 while they are being
    translated (ask again after ``retry_after_ms``). 422 when there is nothing to translate
    or the language cannot be translated into; 503 when the site has no translation engine
    (``reason`` no_translation_engine) or every engine failed (translation_unavailable).

    Logged-out visitors share a copy of a done translation for ``anonymous_cache_seconds``
    (an edit, a change of visibility or a deletion shows at once)."""

    async def answer() -> NoteTranslationOut:
        outcome = await service.translate_note(
            session, note_id=note_id, viewer=viewer, target=target, visitor=visitor_key(request)
        )
        if outcome.job is not None:
            await start_jobs(request, [outcome.job])
        out = NoteTranslationOut(
            note_id=note_id, status=outcome.status, source=outcome.source, target=outcome.target,
            engine=outcome.engine, engine_label=outcome.engine_label,
        )  # fmt: skip
        if outcome.texts is not None:
            out.title, out.body = outcome.texts
        else:
            out.retry_after_ms = service.RETRY_AFTER_MS
        return out

    runtime = runtime_of(request)
    language = normalise_language(target)
    if viewer.id is not None or language is None or runtime.settings.anonymous_cache_seconds <= 0:
        out = await answer()
    else:

        async def shared() -> bytes:
            out = await answer()
            if out.status != "done":
                raise _NotShared(out)
            return out.model_dump_json().encode()

        try:
            body = await runtime.cache.get_or_fill(
                anonymous_translation_key(note_id, language),
                ttl=runtime.settings.anonymous_cache_seconds,
                fill=shared,
            )
        except _NotShared as pending:
            out = pending.out
        else:
            return Response(body, media_type="application/json")
    if out.status == "pending":
        _pending(response)
    return out


def _shared_key(match: re.Match[str], _locale: str, query: bytes) -> str | None:
    targets = parse_qs(query.decode("latin-1")).get("target", [])
    language = normalise_language(targets[0]) if len(targets) == 1 else None
    return anonymous_translation_key(int(match[1]), language) if language in TRANSLATION_TARGETS else None


def shared_reads() -> list[SharedRead]:
    """A note's translation as logged-out visitors share it, for
    :class:`~potluck.web.shared_reads.SharedReadMiddleware`."""
    route = next(r for r in router.routes if isinstance(r, APIRoute) and r.endpoint is note_translation)
    return [
        SharedRead(path=re.compile(r"/api/v1/notes/([0-9]{1,19})/translation"), key=_shared_key, route=route)
    ]


@router.get("/comments/{comment_id}/translation", responses={202: {"model": CommentTranslationOut}})
async def comment_translation(
    comment_id: Id,
    target: Target,
    *,
    request: Request,
    response: Response,
    viewer: AnyViewer,
    session: DbSession,
) -> CommentTranslationOut:
    """A comment's words in ``target`` (statuses as for a note's)."""
    outcome = await service.translate_comment(
        session, comment_id=comment_id, viewer=viewer, target=target, visitor=visitor_key(request)
    )
    if outcome.job is not None:
        await start_jobs(request, [outcome.job])
    out = CommentTranslationOut(
        comment_id=comment_id, status=outcome.status, source=outcome.source, target=outcome.target,
        engine=outcome.engine, engine_label=outcome.engine_label,
    )  # fmt: skip
    if outcome.texts is not None:
        out.body = outcome.texts[0]
    else:
        out.retry_after_ms = service.RETRY_AFTER_MS
        _pending(response)
    return out


def parse_ids(ids: str) -> list[int]:
    parts = [part.strip() for part in ids.split(",") if part.strip()]
    if not parts or not all(part.isdigit() and len(part) <= 19 for part in parts):
        raise Invalid(N_("Give comment IDs separated by commas."), field="ids", reason="invalid")
    return [int(part) for part in parts]


@router.get("/comments/translations")
async def comment_translations(
    ids: CommentIds,
    target: Target,
    *,
    request: Request,
    response: Response,
    viewer: AnyViewer,
    session: DbSession,
) -> CommentBatchOut:
    """A page of comments in ``target`` at once. Each item is ``done``, ``pending`` or
    ``error`` (with the reason: nothing to translate, already in that language...); the
    status is 202 while any is pending."""
    batch = await service.translate_comments(
        session, comment_ids=parse_ids(ids), viewer=viewer, target=target, visitor=visitor_key(request)
    )
    await start_jobs(request, batch.jobs)
    gettext = gettext_for(locale_from_scope(request.scope))
    items: list[CommentBatchItem] = []
    for item in batch.items:
        if item.outcome is None:
            error = item.error
            assert error is not None
            items.append(CommentBatchItem(
                comment_id=item.comment_id, status="error",
                error=BatchError(code=error.code, reason=error.reason, message=error.translated(gettext)),
            ))  # fmt: skip
            continue
        outcome = item.outcome
        items.append(CommentBatchItem(
            comment_id=item.comment_id, status=outcome.status, source=outcome.source, target=outcome.target,
            engine=outcome.engine, engine_label=outcome.engine_label,
            body=outcome.texts[0] if outcome.texts is not None else None,
        ))  # fmt: skip
    out = CommentBatchOut(items=items)
    if any(item.status == "pending" for item in items):
        out.retry_after_ms = service.RETRY_AFTER_MS
        _pending(response)
    return out

"""The Translate link on note and comment pages: the translation in place of the words,
"show original", and what to say while it is being made or when it cannot be.

Each answers an htmx fragment put under the original (which the page then hides): the
translation, "Translating…" that asks again in a moment, or a message with "try again".
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from potluck.accounts.auth import request_viewer, visitor_key
from potluck.kit.errors import Invalid, Unavailable
from potluck.kit.schemas import Id
from potluck.notes import text
from potluck.translation import service
from potluck.translation.routes import start_jobs
from potluck.web.deps import DbSession
from potluck.web.i18n import gettext_for, locale_from_scope
from potluck.web.templating import render

router = APIRouter(include_in_schema=False)

TEMPLATE = "translation/_result.html"


def _as_html(words: str) -> Markup:
    """Translated words, escaped, lines kept (no links: they are not the author's)."""
    return text.to_html(words, text.Links())


async def _answer(request: Request, run: Any, url: str, kind: str) -> Response:
    context: dict[str, Any] = {"url": url, "kind": kind}
    try:
        outcome: service.Outcome = await run()
    except (Invalid, Unavailable) as error:
        gettext = gettext_for(locale_from_scope(request.scope))
        context.update(state="error", message=error.translated(gettext), retry=isinstance(error, Unavailable)
                       and error.reason == "translation_unavailable")  # fmt: skip
        return render(request, TEMPLATE, context)
    if outcome.job is not None:
        await start_jobs(request, [outcome.job])
    if outcome.texts is None:
        return render(request, TEMPLATE, {**context, "state": "pending"})
    context.update(
        state="done",
        source=outcome.source,
        target=outcome.target,
        engine=outcome.engine_label,
        texts=[_as_html(words) for words in outcome.texts],
    )
    return render(request, TEMPLATE, context)


@router.get("/notes/{note_id}/translation")
async def note_translation(note_id: Id, target: str, request: Request, session: DbSession) -> Response:
    async def run() -> service.Outcome:
        return await service.translate_note(
            session, note_id=note_id, viewer=request_viewer(request), target=target[:35],
            visitor=visitor_key(request),
        )  # fmt: skip

    return await _answer(request, run, f"/notes/{note_id}/translation?target={target[:35]}", "note")


@router.get("/comments/{comment_id}/translation")
async def comment_translation(comment_id: Id, target: str, request: Request, session: DbSession) -> Response:
    async def run() -> service.Outcome:
        return await service.translate_comment(
            session, comment_id=comment_id, viewer=request_viewer(request), target=target[:35],
            visitor=visitor_key(request),
        )  # fmt: skip

    return await _answer(request, run, f"/comments/{comment_id}/translation?target={target[:35]}", "comment")

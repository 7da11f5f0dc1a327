"""Running the translation jobs a request queued, as a worker would, in either mode."""

from __future__ import annotations

from typing import Any

import pytest

from potluck.jobs import JobRequest
from potluck.runtime import Runtime
from potluck.translation import tasks
from potluck.translation.engine import TranslationEngine
from tests.notes.factories import job_context

JOBS = {"translation.translate": tasks.translate, "translation.forget": tasks.forget}


class StagedJobs:
    """The translation jobs requests queued (kept here instead of the queue)."""

    def __init__(self) -> None:
        self.requests: list[JobRequest] = []

    def payloads(self, name: str = "translation.translate") -> list[dict[str, Any]]:
        return [dict(request.payload) for request in self.requests if request.name == name]

    async def run(self, runtime: Runtime) -> int:
        """Run every translation job queued so far, once; how many ran."""
        mine = [request for request in self.requests if request.name in JOBS]
        self.requests = [request for request in self.requests if request.name not in JOBS]
        for request in mine:
            await JOBS[request.name](job_context(runtime, request.name), **request.payload)
        return len(mine)


def stage_jobs(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> StagedJobs:
    staged = StagedJobs()
    monkeypatch.setattr(runtime.jobs, "stage", lambda _session, request: staged.requests.append(request))
    return staged


def use_engines(runtime: Runtime, *engines: TranslationEngine) -> None:
    """The process's translator tries these engines, in this order."""
    runtime.translator.engines = list(engines)

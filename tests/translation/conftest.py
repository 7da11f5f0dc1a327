"""A tiny model built once per test run, engines that answer as the tests say, and the
people of the notes tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from potluck.runtime import Runtime
from potluck.translation import random_model
from potluck.translation.engine import EngineError
from tests.notes.conftest import alice, bob, carol
from tests.topics.conftest import onlooker
from tests.translation.helpers import StagedJobs, stage_jobs

__all__ = ["alice", "bob", "carol", "onlooker"]


@pytest.fixture
def jobs(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> StagedJobs:
    """The jobs requests queue, kept to be run when the test says (embedded or Redis mode)."""
    return stage_jobs(runtime, monkeypatch)


@pytest.fixture(scope="session")
def model_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Random-weight models in both layouts: an Argos package (en -> zh) and an OPUS-MT
    folder (zh -> en), plus en -> fr for pivots."""
    folder = tmp_path_factory.mktemp("models")
    return {
        "argos-en-zh": random_model.build_argos_package(
            folder / "translate-en_zh.argosmodel", "en", "zh-Hans"
        ),
        "opus-zh-en": random_model.build_opus_folder(folder / "opus-mt-zh-en", "zh-Hans", "en"),
        "argos-en-fr": random_model.build_argos_package(folder / "translate-en_fr.argosmodel", "en", "fr"),
    }


class FakeEngine:
    """Translates by tagging: "[en] 你好". ``fail`` raises, ``pairs`` limits what it does."""

    def __init__(
        self, name: str = "fake", *, fail: bool = False, pairs: set[tuple[str, str]] | None = None
    ) -> None:
        self.name = name
        self.label = f"{name.title()} MT"
        self.fail = fail
        self.pairs = pairs
        self.calls: list[tuple[list[str], str, str]] = []

    async def supports(self, source: str, target: str) -> bool:
        return self.pairs is None or (source, target) in self.pairs

    async def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        self.calls.append((list(texts), source, target))
        if self.fail:
            raise EngineError("down for maintenance")
        return [f"[{target}] {text}" for text in texts]

    async def close(self) -> None:
        return None

"""Engines tried in order: one that cannot do a pair is skipped, one that fails or is
slow is passed over, and the caller learns which engine answered."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

import pytest

from potluck.settings import Settings
from potluck.translation import packages
from potluck.translation.engines import AllEnginesFailed, NoEngine, Translator, build_translator
from tests.translation.conftest import FakeEngine


class SlowEngine(FakeEngine):
    async def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        await asyncio.sleep(10)
        return list(texts)


async def test_the_first_engine_that_works_answers() -> None:
    down, other, fine = (
        FakeEngine("down", fail=True),
        FakeEngine("other", pairs={("ja", "en")}),
        FakeEngine("fine"),
    )
    translator = Translator([down, other, fine], timeout=5)
    result = await translator.translate(["你好"], source="zh-Hans", target="en")
    assert (result.engine, result.texts) == ("fine", ["[en] 你好"])
    assert len(down.calls) == 1, "tried first, failed"
    assert other.calls == [], "cannot do zh -> en: skipped"


async def test_a_slow_engine_is_passed_over() -> None:
    translator = Translator([SlowEngine("slow"), FakeEngine("fine")], timeout=0.05)
    assert (await translator.translate(["hi"], source="en", target="fr")).engine == "fine"


async def test_no_engine_for_the_pair_and_all_failing_are_told_apart() -> None:
    with pytest.raises(NoEngine):
        await Translator([], timeout=1).translate(["hi"], source="en", target="fr")
    with pytest.raises(NoEngine):
        await Translator([FakeEngine(pairs=set())], timeout=1).translate(["hi"], source="en", target="fr")
    with pytest.raises(AllEnginesFailed):
        await Translator([FakeEngine(fail=True), SlowEngine()], timeout=0.05).translate(
            ["hi"], source="en", target="fr"
        )


def test_engines_take_part_once_configured(tmp_path: Path, model_files: dict[str, Path]) -> None:
    bare = Settings(var_dir=tmp_path, secret_key="x")
    assert not build_translator(bare).configured
    packages.install(model_files["argos-en-zh"], bare.resolved_translation_models_dir)
    configured = Settings(
        var_dir=tmp_path,
        secret_key="x",
        libretranslate_url="http://lt.test",
        deepl_key="k:fx",
        translation_engines="deepl, local,libretranslate",
    )
    assert [engine.name for engine in build_translator(configured).engines] == [
        "deepl",
        "local",
        "libretranslate",
    ]
    with pytest.raises(ValueError, match="unknown translation engines"):
        Settings(var_dir=tmp_path, secret_key="x", translation_engines="local,google")

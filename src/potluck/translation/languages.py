"""The languages Potluck translates between, as BCP-47 codes.

Notes and comments carry the code :func:`potluck.kit.language.detect_language` gave them
(``zh-Hans``, ``zh-Hant``, ``en``, ``ja``...); readers ask for the language of their
interface (``zh_Hans`` -> ``zh-Hans``, ``pt_BR`` -> ``pt``). Engines name languages their
own way and map these codes themselves.
"""

from __future__ import annotations

from potluck.kit.language import TRANSLATION_TARGETS, normalise_language

TARGETS = TRANSLATION_TARGETS

UNDETERMINED = "und"

# OpenCC's conversion from Simplified to Traditional Chinese for readers of Traditional:
# Taiwan's characters and words (吃, 著, 軟體), as most of them write, rather than the
# character-for-character "s2t" (喫, 着, 軟件).
TO_TRADITIONAL = "s2twp"


normalise = normalise_language


def base(code: str) -> str:
    """The language without its script: ``zh-Hant`` -> ``zh``."""
    return code.split("-", 1)[0]


def same_language(first: str, second: str) -> bool:
    """Whether a reader of one reads the other without translation. Simplified and
    Traditional Chinese count as different: the characters differ."""
    return first == second


def from_locale(locale: str) -> str:
    """The target language of an interface locale: ``zh_Hans`` -> ``zh-Hans``, ``pt_BR`` -> ``pt``."""
    return normalise(locale) or "en"

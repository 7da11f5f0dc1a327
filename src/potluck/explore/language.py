"""The language of a note and the languages of a viewer, for Explore's language mix.

Issue #7 (language detection) is not done: until it is, a note's language is its
author's first spoken language, else their interface language. Everything asks
:func:`note_language`, so detection replaces this one function.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

UNKNOWN = "und"


def primary_subtag(tag: str) -> str:
    """ "zh-Hans" -> "zh", "en_GB" -> "en"."""
    return tag.replace("_", "-").split("-", 1)[0].strip().lower()


def note_language(*, author_languages: Iterable[str], author_locale: str | None) -> str:
    return _note_language(tuple(author_languages), author_locale)


@functools.lru_cache(maxsize=1024)
def _note_language(author_languages: tuple[str, ...], author_locale: str | None) -> str:
    for tag in author_languages:
        if primary_subtag(tag):
            return primary_subtag(tag)
    return primary_subtag(author_locale) if author_locale else UNKNOWN


def viewer_languages(*, languages: Iterable[str], locale: str | None) -> frozenset[str]:
    """Languages the viewer reads: those they speak and the one their interface is in."""
    found = {primary_subtag(tag) for tag in languages if primary_subtag(tag)}
    if locale:
        found.add(primary_subtag(locale))
    return frozenset(found)

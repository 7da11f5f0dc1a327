"""Marking user-facing text for translation where no request is at hand.

Services raise errors whose messages are shown to people. They mark them with :func:`N_`
so Babel extracts them; the web layer translates them into the request's language when
it shows them (see ``potluck.web.errors``).
"""

from __future__ import annotations

# Locales with a complete catalog, in the order a language picker shows them.
SUPPORTED_LOCALES: tuple[str, ...] = (
    "en", "zh_Hans", "zh_Hant", "ja", "ko", "es", "fr", "de", "pt_BR", "it", "ru", "uk", "pl", "tr",
    "ar", "fa", "hi", "id", "vi", "th", "ms",
)  # fmt: skip

# Written right to left: pages in these get dir="rtl".
RTL_LOCALES: frozenset[str] = frozenset({"ar", "fa"})


def N_(message: str) -> str:  # the conventional name of gettext_noop
    """Mark a string for extraction without translating it yet (translate when shown)."""
    return message

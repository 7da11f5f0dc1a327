"""What every translation engine offers, and how engines fail.

An engine translates a batch of plain texts from one language to another (BCP-47 codes,
:mod:`.languages`) and says which pairs it can do. Engines are tried in the configured
order (:mod:`.engines`); one that cannot do a pair is skipped, one that errs or times out
is passed over for the next.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class EngineError(Exception):
    """The engine could not translate this time (down, timed out, refused, bad answer)."""


class TranslationEngine(Protocol):
    # Short and stable: stored beside every cached translation ("local", "libretranslate", "deepl").
    @property
    def name(self) -> str: ...

    # What readers are told: "Argos Translate", "DeepL".
    @property
    def label(self) -> str: ...

    async def supports(self, source: str, target: str) -> bool:
        """Whether this engine can translate ``source`` into ``target`` (possibly through English)."""

    async def translate(self, texts: Sequence[str], *, source: str, target: str) -> list[str]:
        """One translation per text, in order. Raises :class:`EngineError`."""

    async def close(self) -> None:
        """Let go of connections."""

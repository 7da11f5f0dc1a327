"""The demo's human translations, put together the way its notes are.

A demo note is a title and a body made of pieces (:mod:`potluck.demo.plan`); each piece
has a translation written by a person (:mod:`potluck.demo.content.translated_zh`,
``translated_en``, ``translated_other``, ``translated_other_comments``). A note's
translation is its pieces' translations put together the same way, in the target's
manner (Chinese puts each sentence on a line of its own); topics stay as written.
Traditional Chinese is the Simplified translation converted with OpenCC (and so is a
Simplified Chinese original, for Traditional readers). The loader keeps them as
translations of the engine ``human``, so the demo shows one-tap translation even where
no engine is installed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import opencc

from potluck.demo.content.translated_en import ZH
from potluck.demo.content.translated_other import OTHER
from potluck.demo.content.translated_other_comments import OTHER_COMMENTS
from potluck.demo.content.translated_zh import EN
from potluck.translation.languages import TO_TRADITIONAL

TARGETS = ("en", "zh-Hans", "zh-Hant")
_ONE_SENTENCE_A_LINE = {"zh-Hans", "zh-Hant", "ja"}


@dataclass(frozen=True)
class NotePieces:
    """What a demo note's body is made of, as :mod:`potluck.demo.plan` put it together."""

    paragraph: tuple[str, ...]  # the opening line and details
    mention: tuple[str, str] | None  # (template with {user}, the username)
    question: str
    tags: str


@functools.cache
def _table() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {
        piece: dict(targets) for piece, targets in (*OTHER.items(), *OTHER_COMMENTS.items())
    }
    for piece, english in EN.items():
        table.setdefault(piece, {})["en"] = english
    for piece, chinese in ZH.items():
        table.setdefault(piece, {})["zh-Hans"] = chinese
    return table


@functools.cache
def _to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC(TO_TRADITIONAL)


def piece(text: str, target: str) -> str | None:
    """A person's translation of one piece, or None."""
    if target == "zh-Hant":
        # A Chinese original (it has an English translation) only changes its script.
        simplified = piece(text, "zh-Hans") or (text if text in EN else None)
        return _to_traditional().convert(simplified) if simplified is not None else None
    return _table().get(text, {}).get(target)


def body(pieces: NotePieces, target: str) -> str | None:
    """The body put together from its pieces' translations, or None if one has none."""
    paragraph = [piece(line, target) for line in pieces.paragraph]
    mention = piece(pieces.mention[0], target) if pieces.mention else ""
    question = piece(pieces.question, target) if pieces.question else ""
    if any(line is None for line in paragraph) or mention is None or question is None:
        return None
    joiner = "\n" if target in _ONE_SENTENCE_A_LINE else " "
    lines = [joiner.join(line for line in paragraph if line is not None)]
    if pieces.mention:
        lines.append(mention.format(user=pieces.mention[1]))
    if question:
        lines.append(question)
    lines.append(pieces.tags)
    return "\n\n".join(lines)

"""Highlighted text for search results: the words a query matched, marked in a title
and in a short piece of the body around the first of them.

Pure: text in, text and offsets out. Pages render the marks as ``<mark>`` (escaped text
between them); the API returns the offsets.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from potluck.search.analysis import QueryTerms, matched_spans

SNIPPET_LENGTH = 120  # characters of body shown under a result
SCANNED = 400  # characters of body looked through for a match (segmenting costs)
LEAD = 30  # characters kept before the first match
ELLIPSIS = "…"
KEPT = 20_000  # highlighted titles and snippets kept per process (a few MB)


@dataclass(frozen=True)
class Highlighted:
    """``text`` with ``spans`` (start, end offsets into it, in order, not overlapping)
    to show marked."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    def parts(self) -> list[tuple[str, bool]]:
        """The text cut into (piece, marked) in order: what a template renders."""
        pieces: list[tuple[str, bool]] = []
        at = 0
        for start, end in self.spans:
            if start > at:
                pieces.append((self.text[at:start], False))
            pieces.append((self.text[start:end], True))
            at = end
        if at < len(self.text):
            pieces.append((self.text[at:], False))
        return pieces


def highlight(text: str, query: QueryTerms) -> Highlighted:
    return _highlight(text, frozenset(query.terms))


# Results are kept per process (pure functions of text and terms): a popular search shows
# the same notes to everyone, and finding the words in them is most of a warm search's
# time (docs/benchmarks.md, "Search speed").
@lru_cache(maxsize=KEPT)
def _highlight(text: str, terms: frozenset[str]) -> Highlighted:
    return Highlighted(text, _merged(matched_spans(text, terms)))


def snippet(text: str, query: QueryTerms, *, length: int = SNIPPET_LENGTH) -> Highlighted:
    """About ``length`` characters of ``text`` on one line, starting a little before the
    first match (or at the start), cut at a space when there is one near, with an
    ellipsis where text was left out."""
    return _snippet(text, frozenset(query.terms), length)


@lru_cache(maxsize=KEPT)
def _snippet(text: str, terms: frozenset[str], length: int) -> Highlighted:
    flat = " ".join(text.split())
    # Matches past the first SCANNED characters are not looked for; a word cut there is
    # not one, so it cannot be marked.
    spans = _merged(matched_spans(flat[:SCANNED], terms))
    if spans and spans[-1][1] == min(len(flat), SCANNED) < len(flat):
        spans = spans[:-1]
    start = 0
    if spans and spans[0][0] > LEAD and len(flat) > length:
        start = _word_start(flat, max(0, min(spans[0][0] - LEAD, len(flat) - length)))
    end = min(len(flat), start + length)
    if end < len(flat):
        end = _word_end(flat, start, end)
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(flat) else ""
    shift = len(prefix) - start
    kept = tuple((max(s, start) + shift, min(e, end) + shift) for s, e in spans if s < end and e > start)
    return Highlighted(prefix + flat[start:end] + suffix, kept)


def _merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def _word_start(text: str, at: int) -> int:
    """``at`` moved forward past a partly cut Latin word (Chinese has no spaces to cut at)."""
    space = text.find(" ", at, at + 15)
    return space + 1 if at > 0 and text[at - 1] != " " and space != -1 else at


def _word_end(text: str, start: int, end: int) -> int:
    space = text.rfind(" ", max(start, end - 15), end)
    return space if space != -1 else end

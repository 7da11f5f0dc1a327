""" "Did you mean": misspelt words corrected against the index's own vocabulary.

The vocabulary is the indexed terms found in at least two notes, copied from the engine
(FTS5's ``fts5vocab`` on SQLite, ``ts_stat`` on PostgreSQL) into ``search_term`` by a
periodic job, and kept ten minutes in each process. A query word of three or more Latin
letters (English or pinyin) that is not in it is replaced by the nearest term, the
commonest among equals, within one edit (two for terms of six or more letters), by
RapidFuzz's optimal string alignment distance (a swap of two letters is one edit: "tae"
is one from "tea"). Chinese words are left as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.cache import cache_of
from potluck.search import repository
from potluck.search.analysis import QueryTerms, is_optional, query_terms, surface_form
from potluck.search.engines import engine_for

VOCABULARY_SIZE = 50_000
VOCABULARY_TTL = 600.0
MIN_NOTES = 2
MIN_LENGTH = 3
_KEY = "search:vocabulary"
_LATIN_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Vocabulary:
    notes: dict[str, int]
    words: list[str]  # the Latin-letter terms, commonest first


@dataclass(frozen=True)
class Correction:
    terms: QueryTerms
    replaced: dict[str, str]  # word as typed -> the term it was corrected to

    def shown(self, query: str, texts: list[str]) -> str:
        """``query`` with each corrected word written as it appears in ``texts`` (the
        results' titles and bodies), or as the term where it does not appear."""

        def written(match: re.Match[str]) -> str:
            term = self.replaced.get(match.group())
            if term is None:
                return match.group()
            return next((form for text in texts if (form := surface_form(text, term))), term)

        return _LATIN_WORD.sub(written, query)


async def correct(session: AsyncSession, query: str) -> Correction | None:
    """The query with its misspelt words corrected, or None when none could be."""
    vocabulary = await _vocabulary(session)
    if not vocabulary.words:
        return None
    replaced: dict[str, str] = {}
    for word in _LATIN_WORD.findall(query):
        if len(word) < MIN_LENGTH:
            continue
        term = query_terms(word).terms
        if not term or term[0] in vocabulary.notes or is_optional(term[0]):
            continue
        best = _closest(term[0], vocabulary)
        if best is not None:
            replaced[word] = best
    if not replaced:
        return None
    corrected = _LATIN_WORD.sub(lambda m: replaced.get(m.group(), m.group()), query)
    return Correction(query_terms(corrected), replaced)


async def group_notes(session: AsyncSession, query: QueryTerms) -> list[int]:
    """About how many notes have each group of ``query``, from the vocabulary's counts
    (its terms' counts added up; 0 for terms missing from the vocabulary, which are rare)."""
    notes = (await _vocabulary(session)).notes
    return [sum(notes.get(term, 0) for term in group) for group in query.groups]


def _closest(term: str, vocabulary: Vocabulary) -> str | None:
    most = 2 if len(term) >= 6 else 1
    found = process.extract(term, vocabulary.words, scorer=OSA.distance, score_cutoff=most, limit=20)
    if not found:
        return None
    best = min(found, key=lambda match: (match[1], -vocabulary.notes[match[0]]))
    return str(best[0])


async def _vocabulary(session: AsyncSession) -> Vocabulary:
    decoded = cache_of(session.info).decoded
    vocabulary: Vocabulary | None = decoded.get(_KEY)
    if vocabulary is None:
        notes = dict(await repository.vocabulary(session))
        words = [term for term in notes if term.isascii() and term.isalpha()]
        vocabulary = Vocabulary(notes, words)
        decoded.put(_KEY, vocabulary, ttl=VOCABULARY_TTL, size=40 * len(notes) + 100)
    return vocabulary


async def refresh_vocabulary(session: AsyncSession) -> int:
    """Copy the engine's vocabulary into ``search_term``; how many terms."""
    terms = await engine_for(session).vocabulary(session, min_notes=MIN_NOTES, limit=VOCABULARY_SIZE)
    await repository.replace_vocabulary(session, terms)
    cache_of(session.info).decoded.drop(_KEY)
    return len(terms)

"""Explore's ranking: pure functions over plain data, no I/O.

The service feeds these with candidates read from the database and caches; the offline
benchmark (``bench/recsys_offline.py``) feeds them with a synthetic population. Both run
exactly this code, so what the benchmark measures is what people get.

Two steps:

1. :func:`score` predicts how much the viewer will engage with each candidate (affinity
   to its category, topics and author, co-engagement with what the viewer recently
   engaged with, how it trends), weighs that by freshness and quality (click-through and
   collect rates, smoothed so a few impressions do not swing it), and adds an exploration
   bonus for new notes that have not had their first impressions yet.
2. :func:`arrange` turns scores into a page sequence: never a note already served in the
   session, never two notes of one author in a row, at most a few notes of one category
   or topic per page, and a share of notes in other languages set by the viewer.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

K = TypeVar("K")


class Source(StrEnum):
    """Why a note became a candidate."""

    INTEREST = "interest"  # in a category the viewer picked or engages with
    TOPIC = "topic"  # tagged with a topic the viewer picked, follows or engages with
    FOLLOWING = "following"  # by someone the viewer follows
    TRENDING = "trending"  # on a trending list
    SIMILAR = "similar"  # engaged with by the people who engaged with the viewer's notes
    FRESH = "fresh"  # new and still waiting for its first impressions


@dataclass(frozen=True)
class Candidate:
    note_id: int
    author_id: int
    category: str
    language: str
    published_at: float  # seconds since the epoch
    topics: tuple[int, ...] = ()
    likes: int = 0
    collects: int = 0
    comments: int = 0
    impressions: int = 0
    clicks: int = 0
    sources: frozenset[Source] = frozenset()
    similarity: float = 0.0  # co-engagement with the viewer's recent notes, 0..1
    trending: float = 0.0  # position on the trending lists, 0..1


@dataclass(frozen=True)
class Profile:
    """What the ranking knows of the viewer. Weights are relative (normalised inside)."""

    categories: Mapping[str, float] = field(default_factory=dict)
    topics: Mapping[int, float] = field(default_factory=dict)
    followed: frozenset[int] = frozenset()
    languages: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Weights:
    category: float = 1.0
    topic: float = 0.8
    following: float = 0.6
    similar: float = 1.4
    trending: float = 0.35
    popularity: float = 0.25
    # Half-life of a note's freshness, in hours; old notes keep ``floor`` of their score.
    half_life_hours: float = 72.0
    freshness_floor: float = 0.35
    # Click-through prior: as if each note had been shown ``prior_impressions`` times with
    # ``prior_ctr`` of them opened.
    prior_ctr: float = 0.08
    prior_impressions: float = 20.0
    # New notes with fewer impressions than this get an exploration bonus that fades as
    # they collect them.
    explore_impressions: int = 30
    explore_bonus: float = 0.5
    explore_hours: float = 48.0


DEFAULT_WEIGHTS = Weights()

# Other-language share of a page for each setting of ``OtherLanguages``.
OTHER_LANGUAGE_SHARE: Mapping[str, float] = {"none": 0.0, "some": 0.2, "many": 0.5}


def _normalised(weights: Mapping[K, float]) -> dict[K, float]:
    top = max(weights.values(), default=0.0)
    return {key: value / top for key, value in weights.items()} if top > 0 else {}


def quality(candidate: Candidate, weights: Weights = DEFAULT_WEIGHTS) -> float:
    """A multiplier around 1: smoothed click-through against the prior, and how often
    people who like it also keep it (collects are the strongest signal of lasting value)."""
    ctr = (candidate.clicks + weights.prior_ctr * weights.prior_impressions) / (
        candidate.impressions + weights.prior_impressions
    )
    ctr_factor = min(2.0, max(0.4, ctr / weights.prior_ctr))
    keep = (candidate.collects + 1) / (candidate.likes + candidate.collects + 4)
    return float(ctr_factor**0.5 * (0.8 + keep))


def freshness(candidate: Candidate, now: float, weights: Weights = DEFAULT_WEIGHTS) -> float:
    age_hours = max(0.0, now - candidate.published_at) / 3600
    decay: float = 0.5 ** (age_hours / weights.half_life_hours)
    return weights.freshness_floor + (1 - weights.freshness_floor) * decay


def exploration(candidate: Candidate, now: float, weights: Weights = DEFAULT_WEIGHTS) -> float:
    """The bonus that gives new notes their first impressions (0 once they have them)."""
    age_hours = max(0.0, now - candidate.published_at) / 3600
    if age_hours > weights.explore_hours or candidate.impressions >= weights.explore_impressions:
        return 0.0
    return weights.explore_bonus * (1 - candidate.impressions / weights.explore_impressions)


def score(
    candidates: Iterable[Candidate],
    profile: Profile,
    *,
    now: float,
    weights: Weights = DEFAULT_WEIGHTS,
) -> dict[int, float]:
    """Each candidate's score (higher first); equal inputs give equal scores."""
    categories = _normalised(profile.categories)
    topics = _normalised(profile.topics)
    scores: dict[int, float] = {}
    for candidate in candidates:
        affinity = weights.category * categories.get(candidate.category, 0.0)
        if candidate.topics and topics:
            affinity += weights.topic * max(topics.get(topic, 0.0) for topic in candidate.topics)
        if candidate.author_id in profile.followed:
            affinity += weights.following
        affinity += weights.similar * candidate.similarity
        popularity = math.log1p(candidate.likes + 2 * candidate.collects + candidate.comments) / math.log1p(
            10_000
        )
        predicted = (
            0.1 + affinity + weights.trending * candidate.trending + weights.popularity * min(1.0, popularity)
        )
        value = predicted * freshness(candidate, now, weights) * quality(candidate, weights)
        scores[candidate.note_id] = value + exploration(candidate, now, weights)
    return scores


# --- arranging a page ----------------------------------------------------------------------


@dataclass(frozen=True)
class PageRules:
    page_size: int = 20
    # Caps per page, as shares of it: notes of one category, notes of one topic.
    category_share: float = 0.7
    topic_share: float = 0.3
    # Share of each page for notes in languages the viewer does not speak.
    other_language_share: float = 0.2

    @property
    def max_per_category(self) -> int:
        return max(1, math.ceil(self.category_share * self.page_size))

    @property
    def max_per_topic(self) -> int:
        return max(2, math.ceil(self.topic_share * self.page_size))


def is_other_language(candidate: Candidate, languages: frozenset[str]) -> bool:
    """Whether the note is in a language the viewer does not read. Unknown languages
    ("und") and viewers with no known language count as the viewer's own."""
    return bool(languages) and candidate.language != "und" and candidate.language not in languages


def arrange(
    candidates: Sequence[Candidate],
    scores: Mapping[int, float],
    *,
    languages: frozenset[str],
    rules: PageRules = PageRules(),
    seen: Iterable[int] = (),
    count: int | None = None,
) -> list[int]:
    """Order candidates into pages of ``rules.page_size`` (``count`` notes in all, every
    candidate by default), best first, under the diversity and language rules.

    - A note already ``seen`` in this session, or listed twice, appears once at most.
    - Two consecutive notes never share an author while another author is available.
    - A page holds at most ``max_per_category`` notes of one category and
      ``max_per_topic`` of one topic while other notes are available.
    - About ``other_language_share`` of each page is in other languages, spread through
      it; with share 0 no other-language note appears at all. When one pool runs dry the
      other fills the page (except with share 0).
    """
    excluded = set(seen)
    own: list[Candidate] = []
    other: list[Candidate] = []
    share = max(0.0, min(1.0, rules.other_language_share))
    for candidate in sorted(candidates, key=lambda c: (-scores.get(c.note_id, 0.0), -c.note_id)):
        if candidate.note_id in excluded:
            continue
        excluded.add(candidate.note_id)
        if is_other_language(candidate, languages):
            if share > 0:
                other.append(candidate)
        else:
            own.append(candidate)
    total = len(own) + len(other) if count is None else min(count, len(own) + len(other))
    size = max(1, rules.page_size)
    result: list[int] = []
    previous_author: int | None = None
    categories: Counter[str] = Counter()
    topics: Counter[int] = Counter()
    others_in_page = 0
    while len(result) < total:
        slot = len(result) % size
        if slot == 0:
            categories.clear()
            topics.clear()
            others_in_page = 0
        wants_other = others_in_page < math.floor(share * (slot + 1) + 0.5)
        pools = (other, own) if wants_other else (own, other)
        picked = _pick(pools, previous_author, categories, topics, rules)
        if picked is None:
            break
        pool, index = picked
        candidate = pool.pop(index)
        result.append(candidate.note_id)
        previous_author = candidate.author_id
        categories[candidate.category] += 1
        topics.update(set(candidate.topics))
        if pool is other:
            others_in_page += 1
    return result


def _pick(
    pools: tuple[list[Candidate], list[Candidate]],
    previous_author: int | None,
    categories: Counter[str],
    topics: Counter[int],
    rules: PageRules,
) -> tuple[list[Candidate], int] | None:
    """The best allowed candidate: from the preferred pool under every rule, else the
    other pool, then with the caps relaxed, then with the author rule relaxed.

    One pass over each pool at most: while looking for a note that keeps every rule, it
    remembers the first that keeps the author rule (when one category fills its cap, most
    of a pool is skipped on every pick, so passing over it once instead of once per
    level matters)."""
    max_category, max_topic = rules.max_per_category, rules.max_per_topic
    author_only: list[tuple[list[Candidate], int]] = []
    for pool in pools:
        first_other_author: int | None = None
        for index, candidate in enumerate(pool):
            if candidate.author_id == previous_author:
                continue
            if first_other_author is None:
                first_other_author = index
            if categories[candidate.category] < max_category and not any(
                topics[topic] >= max_topic for topic in candidate.topics
            ):
                return pool, index
        if first_other_author is not None:
            author_only.append((pool, first_other_author))
    if author_only:
        return author_only[0]
    for pool in pools:
        if pool:
            return pool, 0
    return None


# --- learning the viewer's interests -------------------------------------------------------

# How much one engagement of each kind says about a person's taste.
ENGAGEMENT_WEIGHTS: Mapping[str, float] = {"collect": 3.0, "comment": 2.0, "like": 1.5, "click": 0.5}
PICKED_WEIGHT = 2.0


@dataclass(frozen=True)
class Engagement:
    """One of the viewer's recent engagements with a note, with what the note is about."""

    kind: str
    category: str
    topics: tuple[int, ...] = ()


def learn_profile(
    *,
    picked_categories: Iterable[str],
    picked_topics: Iterable[int],
    engagements: Iterable[Engagement],
    followed: Iterable[int] = (),
    languages: Iterable[str] = (),
) -> Profile:
    """Interests picked at sign-up, reinforced (or outgrown) by what the person does."""
    categories: dict[str, float] = defaultdict(float)
    topics: dict[int, float] = defaultdict(float)
    for category in picked_categories:
        categories[category] += PICKED_WEIGHT
    for topic in picked_topics:
        topics[topic] += PICKED_WEIGHT
    for engagement in engagements:
        weight = ENGAGEMENT_WEIGHTS.get(engagement.kind, 0.5)
        categories[engagement.category] += weight
        for topic in engagement.topics:
            topics[topic] += weight
    return Profile(
        categories=dict(categories),
        topics=dict(topics),
        followed=frozenset(followed),
        languages=frozenset(languages),
    )


def top_interests(weights: Mapping[K, float], limit: int) -> list[K]:
    return [key for key, _ in sorted(weights.items(), key=lambda item: -item[1])[:limit]]

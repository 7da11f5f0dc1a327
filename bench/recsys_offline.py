"""Offline quality of Explore: recall@20 and coverage against most-popular and random.

A synthetic community (5,000 people, 50,000 notes over 30 days by default) whose people
have hidden interests: a few favourite categories, favourite topics inside them, a few
favourite authors, a language. Their likes, collects and comments are simulated from
those interests (weighted by each note's hidden quality and its age, and less often in
other languages), then split by time: what happened before day 25 is known, what each
person engages with in the last five days (among notes that existed on day 25) is what
a recommender should have found.

Explore is Potluck's own code: the same signals (``explore.signals``: trending,
co-engagement neighbours), the same profile learning, scoring and page arrangement
(``explore.ranking``); only candidate generation is rebuilt here on in-memory indexes
with the same sources and limits as ``explore.candidates`` (which runs on the database).
People picked interests at sign-up as they would: their top category (right four times
in five) and up to three topics from it.

    .venv/bin/python bench/recsys_offline.py                      # about a minute on 2 cores
    .venv/bin/python bench/recsys_offline.py --users 10000 --notes 100000 --seed 7

Prints one table: recall@20 (share of each person's held-out notes found in their 20
recommendations, averaged over people) and coverage (share of the catalogue that anyone
was recommended) for Explore, most-popular and random.
"""

from __future__ import annotations

import argparse
import bisect
import math
import random
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from potluck.explore import ranking, signals
from potluck.explore.ranking import Candidate, Engagement, PageRules, Source

DAY = 86_400.0
CATEGORIES = ("food", "travel", "beauty", "fashion", "home", "fitness", "pets", "parenting", "study")
TOPICS_PER_CATEGORY = 8
KINDS = (("like", 0.72), ("collect", 0.16), ("comment", 0.12))
K = 20


@dataclass
class Note:
    id: int
    author: int
    category: str
    topics: tuple[int, ...]
    language: str
    published: float
    quality: float


@dataclass
class Person:
    id: int
    language: str
    categories: list[float]  # hidden weight per category
    topics: dict[str, list[float]]  # hidden weight per topic of each category
    favourite_authors: list[int]
    picked_categories: list[str] = field(default_factory=list)
    picked_topics: list[int] = field(default_factory=list)


@dataclass
class World:
    notes: list[Note]
    people: list[Person]
    engagements: list[tuple[float, int, int, str]]  # (time, person, note, kind)
    days: int


def dirichlet(rng: random.Random, size: int, alpha: float) -> list[float]:
    draws = [rng.gammavariate(alpha, 1.0) for _ in range(size)]
    total = sum(draws) or 1.0
    return [d / total for d in draws]


def topic_id(category: str, index: int) -> int:
    return CATEGORIES.index(category) * TOPICS_PER_CATEGORY + index


def build_world(*, users: int, notes: int, days: int, per_person: float, seed: int) -> World:
    rng = random.Random(seed)
    language_of = {person: ("en" if rng.random() < 0.7 else "zh") for person in range(users)}
    # A quarter of people write; each has a main category.
    authors = rng.sample(range(users), users // 4)
    author_category = {author: rng.choice(CATEGORIES) for author in authors}
    author_activity = [rng.paretovariate(1.5) for _ in authors]
    cumulative_activity = list(accumulate(author_activity))
    catalogue: list[Note] = []
    for note_id in range(notes):
        author = authors[bisect.bisect(cumulative_activity, rng.random() * cumulative_activity[-1])]
        category = author_category[author] if rng.random() < 0.85 else rng.choice(CATEGORIES)
        topics = tuple(
            sorted(
                {topic_id(category, rng.randrange(TOPICS_PER_CATEGORY)) for _ in range(rng.choice((1, 2)))}
            )
        )
        catalogue.append(
            Note(
                id=note_id,
                author=author,
                category=category,
                topics=topics,
                language=language_of[author],
                published=rng.random() * days * DAY,
                quality=rng.lognormvariate(0, 0.8),
            )
        )
    catalogue.sort(key=lambda n: n.published)
    for index, note in enumerate(catalogue):
        note.id = index  # IDs in publication order, as Snowflake IDs are

    by_author: dict[int, list[Note]] = defaultdict(list)
    by_topic_day: dict[tuple[int, int], list[Note]] = defaultdict(list)
    for note in catalogue:
        by_author[note.author].append(note)
        for topic in note.topics:
            by_topic_day[topic, int(note.published // DAY)].append(note)
    authors_by_category: dict[str, list[int]] = defaultdict(list)
    for author, category in author_category.items():
        authors_by_category[category].append(author)

    people: list[Person] = []
    for person_id in range(users):
        weights = dirichlet(rng, len(CATEGORIES), 0.25)
        top = sorted(range(len(CATEGORIES)), key=lambda i: -weights[i])[:2]
        favourites = [
            rng.choice(authors_by_category[CATEGORIES[i]])
            for i in top
            for _ in range(3)
            if authors_by_category[CATEGORIES[i]]
        ]
        person = Person(
            id=person_id,
            language=language_of[person_id],
            categories=weights,
            topics={category: dirichlet(rng, TOPICS_PER_CATEGORY, 0.4) for category in CATEGORIES},
            favourite_authors=[a for a in favourites if a != person_id],
        )
        # Onboarding: the top category (right four times in five) and a few of its topics.
        picked = CATEGORIES[top[0]] if rng.random() < 0.8 else rng.choice(CATEGORIES)
        person.picked_categories = [picked]
        topic_weights = person.topics[picked]
        best_topics = sorted(range(TOPICS_PER_CATEGORY), key=lambda i: -topic_weights[i])
        person.picked_topics = [topic_id(picked, i) for i in best_topics[: rng.choice((0, 1, 2, 3))]]
        people.append(person)

    engagements: list[tuple[float, int, int, str]] = []
    kinds = [kind for kind, _ in KINDS]
    kind_weights = [weight for _, weight in KINDS]
    for person in people:
        activity = rng.expovariate(1 / per_person)
        count = max(1, int(activity))
        category_cumulative = list(accumulate(person.categories))
        seen: set[int] = set()
        for _ in range(count):
            moment = rng.random() * days * DAY
            day = int(moment // DAY)
            note: Note | None = None
            if person.favourite_authors and rng.random() < 0.2:
                recent = [
                    n
                    for n in by_author[rng.choice(person.favourite_authors)]
                    if moment - 7 * DAY <= n.published <= moment
                ]
                note = rng.choice(recent) if recent else None
            if note is None:
                category = CATEGORIES[
                    bisect.bisect(category_cumulative, rng.random() * category_cumulative[-1])
                ]
                topic_weights = person.topics[category]
                topic = topic_id(category, rng.choices(range(TOPICS_PER_CATEGORY), weights=topic_weights)[0])
                pool = [
                    n
                    for back in range(8)
                    for n in by_topic_day.get((topic, day - back), ())
                    if n.published <= moment and n.author != person.id
                ]
                if not pool:
                    continue
                weights = [
                    n.quality
                    * math.exp(-(moment - n.published) / (2 * DAY))
                    * (1.0 if n.language == person.language else 0.25)
                    for n in pool
                ]
                note = rng.choices(pool, weights=weights)[0]
            if note.id in seen:
                continue
            seen.add(note.id)
            engagements.append((moment, person.id, note.id, rng.choices(kinds, weights=kind_weights)[0]))
    engagements.sort()
    return World(notes=catalogue, people=people, engagements=engagements, days=days)


# --- the recommenders ------------------------------------------------------------------------


@dataclass
class Known:
    """Everything a recommender may know at the split: engagements before it."""

    now: float
    notes: list[Note]  # published before now, in publication order
    history: dict[int, list[tuple[float, int, str]]]  # person -> (time, note, kind), newest first
    counts: dict[int, Counter[str]]  # note -> engagements by kind
    popular: list[int]  # most engaged first
    popular_recent: list[int]  # most engaged in the last week first
    trending: dict[tuple[str, str], list[tuple[int, float]]]  # (window, category) -> list
    neighbours: dict[int, list[tuple[int, float]]]
    by_topic: dict[int, list[int]]  # newest first
    by_category: dict[str, list[int]]  # newest first
    by_author: dict[int, list[int]]  # newest first
    fresh: list[int]


def know(world: World, split: float) -> Known:
    notes = [note for note in world.notes if note.published < split]
    history: dict[int, list[tuple[float, int, str]]] = defaultdict(list)
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for moment, person, note_id, kind in world.engagements:
        if moment >= split:
            break
        history[person].append((moment, note_id, kind))
        counts[note_id][kind] += 1
    for items in history.values():
        items.reverse()
    popular = sorted(counts, key=lambda n: (-sum(counts[n].values()), -n))
    recent_counts: Counter[int] = Counter(
        note_id for items in history.values() for moment, note_id, _ in items if moment >= split - 7 * DAY
    )
    popular_recent = [note_id for note_id, _ in recent_counts.most_common(2000)]
    trending: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for window, span in (("day", DAY), ("week", 7 * DAY)):
        rows = []
        for note in notes:
            if note.published < split - span:
                continue
            c = counts.get(note.id, Counter())
            value = signals.trending_score(
                likes=c["like"],
                collects=c["collect"],
                comments=c["comment"],
                clicks=sum(c.values()),
                age_hours=(split - note.published) / 3600,
            )
            rows.append((note.id, note.category, value))
        rows.sort(key=lambda row: (-row[2], -row[0]))
        trending[window, ""] = [(n, v) for n, _, v in rows[:300]]
        for category in CATEGORIES:
            trending[window, category] = [(n, v) for n, c, v in rows if c == category][:100]
    # The neighbour job reads the likes of the last month's notes, newest first per person.
    pairs = [(person, note_id) for person, items in history.items() for _, note_id, _ in items]
    neighbours = signals.co_engagement(pairs)
    by_topic: dict[int, list[int]] = defaultdict(list)
    by_category: dict[str, list[int]] = defaultdict(list)
    by_author: dict[int, list[int]] = defaultdict(list)
    for note in reversed(notes):
        for topic in note.topics:
            by_topic[topic].append(note.id)
        if note.published >= split - 14 * DAY:
            by_category[note.category].append(note.id)
        if note.published >= split - 30 * DAY:
            by_author[note.author].append(note.id)
    shown = {note.id: 12 * sum(counts.get(note.id, Counter()).values()) for note in notes}
    fresh = [
        note.id
        for note in reversed(notes)
        if note.published >= split - 2 * DAY and shown[note.id] < ranking.DEFAULT_WEIGHTS.explore_impressions
    ][:60]
    return Known(
        now=split,
        notes=notes,
        history=history,
        counts=counts,
        popular=popular,
        popular_recent=popular_recent,
        trending=trending,
        neighbours=neighbours,
        by_topic=by_topic,
        by_category=by_category,
        by_author=by_author,
        fresh=fresh,
    )


class Explore:
    def __init__(self, world: World, known: Known) -> None:
        self.known = known
        self.notes = {note.id: note for note in known.notes}
        self.people = {person.id: person for person in world.people}

    def recommend(self, person_id: int, k: int) -> list[int]:
        known, person = self.known, self.people[person_id]
        history = known.history.get(person_id, [])
        engaged = {note_id for _, note_id, _ in history}
        recent = history[:40]
        seeds: dict[int, float] = {}
        engagements = []
        for _, note_id, kind in recent:
            note = self.notes[note_id]
            seeds[note_id] = seeds.get(note_id, 0.0) + ranking.ENGAGEMENT_WEIGHTS[kind]
            engagements.append(Engagement(kind=kind, category=note.category, topics=note.topics))
        authors = Counter(self.notes[note_id].author for _, note_id, _ in history)
        profile = ranking.learn_profile(
            picked_categories=person.picked_categories,
            picked_topics=person.picked_topics,
            engagements=engagements,
            followed=[author for author, times in authors.items() if times >= 2],
            languages=[person.language],
        )
        pool = _Pool(excluded=engaged)
        similar = signals.similar_to(seeds, known.neighbours, limit=120)
        pool.similarity.update(similar)
        pool.add(similar, Source.SIMILAR)
        for topic in ranking.top_interests(profile.topics, 8):
            pool.add(known.by_topic.get(topic, [])[:20], Source.TOPIC)
        # As candidates.gather: the 50 accounts followed most recently, three notes each.
        followed = [author for author, _ in authors.most_common() if author in profile.followed][:50]
        followed_notes = sorted(
            (n for author in followed for n in known.by_author.get(author, [])[:3]), reverse=True
        )
        pool.add(followed_notes[:100], Source.FOLLOWING)
        categories = ranking.top_interests(profile.categories, 4)
        for category in categories:
            pool.add_trending(known.trending["week", category][:50])
        for category in categories:
            pool.add(known.by_category.get(category, [])[:20], Source.INTEREST)
        pool.add_trending(known.trending["day", ""][:60])
        pool.add_trending(known.trending["week", ""][:80])
        pool.add(known.fresh, Source.FRESH)
        candidates = [self.candidate(note_id, pool) for note_id in pool.sources]
        scores = ranking.score(candidates, profile, now=known.now)
        return ranking.arrange(
            candidates, scores, languages=profile.languages, rules=PageRules(page_size=k), count=k
        )

    def candidate(self, note_id: int, pool: _Pool) -> Candidate:
        note = self.notes[note_id]
        counts = self.known.counts.get(note_id, Counter())
        engaged = sum(counts.values())
        return Candidate(
            note_id=note_id,
            author_id=note.author,
            category=note.category,
            language=note.language,
            published_at=note.published,
            topics=note.topics,
            likes=counts["like"],
            collects=counts["collect"],
            comments=counts["comment"],
            impressions=12 * engaged,
            clicks=engaged,
            sources=frozenset(pool.sources[note_id]),
            similarity=pool.similarity.get(note_id, 0.0),
            trending=pool.trending.get(note_id, 0.0),
        )


@dataclass
class _Pool:
    excluded: set[int]
    sources: dict[int, set[Source]] = field(default_factory=dict)
    similarity: dict[int, float] = field(default_factory=dict)
    trending: dict[int, float] = field(default_factory=dict)

    def add(self, note_ids: Sequence[int] | dict[int, float], source: Source) -> None:
        for note_id in note_ids:
            if note_id in self.excluded:
                continue
            if note_id not in self.sources and len(self.sources) >= 500:
                return
            self.sources.setdefault(note_id, set()).add(source)

    def add_trending(self, rows: Sequence[tuple[int, float]]) -> None:
        size = max(1, len(rows))
        for rank, (note_id, _) in enumerate(rows):
            self.trending[note_id] = max(self.trending.get(note_id, 0.0), 1 - rank / size)
        self.add([note_id for note_id, _ in rows], Source.TRENDING)


def most_popular(ranked: list[int], known: Known, person_id: int, k: int) -> list[int]:
    """The most engaged notes the person has not engaged with yet."""
    engaged = {note_id for _, note_id, _ in known.history.get(person_id, [])}
    return [note_id for note_id in ranked[: k + len(engaged)] if note_id not in engaged][:k]


def random_notes(known: Known, person_id: int, k: int, rng: random.Random) -> list[int]:
    engaged = {note_id for _, note_id, _ in known.history.get(person_id, [])}
    picked: list[int] = []
    while len(picked) < k:
        note_id = rng.choice(known.notes).id
        if note_id not in engaged and note_id not in picked:
            picked.append(note_id)
    return picked


# --- the evaluation ---------------------------------------------------------------------------


@dataclass
class Evaluation:
    people: int
    catalogue: int
    results: dict[str, tuple[float, float, float]]  # recall, coverage, ms per person


def evaluate(world: World, *, test_days: int, k: int, seed: int) -> Evaluation:
    split = (world.days - test_days) * DAY
    known = know(world, split)
    existing = {note.id for note in known.notes}
    held_out: dict[int, set[int]] = defaultdict(set)
    for moment, person, note_id, _ in world.engagements:
        if moment >= split and note_id in existing:
            held_out[person].add(note_id)
    people = sorted(held_out)
    explore = Explore(world, known)
    rng = random.Random(seed)
    recommenders = {
        "Explore": explore.recommend,
        "most popular (all time)": lambda person, k: most_popular(known.popular, known, person, k),
        "most popular (last 7 days)": lambda person, k: most_popular(known.popular_recent, known, person, k),
        "random": lambda person, k: random_notes(known, person, k, rng),
    }
    results: dict[str, tuple[float, float, float]] = {}
    for name, recommend in recommenders.items():
        started = time.perf_counter()
        recalls: list[float] = []
        recommended: set[int] = set()
        for person in people:
            found = recommend(person, k)
            recommended.update(found)
            recalls.append(len(held_out[person] & set(found)) / len(held_out[person]))
        elapsed = (time.perf_counter() - started) / max(1, len(people)) * 1000
        results[name] = (statistics.fmean(recalls), len(recommended) / len(existing), elapsed)
    return Evaluation(people=len(people), catalogue=len(existing), results=results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=5000)
    parser.add_argument("--notes", type=int, default=50_000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--test-days", type=int, default=5)
    parser.add_argument("--per-person", type=float, default=40.0, help="mean engagements per person")
    parser.add_argument("--seed", type=int, default=20261204)
    args = parser.parse_args()

    started = time.perf_counter()
    world = build_world(
        users=args.users, notes=args.notes, days=args.days, per_person=args.per_person, seed=args.seed
    )
    split = (args.days - args.test_days) * DAY
    train = sum(1 for moment, *_ in world.engagements if moment < split)
    print(
        f"world: {len(world.people):,} people, {len(world.notes):,} notes, "
        f"{len(world.engagements):,} engagements ({train:,} before day {args.days - args.test_days}, "
        f"{len(world.engagements) - train:,} held out); built in {time.perf_counter() - started:.1f} s"
    )
    evaluation = evaluate(world, test_days=args.test_days, k=K, seed=args.seed)
    results = evaluation.results
    print(
        f"evaluated on {evaluation.people:,} people with held-out engagements; "
        f"catalogue at the split: {evaluation.catalogue:,} notes"
    )
    print()
    print(f"| recommender | recall@{K} | coverage | ms per person |")
    print("|---|---:|---:|---:|")
    for name, (recall, coverage, elapsed) in results.items():
        print(f"| {name} | {recall:.4f} | {coverage:.2%} | {elapsed:.2f} |")
    explore = results["Explore"][0]
    popular = max(results["most popular (all time)"][0], results["most popular (last 7 days)"][0])
    print()
    if popular:
        print(f"Explore / best most-popular recall@{K}: {explore / popular:.1f}x")
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

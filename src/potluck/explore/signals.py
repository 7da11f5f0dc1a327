"""The signals periodic jobs derive for Explore, as pure functions (the jobs in
``tasks.py`` read and write the tables; the offline benchmark calls these directly).

- Trending: engagement divided by a power of age ("gravity"), so a note liked a hundred
  times this morning beats one liked two hundred times last week.
- Co-engagement neighbours: notes engaged with by the same people, scored by cosine
  similarity of their audiences; each person's most recent engagements only, so one
  prolific account cannot dominate and the work stays bounded.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

GRAVITY = 1.3


def trending_score(*, likes: int, collects: int, comments: int, clicks: int, age_hours: float) -> float:
    engagement = likes + 2.0 * collects + 1.5 * comments + 0.2 * clicks
    return float(engagement / (max(0.0, age_hours) + 2.0) ** GRAVITY)


def co_engagement(
    engagements: Iterable[tuple[int, int]],
    *,
    per_user: int = 30,
    neighbours: int = 20,
    min_common: int = 1,
) -> dict[int, list[tuple[int, float]]]:
    """For ``(person, note)`` pairs, most recent first for each person, each note's top
    ``neighbours`` by audience cosine similarity: common people / sqrt(|A| * |B|)."""
    baskets: dict[int, list[int]] = defaultdict(list)
    for person, note in engagements:
        basket = baskets[person]
        if len(basket) < per_user and note not in basket:
            basket.append(note)
    audience: Counter[int] = Counter()
    common: dict[int, Counter[int]] = defaultdict(Counter)
    for basket in baskets.values():
        audience.update(basket)
        for i, a in enumerate(basket):
            for b in basket[i + 1 :]:
                common[a][b] += 1
                common[b][a] += 1
    result: dict[int, list[tuple[int, float]]] = {}
    for note, counts in common.items():
        scored = (
            (other, together / math.sqrt(audience[note] * audience[other]))
            for other, together in counts.items()
            if together >= min_common
        )
        best = heapq.nlargest(neighbours, scored, key=lambda pair: (pair[1], pair[0]))
        if best:
            result[note] = best
    return result


def similar_to(
    seeds: Mapping[int, float], neighbours: Mapping[int, list[tuple[int, float]]], *, limit: int
) -> dict[int, float]:
    """Notes similar to the weighted ``seeds`` (the viewer's recent engagements), with a
    similarity in 0..1; the seeds themselves are left out."""
    totals: dict[int, float] = defaultdict(float)
    for seed, weight in seeds.items():
        for other, similarity in neighbours.get(seed, ()):
            if other not in seeds:
                totals[other] += weight * similarity
    best = heapq.nlargest(limit, totals.items(), key=lambda pair: (pair[1], pair[0]))
    top = best[0][1] if best else 0.0
    return {note: value / top for note, value in best} if top > 0 else {}

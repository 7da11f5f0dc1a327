"""Explore's ranking rules, on plain data (the same code the offline benchmark drives)."""

from __future__ import annotations

from itertools import pairwise

from potluck.explore import ranking, signals
from potluck.explore.language import note_language, viewer_languages
from potluck.explore.ranking import Candidate, Engagement, PageRules, Profile, Source

NOW = 1_800_000_000.0
HOUR = 3600.0


def note(
    note_id: int,
    *,
    author: int | None = None,
    category: str = "food",
    topics: tuple[int, ...] = (),
    language: str = "en",
    age_hours: float = 24,
    likes: int = 10,
    impressions: int = 100,
    clicks: int = 8,
) -> Candidate:
    return Candidate(
        note_id=note_id,
        author_id=author if author is not None else note_id,
        category=category,
        language=language,
        published_at=NOW - age_hours * HOUR,
        topics=topics,
        likes=likes,
        impressions=impressions,
        clicks=clicks,
    )


def flat(candidates: list[Candidate]) -> dict[int, float]:
    """Scores that keep the given order (first is best)."""
    return {c.note_id: float(len(candidates) - i) for i, c in enumerate(candidates)}


EN = frozenset({"en"})


def test_no_two_consecutive_notes_by_one_author_while_others_exist() -> None:
    candidates = [note(i, author=1) for i in range(6)] + [note(10 + i, author=2 + i % 2) for i in range(4)]

    order = ranking.arrange(candidates, flat(candidates), languages=EN, rules=PageRules(page_size=10))

    authors = [next(c.author_id for c in candidates if c.note_id == n) for n in order]
    assert len(order) == 10
    assert sum(a == b for a, b in pairwise(authors[:8])) == 0


def test_one_author_alone_still_fills_the_page() -> None:
    candidates = [note(i, author=1) for i in range(3)]

    assert ranking.arrange(candidates, flat(candidates), languages=EN) == [0, 1, 2]


def test_a_topic_is_capped_per_page_while_others_are_available() -> None:
    cats = [note(i, category="pets", topics=(7,)) for i in range(10)]
    others = [note(100 + i, category=f"c{i % 5}", topics=(8 + i,)) for i in range(20)]
    candidates = cats + others  # every cat note scores above every other note

    order = ranking.arrange(candidates, flat(candidates), languages=EN, rules=PageRules(page_size=10))

    first_page = order[:10]
    assert sum(n < 100 for n in first_page) == PageRules(page_size=10).max_per_topic == 3
    assert order[:3] == [0, 1, 2]  # the best go first, the cap only defers the rest
    second_page = order[10:20]
    assert sum(n < 100 for n in second_page) == 3  # the cap applies again per page


def test_a_category_is_capped_per_page() -> None:
    pets = [note(i, category="pets", topics=(i,)) for i in range(20)]
    food = [note(100 + i, category="food", topics=(100 + i,)) for i in range(20)]
    candidates = pets + food

    order = ranking.arrange(candidates, flat(candidates), languages=EN, rules=PageRules(page_size=10))

    assert sum(n < 100 for n in order[:10]) == PageRules(page_size=10).max_per_category == 7


def test_other_languages_take_their_share_of_each_page() -> None:
    english = [note(i, language="en") for i in range(40)]
    chinese = [note(100 + i, language="zh") for i in range(40)]
    candidates = english + chinese
    for setting, expected in (("none", 0), ("some", 4), ("many", 10)):
        rules = PageRules(page_size=20, other_language_share=ranking.OTHER_LANGUAGE_SHARE[setting])

        order = ranking.arrange(candidates, flat(candidates), languages=EN, rules=rules, count=20)

        assert sum(n >= 100 for n in order) == expected, setting


def test_other_language_notes_are_spread_through_the_page() -> None:
    candidates = [note(i, language="en") for i in range(20)] + [
        note(100 + i, language="zh") for i in range(20)
    ]
    rules = PageRules(page_size=10, other_language_share=0.2)

    order = ranking.arrange(candidates, flat(candidates), languages=EN, rules=rules, count=10)

    positions = [i for i, n in enumerate(order) if n >= 100]
    assert len(positions) == 2
    assert positions[1] - positions[0] >= 3


def test_with_none_other_languages_never_appear_even_when_nothing_else_is_left() -> None:
    candidates = [note(1, language="en"), note(2, language="zh"), note(3, language="und")]
    rules = PageRules(other_language_share=0.0)

    assert sorted(ranking.arrange(candidates, flat(candidates), languages=EN, rules=rules)) == [1, 3]


def test_seen_and_duplicate_notes_are_left_out() -> None:
    candidates = [note(1), note(2), note(2), note(3), note(4)]

    order = ranking.arrange(candidates, flat(candidates), languages=EN, seen=[3])

    assert sorted(order) == [1, 2, 4]


def test_a_new_note_without_impressions_gets_explored() -> None:
    profile = Profile(categories={"food": 1.0})
    established = [note(i, age_hours=30, likes=40, impressions=500, clicks=40) for i in range(10)]
    newcomer = note(99, age_hours=1, likes=0, impressions=0, clicks=0)
    old_unseen = note(98, age_hours=24 * 10, likes=0, impressions=0, clicks=0)

    scores = ranking.score([*established, newcomer, old_unseen], profile, now=NOW)

    assert scores[99] > max(scores[i] for i in range(10))
    assert scores[98] < min(scores[i] for i in range(10))
    assert ranking.exploration(note(97, age_hours=1, impressions=200), NOW) == 0.0


def test_affinity_freshness_and_quality_order_scores() -> None:
    profile = Profile(categories={"pets": 3.0, "food": 1.0}, followed=frozenset({50}))
    pets, food = note(1, category="pets"), note(2, category="food")
    older = note(3, category="pets", age_hours=24 * 7)
    clicked = note(4, category="food", clicks=30)
    followed = note(5, category="travel", author=50)
    stranger = note(6, category="travel")

    scores = ranking.score([pets, food, older, clicked, followed, stranger], profile, now=NOW)

    assert scores[1] > scores[2]  # affinity
    assert scores[1] > scores[3]  # freshness
    assert scores[4] > scores[2]  # quality (click-through)
    assert scores[5] > scores[6]  # following


def test_similar_notes_score_above_unrelated_ones() -> None:
    similar = Candidate(**{**note(1).__dict__, "similarity": 1.0, "sources": frozenset({Source.SIMILAR})})

    scores = ranking.score([similar, note(2)], Profile(), now=NOW)

    assert scores[1] > scores[2]


def test_engagement_teaches_the_profile_beyond_what_was_picked() -> None:
    profile = ranking.learn_profile(
        picked_categories=["food"],
        picked_topics=[5],
        engagements=[Engagement("collect", "pets", (9,)), Engagement("like", "pets", (9,))],
    )

    assert profile.categories["pets"] > profile.categories["food"]
    assert ranking.top_interests(profile.topics, 1) == [9]


def test_co_engagement_finds_notes_liked_by_the_same_people() -> None:
    likes = [(1, 10), (1, 11), (2, 10), (2, 11), (3, 10), (3, 12), (4, 13)]

    neighbours = signals.co_engagement(likes)

    assert neighbours[10][0][0] == 11
    assert 13 not in neighbours
    similar = signals.similar_to({10: 1.0}, neighbours, limit=5)
    assert list(similar) == [11, 12]
    assert similar[11] == 1.0


def test_trending_prefers_recent_engagement() -> None:
    fresh = signals.trending_score(likes=100, collects=0, comments=0, clicks=0, age_hours=3)
    stale = signals.trending_score(likes=200, collects=0, comments=0, clicks=0, age_hours=72)

    assert fresh > stale


def test_a_notes_language_is_its_authors_until_detection_lands() -> None:
    assert note_language(author_languages=["zh-Hans", "en"], author_locale="en") == "zh"
    assert note_language(author_languages=[], author_locale="es_MX") == "es"
    assert note_language(author_languages=[], author_locale=None) == "und"
    assert viewer_languages(languages=["en"], locale="zh-Hans") == {"en", "zh"}

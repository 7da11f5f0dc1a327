"""The demo's plan: every note, its photos and what people do with it, decided before the
database is touched.

Seeded, so the same plan every time: ``plan_notes()`` gives two hundred-odd notes in
posting order, and ``plan_notes(limit)`` the first ``limit`` of them (the first ten cover
every category, so a small demo stays varied).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from potluck.demo import content
from potluck.demo.content import DemoUser
from potluck.demo.images import LANDSCAPE, PORTRAIT, SQUARE, PhotoSpec, can_draw, seeded
from potluck.demo.translations import NotePieces
from potluck.notes.models import Visibility

# The seed of the whole demo: the same notes, boards and pictures on every run.
SEED = 2025
# Extra photos in a carousel come from a few shared pictures per scene; the pipeline
# processes each once and reuses its outputs for the same bytes.
POOL_VARIANTS = 2
POOL_SEED = 1_000_000


@dataclass
class PlannedComment:
    author: str
    body: str
    likers: list[str] = field(default_factory=list)
    # (author, body, answers): ``answers`` is None for a reply to the top-level comment, else
    # the index of the earlier reply in this thread it answers.
    replies: list[tuple[str, str, int | None]] = field(default_factory=list)


@dataclass
class PlannedNote:
    author: DemoUser
    category: str
    title: str
    body: str
    location: str
    visibility: str
    photos: list[PhotoSpec]
    draft: bool = False
    likers: list[str] = field(default_factory=list)
    collectors: list[str] = field(default_factory=list)
    comments: list[PlannedComment] = field(default_factory=list)
    pinned: str | None = None  # the author's own comment, pinned on top
    # What the body is made of, for its human translations (potluck.demo.translations).
    pieces: NotePieces | None = None


_SCENE_WORDS = (
    (re.compile(r"火锅|串串|钵钵鸡|hot ?pot|冒菜|マーラー|마라|火鍋", re.IGNORECASE), "hotpot"),
    (re.compile(r"面|粉丝|noodle|ramen|ラーメン|국밥|抄手|饺子", re.IGNORECASE), "noodles"),
    (re.compile(r"咖啡|latte|coffee|café|cafe|カフェ|brunch|croissant|pastéis|nata", re.IGNORECASE), "latte"),
    (re.compile(r"酸奶|yogurt|ヨーグルト|breakfast|desayuno|冰粉|bowl|pequeno", re.IGNORECASE), "fruit_bowl"),
    (
        re.compile(r"海|beach|coast|ocean|mar\b|playa|praia|Ipanema|Tulum|surf|Bretagne", re.IGNORECASE),
        "seaside",
    ),
    (re.compile(r"夜|night|noche|nuit|lights|灯", re.IGNORECASE), "city_dusk"),
    (re.compile(r"山|hike|mountain|volcan|Izta|trilha|富士|云海|雪", re.IGNORECASE), "mountains"),
    (re.compile(r"野餐|picnic|pique|park|公园", re.IGNORECASE), "picnic"),
    (re.compile(r"瑜伽|yoga|ヨガ", re.IGNORECASE), "yoga"),
    (re.compile(r"书|book|本棚|libro|lecture|reading|绘本", re.IGNORECASE), "bookshelf"),
    (re.compile(r"阳台|balcon|balcony|植物|plant|绿植|garden|庭", re.IGNORECASE), "balcony"),
    (re.compile(r"睡|nap|昼寝|sleep|sol\b|太阳", re.IGNORECASE), "cat_nap"),
)
_QUESTION = re.compile(r"[?？]|求|吗")
# Titles that are guides or lists get a text cover more often, as on Xiaohongshu.
_GUIDE = re.compile(
    r"攻略|清单|指南|合集|经验|公式|tips|guide|routine|formula|FAQ|how|怎么|方法|必看", re.IGNORECASE
)


def _scene_for(text: str, category: str, rng: random.Random) -> str:
    options = content.SCENES[category]
    for pattern, scene in _SCENE_WORDS:
        if pattern.search(text) and (scene in options or category in ("other", "travel", "food")):
            return scene
    return rng.choice(options)


def _by_username() -> dict[str, DemoUser]:
    return {user.username: user for user in content.USERS}


def plan_notes(limit: int | None = None) -> list[PlannedNote]:
    """Every note of the demo in posting order (oldest first); the first ten cover every
    category, so ``limit`` keeps a small demo varied."""
    rng = seeded(str(SEED))
    pools = {
        language: {category: rng.sample(items, len(items)) for category, items in by_category.items()}
        for language, by_category in content.NOTES.items()
    }
    picks: list[_Pick] = []
    # People with one interest choose first, so the food blogger writes about food.
    for user in sorted(content.USERS, key=lambda user: len(user.interests)):
        pool = pools[user.language]
        for _ in range(user.notes):
            categories = [c for c in user.interests if pool.get(c)] or [
                c for c in content.CATEGORIES if pool.get(c)
            ]
            if not categories:
                break
            category = rng.choice([*categories, categories[0]])  # the first interest weighs double
            title, opening = pool[category].pop()
            picks.append(_Pick(user, category, title, opening))
    rng.shuffle(picks)
    first_of_each: dict[str, int] = {}
    for index, pick in enumerate(picks):
        first_of_each.setdefault(pick.category, index)
    front = [picks[first_of_each[c]] for c in content.CATEGORIES if c in first_of_each]
    ordered = front + [pick for index, pick in enumerate(picks) if index not in set(first_of_each.values())]
    if limit is not None:
        ordered = ordered[:limit]
    planned = [_plan_note(index, pick) for index, pick in enumerate(ordered)]
    if any(note.author.username == "demo" for note in planned):
        planned += _drafts()
    return planned


class _Pick(NamedTuple):
    author: DemoUser
    category: str
    title: str
    opening: str


def _plan_note(index: int, pick: _Pick) -> PlannedNote:
    author, category, title, opening = pick
    rng = seeded(f"{SEED}:{author.username}:{title}")
    language = author.language
    others = [user for user in content.USERS if user.username != author.username]
    paragraph = [opening]
    details = content.DETAILS[language].get(category) or content.DETAILS[language]["any"]
    paragraph += rng.sample(details, rng.randint(1, min(2, len(details))))
    # Chinese and Japanese posts put each sentence on a line of its own.
    lines = ["\n".join(paragraph) if language in ("zh", "ja") else " ".join(paragraph)]
    mention: tuple[str, str] | None = None
    if rng.random() < 0.25:
        friend = rng.choice([user for user in others if user.language == language] or others)
        mention = (rng.choice(content.MENTIONS[language]), friend.username)
        lines.append(mention[0].format(user=friend.username))
    if question := rng.choice(content.QUESTIONS[language]):
        lines.append(question)
    topics = content.TOPICS[language].get(category) or content.TOPICS[language]["any"]
    tags = rng.sample(topics, min(len(topics), rng.randint(2, 4)))
    if author.username in ("tiktok_refugee", "hannah_learns") and "#TikTokRefugee" not in tags:
        tags.append("#TikTokRefugee")
    lines.append(" ".join(tags))
    body = "\n\n".join(lines)
    location = author.location if category != "travel" and rng.random() < 0.5 else ""
    roll = rng.random()
    visibility = (
        Visibility.FOLLOWERS if roll < 0.025 else Visibility.PRIVATE if roll < 0.04 else Visibility.PUBLIC
    )
    note = PlannedNote(
        author=author,
        category=category,
        title=title,
        body=body,
        location=location,
        visibility=visibility,
        photos=_plan_photos(
            rng, index=index, category=category, language=language, title=title, text=f"{title} {opening}"
        ),
        pieces=NotePieces(tuple(paragraph), mention, question, lines[-1]),
    )
    if visibility == Visibility.PUBLIC:
        _plan_reactions(note, rng, others)
    return note


def _plan_photos(
    rng: random.Random, *, index: int, category: str, language: str, title: str, text: str
) -> list[PhotoSpec]:
    count = rng.choices(range(1, 10), weights=[14, 14, 18, 16, 11, 10, 6, 4, 7])[0]
    scene = _scene_for(text, category, rng)
    guide = bool(_GUIDE.search(text))
    if rng.random() < (0.55 if guide else 0.12) and can_draw(title, language):
        label = rng.choice((content.GUIDE_LABELS if guide else content.CARD_LABELS)[language])
        cover = PhotoSpec("card", index, *PORTRAIT, text=title, subtitle=label, language=language)
    else:
        width, height = rng.choices([PORTRAIT, SQUARE, LANDSCAPE], weights=[80, 12, 8])[0]
        cover = PhotoSpec(scene, index, width, height)
    scenes = [scene, *(s for s in content.SCENES[category] if s != scene)]
    pool = [(s, variant) for s in scenes for variant in range(POOL_VARIANTS)]
    extras = [pool[0], *rng.sample(pool[1:], len(pool) - 1)][: count - 1]
    return [cover, *(_pool_photo(s, variant) for s, variant in extras)]


def _pool_photo(scene: str, variant: int) -> PhotoSpec:
    width, height = (PORTRAIT, SQUARE, LANDSCAPE)[variant % 3]
    return PhotoSpec(scene, POOL_SEED + variant, width, height)


def _plan_reactions(note: PlannedNote, rng: random.Random, others: list[DemoUser]) -> None:
    author = note.author
    popularity = rng.lognormvariate(1.6, 0.9)
    note.likers = [user.username for user in rng.sample(others, min(len(others), int(popularity)))]
    collects = int(len(note.likers) * rng.uniform(0.15, 0.5))
    note.collectors = rng.sample(note.likers, collects)
    for _ in range(min(7, int(rng.lognormvariate(0.7, 0.8)))):
        commenter = rng.choice(others)
        comment = PlannedComment(commenter.username, rng.choice(content.COMMENTS[commenter.language]))
        comment.likers = [
            user.username for user in rng.sample(content.USERS, min(6, int(rng.expovariate(1.1))))
        ]
        asks = bool(_QUESTION.search(comment.body))
        if rng.random() < (0.75 if asks else 0.4):
            language = commenter.language if commenter.language in author.languages else author.language
            answers = content.INFO_ANSWERS if asks else content.ANSWERS
            comment.replies.append((author.username, rng.choice(answers[language]), None))
            if rng.random() < 0.3:
                comment.replies.append(
                    (commenter.username, rng.choice(content.THANKS[commenter.language]), 0)
                )
        if rng.random() < 0.15:
            friend = rng.choice(others)
            comment.replies.append((friend.username, rng.choice(content.CHIME_INS[friend.language]), None))
        note.comments.append(comment)
    if len(note.comments) >= 2 and rng.random() < 0.45:
        note.pinned = rng.choice(content.PINNED[author.language])


def _drafts() -> list[PlannedNote]:
    host = _by_username()["demo"]
    return [
        PlannedNote(
            host,
            "travel",
            "Draft: packing list",
            "Passport, charger, snacks, and… what else?",
            "",
            Visibility.PUBLIC,
            [_pool_photo("seaside", 1)],
            draft=True,
        ),
        PlannedNote(
            host,
            "other",
            "Draft: hello world",
            "Still deciding what to write here.",
            "",
            Visibility.PUBLIC,
            [_pool_photo("bokeh_night", 0)],
            draft=True,
        ),
    ]

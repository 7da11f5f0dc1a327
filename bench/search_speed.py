"""Search speed (issue #6): latency at 10 clients, suggestions, and indexing throughput.

On PostgreSQL (1,000,000 notes, two ``potluck serve`` processes with Redis, as in
distributed mode) or SQLite (200,000 notes, one embedded process):

1. **Seeding** (a benchmark fixture, not a product path: COPY on PostgreSQL, executemany
   in big transactions on SQLite): 20,000 people (some with Chinese display names) and
   notes written like Xiaohongshu's, about 50% Chinese (some Traditional), 45% English and
   5% mixed, titles of at most 20 characters and bodies of 50-600, drawn from real word
   frequencies (jieba's dictionary for Chinese, zxcvbn's English Wikipedia and TV lists
   for English: Zipf-like) around some thirty themes (hotpot in Chengdu, sunscreen for
   oily skin, ...), with #topics (hashtag rows and note links for ~4,500 topics, so topic
   suggestions have data), like counts, published over the last 90 days; 95% public, 4%
   followers-only, 1% private.
2. **Indexing** through the real path, ``potluck.search.indexing.reindex_batch`` (what
   ``potluck search reindex`` and the indexing job run), a batch of 500 per transaction:
   the first 20,000 notes in this process (notes/s; target at least 1,000), then the rest
   in parallel processes, each over its own ID range (notes/s with N processes); the
   index's size; the vocabulary refreshed once (``spelling.refresh_vocabulary``) as the
   periodic job would; 2,000 popular queries with their searchers over the last week
   (``search_query_count``) for suggestions.
3. **Latency** over real HTTP: per query set (several dozen different queries each, from
   the corpus' vocabulary, common and rare) one wrk process with 10 connections going
   round the set (closed loop) after a warm-up; p50/p95/p99 and requests/s. Sets: one
   English word, two English words, Chinese (segmented words, unsegmented phrases, with a
   space, Traditional), one English word logged in (10 people's API tokens: their history
   and the query counts are written), and suggestions (1-4 character prefixes, Latin and
   Chinese), logged out (which a process may answer from its cache) and logged in. Before
   the load every query is asked once (all must answer 200; most must find something) and
   once more alone to list the slowest; ``--explain`` then profiles the slowest of each
   set in this process and runs its statements under EXPLAIN ANALYZE. Targets on
   PostgreSQL: search p95 at most 50 ms, suggestions p95 at most 10 ms.

The seeded and indexed database is kept between runs (PostgreSQL database
``potluck_bench_search``, ``_N`` appended for another ``--notes``; SQLite files under
``/tmp/potluck_bench_search/``): ``--reseed`` builds it again, ``--reindex`` only the
index. Redis database ``/12`` is emptied at start. The SQLite server runs without its
embedded worker so that periodic jobs (Explore's, the index's upkeep) do not run during
the measurements, as on PostgreSQL where no worker process is started.

Needs wrk, PostgreSQL accepting ``postgres`` without a password and Redis::

    .venv/bin/python bench/search_speed.py                       # PostgreSQL, 1,000,000 notes
    .venv/bin/python bench/search_speed.py --database sqlite     # 200,000 notes
    .venv/bin/python bench/search_speed.py --notes 20000 --duration 5 --explain --json -
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import secrets
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import asyncpg
import httpx

from http_baseline import (
    BIN_DIR,
    Server,
    _same_code,
    background_cores,
    describe_code,
    potluck_env,
    redis_answers,
    running,
    serve_command,
)

DEFAULT_NOTES = {"postgres": 1_000_000, "sqlite": 200_000}
DATABASE = "potluck_bench_search"
SQLITE_DIR = Path(tempfile.gettempdir()) / "potluck_bench_search"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/12"
DEFAULT_PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
SEED_VERSION = 1  # bump when the corpus changes: kept databases are then rebuilt
USERS = 20_000
DAYS = 90
FIRST_USER = 10_000_000
FIRST_NOTE = 100_000_000
FIRST_HASHTAG = 300_000_000
FIRST_TOKEN = 400_000_000
TOKENS = 10  # logged-in searchers
SAMPLE = 20_000  # notes indexed in this process for the one-process figure
INDEX_BATCH = 500  # what `potluck search reindex` uses
POPULAR_QUERIES = 2_000
CHUNK = 50_000
CONNECTIONS = 10
TARGET_SEARCH_P95_MS = 50.0
TARGET_SUGGEST_P95_MS = 10.0
TARGET_INDEX_RATE = 1_000.0

# --- the corpus ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Theme:
    """What a note is about: its category, words in each language, topics people tag it with."""

    name: str
    category: str
    zh: tuple[str, ...]
    en: tuple[str, ...]
    zh_topics: tuple[str, ...]
    en_topics: tuple[str, ...]


def _w(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# fmt: off
THEMES: tuple[Theme, ...] = (
    Theme("hotpot", "food", _w("火锅 毛肚 牛油 麻辣 锅底 鸭肠 排队 人均 探店 好吃 推荐 鸳鸯锅 冰粉 油碟"),
          _w("hotpot spicy broth tripe dipping sauce queue restaurant sichuan numbing beef"),
          _w("火锅 成都美食 重庆火锅 探店 美食推荐"), _w("hotpot foodie sichuanfood eatlocal")),
    Theme("sunscreen", "beauty", _w("防晒 防晒霜 油皮 干皮 敏感肌 成膜 补涂 不假白 测评 推荐 美白 清爽 搓泥"),
          _w("sunscreen spf oily skin sensitive skincare reapply lightweight white cast review"),
          _w("防晒 护肤 油皮护肤 好物分享"), _w("skincare sunscreen spf beautytips")),
    Theme("coffee", "food", _w("咖啡 拿铁 美式 手冲 咖啡店 探店 豆子 燕麦 拉花 打卡 氛围感"),
          _w("coffee latte espresso pourover cafe beans oat barista cozy"),
          _w("咖啡 咖啡探店 城市漫步"), _w("coffee cafehopping latteart")),
    Theme("travel-plan", "travel", _w("旅行 攻略 行程 酒店 民宿 机票 景点 自由行 避坑 拍照 打卡 门票"),
          _w("travel itinerary hotel flight trip guide budget sightseeing backpacking tickets"),
          _w("旅行攻略 自由行 旅行 周末去哪儿"), _w("travel travelguide wanderlust itinerary")),
    Theme("skincare", "beauty", _w("护肤 精华 面霜 爽肤水 痘痘 毛孔 保湿 修护 早c晚a 刷酸 闭口"),
          _w("skincare serum moisturizer toner acne pores hydrating retinol niacinamide routine"),
          _w("护肤 护肤心得 敏感肌"), _w("skincare skincareroutine acne")),
    Theme("makeup", "beauty", _w("化妆 口红 粉底 眼影 腮红 妆容 新手 教程 持妆 遮瑕 素颜"),
          _w("makeup lipstick foundation eyeshadow blush tutorial concealer beginner glow"),
          _w("化妆教程 口红试色 美妆"), _w("makeup makeuptutorial grwm")),
    Theme("ootd", "fashion", _w("穿搭 显瘦 通勤 搭配 小个子 裙子 外套 牛仔裤 配色 基础款 气质"),
          _w("outfit ootd jeans dress jacket style casual minimalist wardrobe petite"),
          _w("穿搭 ootd 每日穿搭 小个子穿搭"), _w("ootd fashion outfitideas")),
    Theme("fitness", "fitness", _w("健身 减脂 跑步 瑜伽 普拉提 增肌 打卡 体脂 饮食 热量 帕梅拉"),
          _w("workout gym running yoga pilates protein cardio squat fatloss routine"),
          _w("健身 减脂 运动打卡"), _w("fitness workout gymlife")),
    Theme("cat", "pets", _w("猫咪 猫粮 小猫 铲屎官 猫砂 领养 布偶 英短 橘猫 绝育 驱虫"),
          _w("cat kitten litter catfood adopt vet ragdoll tabby meow"),
          _w("猫咪 养猫 萌宠"), _w("catsofinstagram cats kitten")),
    Theme("dog", "pets", _w("狗狗 柯基 金毛 遛狗 狗粮 训练 泰迪 柴犬 疫苗 洗澡"),
          _w("dog puppy corgi golden walk training treats leash shiba"),
          _w("狗狗 养狗 萌宠日常"), _w("dogsofinstagram puppy dogtraining")),
    Theme("baking", "food", _w("烘焙 蛋糕 面包 饼干 烤箱 黄油 低筋面粉 戚风 奶油 配方 新手"),
          _w("baking cake bread cookies oven butter sourdough recipe cream flour"),
          _w("烘焙 家庭烘焙 甜品"), _w("baking homebaker sourdough")),
    Theme("home-cooking", "food", _w("家常菜 做饭 食谱 红烧肉 番茄炒蛋 快手菜 下饭 减脂餐 便当 一人食"),
          _w("recipe dinner cooking easy meal prep noodles stirfry dumplings homemade"),
          _w("家常菜 一人食 减脂餐"), _w("recipe homecooking mealprep")),
    Theme("study", "study", _w("学习 考研 英语 雅思 背单词 自律 笔记 图书馆 考试 复习 上岸"),
          _w("study exam notes library ielts vocabulary productivity focus revision"),
          _w("学习 考研 自律 学习打卡"), _w("studygram studytips ielts")),
    Theme("home", "home", _w("家居 装修 收纳 租房 改造 客厅 卧室 软装 好物 宜家 清洁"),
          _w("home decor apartment storage renovation bedroom ikea cozy cleaning"),
          _w("家居 租房改造 收纳 装修"), _w("homedecor apartmenttherapy organizing")),
    Theme("parenting", "parenting", _w("宝宝 育儿 辅食 早教 奶粉 带娃 绘本 幼儿园 睡眠 母婴"),
          _w("baby toddler parenting formula nap kindergarten books mom dad"),
          _w("育儿 宝宝辅食 母婴好物"), _w("parenting momlife toddler")),
    Theme("milk-tea", "food", _w("奶茶 喜茶 霸王茶姬 珍珠 少糖 新品 果茶 芋泥 测评"),
          _w("bubble tea boba milk tapioca matcha fruit sugar"),
          _w("奶茶 奶茶测评 新品"), _w("bubbletea boba")),
    Theme("camping", "travel", _w("露营 帐篷 徒步 户外 装备 天幕 营地 星空 野餐 登山"),
          _w("camping tent hiking outdoor gear trail stars picnic mountain"),
          _w("露营 户外 徒步"), _w("camping hiking outdoors")),
    Theme("japan", "travel", _w("日本 东京 大阪 京都 北海道 签证 温泉 便利店 中古 换汇"),
          _w("japan tokyo osaka kyoto hokkaido visa onsen ramen sushi shinkansen"),
          _w("日本旅行 东京 日本自由行"), _w("japantravel tokyo kyoto")),
    Theme("digital", "other", _w("手机 耳机 平板 电脑 充电宝 测评 iphone 拍照 续航 配件"),
          _w("phone iphone headphones laptop tablet charger battery camera review gadgets"),
          _w("数码 数码好物 苹果"), _w("tech gadgets iphone")),
    Theme("nails", "beauty", _w("美甲 甲油胶 猫眼 法式 短甲 显白 款式"),
          _w("nails manicure gel polish french nailart"),
          _w("美甲 美甲分享"), _w("nails nailart")),
    Theme("hair", "beauty", _w("发型 染发 烫发 短发 刘海 洗发水 发质 护发"),
          _w("hair haircut bangs dye curls shampoo conditioner"),
          _w("发型 染发 护发"), _w("hair haircolor")),
    Theme("reading", "study", _w("读书 书单 小说 推荐 阅读 散文 作者"),
          _w("book reading novel booklist author fiction library"),
          _w("读书 书单推荐"), _w("booktok bookstagram")),
    Theme("city-walk", "travel", _w("citywalk 散步 老街 胡同 古镇 周末 拍照 路线"),
          _w("walk street neighbourhood weekend photos route market"),
          _w("citywalk 周末去哪儿"), _w("citywalk weekend")),
    Theme("career", "other", _w("工作 求职 面试 简历 实习 加班 职场 跳槽 工资"),
          _w("job interview resume internship career salary office remote"),
          _w("职场 求职 面试"), _w("career jobsearch")),
)
# fmt: on
ZH_CITIES = _w(
    "成都 重庆 上海 北京 广州 深圳 杭州 西安 长沙 厦门 大理 "
    "三亚 武汉 南京 苏州 青岛 昆明 台北 香港 东京 首尔 曼谷"
)
EN_CITIES = _w(
    "london paris tokyo seoul bangkok singapore sydney melbourne toronto vancouver berlin "
    "amsterdam barcelona lisbon rome newyork chicago seattle boston austin dublin edinburgh"
)
EMOJI = _w("🔥 ✨ 😋 💯 🥰 👍 🙌 👀 🍲 ☕ 🌞 🐱 🐶 💄 📚 🏕 ✈️")
GENERAL_TOPICS = _w(
    "生活记录 日常 好物分享 我的日常 碎片日记 周末 vlog 治愈 今日份快乐 宝藏 "
    "ootd dailylife vlog aesthetic lifestyle weekendvibes selfcare"
)
ZH_NAME_PATTERNS = ("{w}的{x}", "爱吃{w}的{x}", "{w}小{x}", "{x}{w}", "{w}{x}酱")
ZH_NAME_BITS = _w("小王 阿May 橙子 兔兔 大白 小鱼 团子 桃子 土豆 可乐 花花 小周 一一 木木")
STOP = frozenset(
    (
        *("a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "how", "i", "in", "is"),
        *("it", "me", "my", "of", "on", "or", "the", "to", "was", "what", "where", "which", "who", "why"),
        *("with", "you", "your"),
    )
)


@dataclass(frozen=True)
class Vocabulary:
    """Words with cumulative weights (real frequencies, Zipf-like), the commonest first."""

    words: list[str]
    cumulative: list[float]

    def draw(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)


def _cumulative(weights: Sequence[float]) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


@cache
def chinese_vocabulary(size: int = 80_000) -> Vocabulary:
    """jieba's dictionary (Han words of 1-4 characters) with its frequencies."""
    import jieba  # noqa: PLC0415

    entries = []
    with (Path(jieba.__file__).parent / "dict.txt").open(encoding="utf-8") as lines:
        for line in lines:
            word, frequency, *_ = line.split()
            if re.fullmatch(r"[\u4e00-\u9fff]{1,4}", word):
                entries.append((int(frequency), word))
    entries.sort(key=lambda entry: (-entry[0], entry[1]))
    entries = entries[:size]
    return Vocabulary([word for _, word in entries], _cumulative([frequency for frequency, _ in entries]))


@cache
def english_vocabulary() -> Vocabulary:
    """zxcvbn's English TV-and-film and Wikipedia word lists, ranked (weights 1/rank)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS  # noqa: PLC0415

    rank: dict[str, int] = {}
    for name in ("us_tv_and_film", "english_wikipedia"):
        for position, word in enumerate(FREQUENCY_LISTS[name]):
            if word.isascii() and word.isalpha():
                rank[word] = min(rank.get(word, position), position)
    words = sorted(rank, key=lambda word: (rank[word], word))
    return Vocabulary(words, _cumulative([1.0 / (position + 2) for position in range(len(words))]))


@cache
def topic_universe() -> tuple[list[str], list[float]]:
    """About 4,500 topic names, the commonest first, and their cumulative weights."""
    names: list[str] = list(GENERAL_TOPICS)
    for theme in THEMES:
        names += [*theme.zh_topics, *theme.en_topics]
    for city in ZH_CITIES:
        names += [f"{city}{kind}" for kind in ("美食", "探店", "旅行", "攻略", "咖啡", "周末", "生活")]
    for city in EN_CITIES:
        names += [f"{city}{kind}" for kind in ("food", "eats", "travel", "coffee", "life")]
    names += [word for word in chinese_vocabulary().words[200:6000] if len(word) >= 2][:2500]
    names += [word for word in english_vocabulary().words[100:3000] if len(word) >= 4][:1500]
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(name.casefold(), name)
    ordered = list(unique.values())
    return ordered, _cumulative([1.0 / (position + 5) ** 0.9 for position in range(len(ordered))])


@dataclass(frozen=True)
class GeneratedNote:
    language: str
    title: str
    body: str
    category: str
    location: str
    topics: list[str]


class Writer:
    """Notes as people write them, the same for the same seed."""

    def __init__(self, seed: str = "potluck-search-speed") -> None:
        self.rng = random.Random(seed)
        self.zh = chinese_vocabulary()
        self.en = english_vocabulary()
        self.topics, self.topic_weights = topic_universe()
        self.theme_weights = _cumulative([1.0 / (i + 1) ** 0.7 for i in range(len(THEMES))])
        self.zh_common = [w for w in self.zh.words[:3000] if len(w) >= 2]
        import opencc  # noqa: PLC0415

        self.traditional = opencc.OpenCC("s2t")

    def note(self) -> GeneratedNote:
        rng = self.rng
        theme = rng.choices(THEMES, cum_weights=self.theme_weights)[0]
        roll = rng.random()
        language = "zh" if roll < 0.5 else "en" if roll < 0.95 else "mix"
        if language == "zh" and rng.random() < 0.15:
            language = "zh-hant"
        target = min(600, max(50, int(rng.lognormvariate(5.2, 0.6))))
        chinese = language != "en"
        topics = self._topics(theme, chinese)
        tags = " ".join(f"#{name}" for name in topics)
        room = max(30, target - len(tags) - 2)
        city = ""
        if rng.random() < 0.35:
            city = rng.choice(ZH_CITIES if chinese else EN_CITIES)
        if chinese:
            title, text = self._chinese(theme, room, city, mixed=language == "mix")
        else:
            title, text = self._english(theme, room, city)
        if rng.random() < 0.4:
            text += rng.choice(EMOJI)
        body = f"{text}\n{tags}" if tags else text
        if language == "zh-hant":
            title, body = self.traditional.convert(title), self.traditional.convert(body)
        location = city if city and rng.random() < 0.5 else ""
        return GeneratedNote(language, title[:20], body, theme.category, location, topics)

    def _topics(self, theme: Theme, chinese: bool) -> list[str]:
        rng = self.rng
        count = rng.choice((0, 1, 1, 2, 2, 3, 3, 4, 5))
        own = theme.zh_topics if chinese else theme.en_topics
        chosen: dict[str, str] = {}
        for _ in range(count):
            if rng.random() < 0.6:
                name = rng.choice(own)
            else:
                name = rng.choices(self.topics, cum_weights=self.topic_weights)[0]
            chosen.setdefault(name.casefold(), name)
        return list(chosen.values())

    def _chinese(self, theme: Theme, room: int, city: str, *, mixed: bool) -> tuple[str, str]:
        rng = self.rng
        title_words = [*rng.sample(theme.zh, 2), rng.choice(self.zh_common)]
        if city:
            title_words.insert(0, city)
        title = "".join(title_words)[:18] + (rng.choice(EMOJI) if rng.random() < 0.3 else "")
        parts: list[str] = []
        length = 0
        while length < room:
            words = self.zh.draw(rng, rng.randint(4, 11))
            for _ in range(rng.choice((1, 1, 2))):
                words.insert(rng.randrange(len(words) + 1), rng.choice(theme.zh))
            if city and rng.random() < 0.3:
                words.insert(0, city)
            if mixed and rng.random() < 0.6:
                english = rng.choice(theme.en) if rng.random() < 0.5 else self.en.draw(rng, 1)[0]
                words.insert(rng.randrange(len(words) + 1), f" {english} ")
            sentence = "".join(words) + rng.choice("，，，。。！～")
            parts.append(sentence)
            length += len(sentence)
        return title, "".join(parts)[:room]

    def _english(self, theme: Theme, room: int, city: str) -> tuple[str, str]:
        rng = self.rng
        title_words = [*rng.sample(theme.en, 2), *self.en.draw(rng, rng.randint(0, 2))]
        if city:
            title_words.insert(0, city.capitalize())
        title = ""
        for word in title_words:
            if len(title) + len(word) + 1 > 20:
                break
            title = f"{title} {word.capitalize()}".strip()
        parts: list[str] = []
        length = 0
        while length < room:
            words = self.en.draw(rng, rng.randint(6, 15))
            for _ in range(rng.choice((1, 1, 2))):
                words.insert(rng.randrange(len(words) + 1), rng.choice(theme.en))
            if city and rng.random() < 0.3:
                words.append(f"in {city.capitalize()}")
            sentence = " ".join(words).capitalize() + rng.choice((".", ".", "!", "?")) + " "
            parts.append(sentence)
            length += len(sentence)
        text = "".join(parts)[:room]
        return title or theme.en[0].capitalize(), text.rsplit(" ", 1)[0] if len(text) == room else text


# --- seeding -----------------------------------------------------------------------------


@dataclass
class Target:
    """Where the bench's data lives: a PostgreSQL database or a SQLite file."""

    kind: str  # postgres or sqlite
    notes: int
    url: str  # as POTLUCK_DATABASE_URL takes it (async driver)
    plain_url: str  # asyncpg's URL, or the SQLite file's path
    admin_url: str = ""

    @property
    def name(self) -> str:
        return self.plain_url.rsplit("/", 1)[-1]


def target_for(kind: str, notes: int, admin_url: str) -> Target:
    suffix = "" if notes == DEFAULT_NOTES[kind] else f"_{notes}"
    if kind == "postgres":
        plain = admin_url.rsplit("/", 1)[0] + f"/{DATABASE}{suffix}"
        url = plain.replace("postgresql://", "postgresql+asyncpg://", 1)
        return Target(kind, notes, url, plain, admin_url)
    path = SQLITE_DIR / f"search{suffix or '_' + str(notes)}.db"
    return Target(kind, notes, f"sqlite+aiosqlite:///{path}", str(path))


def users_rows(rng: random.Random, now: datetime) -> list[tuple[Any, ...]]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS  # noqa: PLC0415

    first = [n for n in FREQUENCY_LISTS["female_names"] + FREQUENCY_LISTS["male_names"] if n.isalpha()]
    last = [n for n in FREQUENCY_LISTS["surnames"] if n.isalpha()]
    zh_words = [word for theme in THEMES for word in theme.zh if len(word) <= 3]
    rows = []
    for n in range(USERS):
        given, family = rng.choice(first), rng.choice(last)
        username = f"{given[:12]}{family[:6]}{n}"
        if rng.random() < 0.4:
            pattern = rng.choice(ZH_NAME_PATTERNS)
            display = pattern.format(w=rng.choice(zh_words), x=rng.choice(ZH_NAME_BITS))
        else:
            display = f"{given.capitalize()} {family.capitalize()}"
        followers = int(rng.paretovariate(1.2)) - 1
        created = now - timedelta(days=DAYS + 30 + rng.randrange(300))
        rows.append((FIRST_USER + n, username, username.lower(), display[:60], "!", "", "[]", False, False,
                     min(followers, 5_000_000), rng.randrange(300), 0, now, created, now))  # fmt: skip
    return rows


USER_COLUMNS = [
    "id", "username", "username_key", "display_name", "password_hash", "bio", "languages", "is_admin",
    "is_suspended", "follower_count", "following_count", "note_count", "last_active_at", "created_at",
    "updated_at",
]  # fmt: skip
NOTE_COLUMNS = [
    "id", "author_id", "type", "title", "body", "visibility", "category", "location", "published_at",
    "like_count", "collect_count", "comment_count", "view_count", "created_at", "updated_at",
]  # fmt: skip
HASHTAG_COLUMNS = ["id", "name", "key", "note_count", "created_at"]
LINK_COLUMNS = ["note_id", "hashtag_id", "position"]


def hashtag_rows(now: datetime) -> tuple[list[tuple[Any, ...]], dict[str, int]]:
    from potluck.notes.text import topic_key  # noqa: PLC0415

    names, _ = topic_universe()
    rows, ids = [], {}
    for n, name in enumerate(names):
        key = topic_key(name)
        if key in ids:
            continue
        ids[key] = FIRST_HASHTAG + n
        rows.append((FIRST_HASHTAG + n, name, key, 0, now - timedelta(days=DAYS + 10)))
    return rows, ids


def note_chunks(
    total: int, now: datetime, hashtag_ids: dict[str, int]
) -> Iterator[tuple[list[tuple[Any, ...]], list[tuple[int, int, int]], Counter[str]]]:
    """Notes (oldest first, so IDs grow with publication time), their topic links and how
    many notes of each language, ``CHUNK`` at a time."""
    from potluck.notes.text import topic_key  # noqa: PLC0415

    writer = Writer()
    rng = random.Random("potluck-search-speed/notes")
    span = DAYS * 86_400
    notes: list[tuple[Any, ...]] = []
    links: list[tuple[int, int, int]] = []
    languages: Counter[str] = Counter()
    for n in range(total):
        note = writer.note()
        note_id = FIRST_NOTE + n
        published = now - timedelta(seconds=span * (total - n) / total + rng.random())
        roll = rng.random()
        visibility = "public" if roll < 0.95 else "followers" if roll < 0.99 else "private"
        author = FIRST_USER + int(USERS * rng.random() ** 2)
        likes = int(rng.lognormvariate(2.5, 1.6))
        notes.append((note_id, author, "image" if rng.random() < 0.85 else "video", note.title, note.body,
                      visibility, note.category, note.location, published, likes, likes // 5, likes // 10,
                      likes * 8, published, published))  # fmt: skip
        for position, name in enumerate(note.topics):
            links.append((note_id, hashtag_ids[topic_key(name)], position))
        languages[note.language] += 1
        if len(notes) == CHUNK:
            yield notes, links, languages
            notes, links, languages = [], [], Counter()
    if notes:
        yield notes, links, languages


async def seed_postgres(target: Target, log: Any) -> dict[str, Any]:
    started = time.monotonic()
    now = datetime.now(UTC)
    rng = random.Random("potluck-search-speed/users")
    connection = await asyncpg.connect(target.plain_url)
    languages: Counter[str] = Counter()
    try:
        await connection.copy_records_to_table(
            "user_account", columns=USER_COLUMNS, records=users_rows(rng, now)
        )
        hashtags, hashtag_ids = hashtag_rows(now)
        await connection.copy_records_to_table("hashtag", columns=HASHTAG_COLUMNS, records=hashtags)
        done = 0
        for notes, links, counts in note_chunks(target.notes, now, hashtag_ids):
            await connection.copy_records_to_table("note", columns=NOTE_COLUMNS, records=notes)
            await connection.copy_records_to_table("note_hashtag", columns=LINK_COLUMNS, records=links)
            languages += counts
            done += len(notes)
            if done % 200_000 < CHUNK:
                log(f"  seeded {done:,} notes ({time.monotonic() - started:.0f}s)")
        await connection.execute(
            "UPDATE hashtag SET note_count = c.n FROM "
            "(SELECT hashtag_id, count(*) AS n FROM note_hashtag GROUP BY hashtag_id) c "
            "WHERE hashtag.id = c.hashtag_id"
        )
        await connection.execute(
            "UPDATE user_account SET note_count = c.n FROM "
            "(SELECT author_id, count(*) AS n FROM note GROUP BY author_id) c "
            "WHERE user_account.id = c.author_id"
        )
        await connection.execute("VACUUM ANALYZE")
    finally:
        await connection.close()
    return {"notes": target.notes, "languages": dict(languages), "seconds": time.monotonic() - started}


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):  # as SQLAlchemy stores UTCDateTime on SQLite
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def _insert_sqlite(
    connection: sqlite3.Connection, table: str, columns: list[str], rows: Sequence[Any]
) -> None:
    statement = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    connection.executemany(statement, ([_sqlite_value(v) for v in row] for row in rows))


def seed_sqlite(target: Target, log: Any) -> dict[str, Any]:
    started = time.monotonic()
    now = datetime.now(UTC)
    rng = random.Random("potluck-search-speed/users")
    languages: Counter[str] = Counter()
    connection = sqlite3.connect(target.plain_url, isolation_level=None)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("BEGIN")
        _insert_sqlite(connection, "user_account", USER_COLUMNS, users_rows(rng, now))
        hashtags, hashtag_ids = hashtag_rows(now)
        _insert_sqlite(connection, "hashtag", HASHTAG_COLUMNS, hashtags)
        connection.execute("COMMIT")
        done = 0
        for notes, links, counts in note_chunks(target.notes, now, hashtag_ids):
            connection.execute("BEGIN")
            _insert_sqlite(connection, "note", NOTE_COLUMNS, notes)
            _insert_sqlite(connection, "note_hashtag", LINK_COLUMNS, links)
            connection.execute("COMMIT")
            languages += counts
            done += len(notes)
            if done % 100_000 < CHUNK:
                log(f"  seeded {done:,} notes ({time.monotonic() - started:.0f}s)")
        connection.execute("BEGIN")
        connection.execute(
            "UPDATE hashtag SET note_count = "
            "(SELECT count(*) FROM note_hashtag WHERE note_hashtag.hashtag_id = hashtag.id)"
        )
        connection.execute(
            "UPDATE user_account SET note_count = "
            "(SELECT count(*) FROM note WHERE note.author_id = user_account.id)"
        )
        connection.execute("COMMIT")
        connection.execute("ANALYZE")
    finally:
        connection.close()
    return {"notes": target.notes, "languages": dict(languages), "seconds": time.monotonic() - started}


# --- what the run keeps: a table of its own in the bench database ---------------------------


class State:
    """``bench_search_state`` (key, JSON value) in the bench database itself."""

    def __init__(self, target: Target) -> None:
        self.target = target

    async def _run(self, statement: str, *args: Any) -> list[Any]:
        if self.target.kind == "sqlite":
            statement = re.sub(r"\$\d", "?", statement)
            with contextlib.closing(sqlite3.connect(self.target.plain_url, isolation_level=None)) as db:
                return list(db.execute(statement, args).fetchall())
        connection = await asyncpg.connect(self.target.plain_url)
        try:
            return list(await connection.fetch(statement, *args))
        finally:
            await connection.close()

    async def get(self, key: str) -> Any:
        with contextlib.suppress(sqlite3.OperationalError, asyncpg.UndefinedTableError):
            rows = await self._run("SELECT value FROM bench_search_state WHERE key = $1", key)
            return json.loads(rows[0][0]) if rows else None
        return None

    async def put(self, key: str, value: Any) -> None:
        await self._run(
            "CREATE TABLE IF NOT EXISTS bench_search_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
        )
        await self._run("DELETE FROM bench_search_state WHERE key = $1", key)
        await self._run("INSERT INTO bench_search_state VALUES ($1, $2)", key, json.dumps(value, default=str))

    async def forget(self, key: str) -> None:
        with contextlib.suppress(sqlite3.OperationalError, asyncpg.UndefinedTableError):
            await self._run("DELETE FROM bench_search_state WHERE key = $1", key)


async def fresh_database(target: Target) -> None:
    """An empty database (dropped first if it exists)."""
    if target.kind == "sqlite":
        SQLITE_DIR.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(target.plain_url + suffix).unlink(missing_ok=True)
        return
    admin = await asyncpg.connect(target.admin_url)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{target.name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{target.name}"')
    finally:
        await admin.close()


async def database_exists(target: Target) -> bool:
    if target.kind == "sqlite":
        return Path(target.plain_url).exists()
    admin = await asyncpg.connect(target.admin_url)
    try:
        return bool(await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", target.name))
    finally:
        await admin.close()


def migrate(target: Target, var_dir: Path) -> None:
    env = potluck_env(var_dir, target.url)
    subprocess.run([str(BIN_DIR / "potluck"), "db", "upgrade"], env=env, check=True, capture_output=True)


# --- indexing ----------------------------------------------------------------------------


def _runtime(target: Target, var_dir: Path) -> Any:
    from potluck.runtime import Runtime  # noqa: PLC0415
    from potluck.settings import Settings  # noqa: PLC0415

    settings = Settings(
        var_dir=var_dir, database_url=target.url, redis_url="", secret_key="bench", embedded_worker=False
    )
    return Runtime(settings)


async def index_range(target: Target, var_dir: Path, first: int, last: int) -> tuple[int, float]:
    """Notes ``first`` to ``last`` (exclusive, counted from the first note) through
    ``reindex_batch``, a batch per transaction as ``potluck search reindex`` does; how many
    and the seconds taken."""
    from potluck.db.session import unit_of_work  # noqa: PLC0415
    from potluck.search import indexing  # noqa: PLC0415

    runtime = _runtime(target, var_dir)
    after, end, done = FIRST_NOTE + first - 1, FIRST_NOTE + last - 1, 0
    started = time.perf_counter()
    try:
        while after < end:
            async with unit_of_work(lambda: runtime.database.session(writing=True)) as session:
                note_ids = await indexing.reindex_batch(
                    session, after=after, limit=min(INDEX_BATCH, end - after)
                )
            if not note_ids:
                break
            after, done = note_ids[-1], done + len(note_ids)
    finally:
        await runtime.stop()
    return done, time.perf_counter() - started


def index_in_processes(
    target: Target, first: int, last: int, processes: int, var_dir: Path
) -> tuple[int, float]:
    """Notes ``first`` to ``last`` split among ``processes`` processes of this script."""
    bounds = [first + (last - first) * k // processes for k in range(processes + 1)]
    started = time.perf_counter()
    children = []
    for k in range(processes):
        command = [sys.executable, str(Path(__file__).resolve()), "--index-range", str(bounds[k]),
                   str(bounds[k + 1]), "--database", target.kind, "--notes", str(target.notes)]  # fmt: skip
        children.append(subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=var_dir))
    done = 0
    for child in children:
        output, _ = child.communicate()
        if child.returncode != 0:
            raise RuntimeError(f"an indexing process failed ({child.returncode})")
        done += json.loads(output.strip().splitlines()[-1])["notes"]
    return done, time.perf_counter() - started


async def index_size(target: Target) -> dict[str, int]:
    if target.kind == "sqlite":
        sizes = {"file": Path(target.plain_url).stat().st_size}
        with (
            contextlib.closing(sqlite3.connect(target.plain_url)) as db,
            contextlib.suppress(
                sqlite3.OperationalError  # dbstat is optional
            ),
        ):
            for name, size in db.execute(
                "SELECT name, sum(pgsize) FROM dbstat WHERE name LIKE 'search_note%' "
                "OR name LIKE 'sqlite_autoindex_search_note%' GROUP BY name"
            ):
                sizes[name] = int(size)
        sizes["index"] = sum(v for k, v in sizes.items() if k != "file")
        return sizes
    connection = await asyncpg.connect(target.plain_url)
    try:
        return {
            "index": int(await connection.fetchval("SELECT pg_total_relation_size('search_note')")),
            "search_note heap": int(await connection.fetchval("SELECT pg_relation_size('search_note')")),
            "lexemes GIN": int(
                await connection.fetchval("SELECT pg_relation_size('ix_search_note_lexemes')")
            ),
            "note table": int(await connection.fetchval("SELECT pg_total_relation_size('note')")),
        }
    finally:
        await connection.close()


async def clear_index(target: Target) -> None:
    if target.kind == "sqlite":
        with contextlib.closing(sqlite3.connect(target.plain_url, isolation_level=None)) as db:
            db.execute("DELETE FROM search_note")
            db.execute("DELETE FROM search_term")
            db.execute("VACUUM")
        return
    connection = await asyncpg.connect(target.plain_url)
    try:
        await connection.execute("TRUNCATE search_note, search_term")
    finally:
        await connection.close()


async def after_indexing(target: Target) -> float:
    """What autovacuum would have done on a live site (PostgreSQL: GIN's pending list
    merged, statistics); ANALYZE on SQLite."""
    started = time.perf_counter()
    if target.kind == "sqlite":
        with contextlib.closing(sqlite3.connect(target.plain_url, isolation_level=None)) as db:
            db.execute("ANALYZE")
    else:
        connection = await asyncpg.connect(target.plain_url)
        try:
            await connection.execute("VACUUM ANALYZE search_note")
        finally:
            await connection.close()
    return time.perf_counter() - started


async def refresh_vocabulary(target: Target, var_dir: Path) -> tuple[int, float]:
    from potluck.db.session import unit_of_work  # noqa: PLC0415
    from potluck.search import spelling  # noqa: PLC0415

    runtime = _runtime(target, var_dir)
    started = time.perf_counter()
    try:
        async with unit_of_work(lambda: runtime.database.session(writing=True)) as session:
            terms = await spelling.refresh_vocabulary(session)
    finally:
        await runtime.stop()
    return terms, time.perf_counter() - started


async def analysis_rate(target: Target, count: int = 2_000) -> float:
    """Notes/s of the text analysis alone (the terms ``indexing.document_of`` asks for,
    no database), over the first ``count`` notes: how much of indexing it is."""
    from potluck.search.analysis import index_terms  # noqa: PLC0415

    statement = "SELECT title, body, location FROM note WHERE id < $1 ORDER BY id"
    if target.kind == "sqlite":
        with contextlib.closing(sqlite3.connect(target.plain_url)) as db:
            rows = db.execute(statement.replace("$1", "?"), (FIRST_NOTE + count,)).fetchall()
    else:
        connection = await asyncpg.connect(target.plain_url)
        try:
            rows = list(await connection.fetch(statement, FIRST_NOTE + count))
        finally:
            await connection.close()
    index_terms("成都火锅 warm-up")  # loads jieba, OpenCC, the stemmer
    started = time.perf_counter()
    for title, body, location in rows:  # as indexing.document_of
        index_terms(title)
        index_terms(body, location)
    return len(rows) / (time.perf_counter() - started)


async def indexed_up_to(target: Target, first: int, last: int) -> int:
    """Where indexing notes ``first`` to ``last`` stopped (``first`` if it never began):
    each range is indexed in ID order, a committed batch at a time, so an interrupted run
    resumes after the last note in the index (private notes are never in it: a few notes
    before that may be indexed again, which is harmless)."""
    statement = "SELECT max(note_id) FROM search_note WHERE note_id >= $1 AND note_id < $2"
    bounds = (FIRST_NOTE + first, FIRST_NOTE + last)
    if target.kind == "sqlite":
        with contextlib.closing(sqlite3.connect(target.plain_url)) as db:
            found = db.execute(statement.replace("$1", "?").replace("$2", "?"), bounds).fetchone()[0]
    else:
        connection = await asyncpg.connect(target.plain_url)
        try:
            found = await connection.fetchval(statement, *bounds)
        finally:
            await connection.close()
    return first if found is None else int(found) - FIRST_NOTE + 1


def bulk_index_sqlite(target: Target, first: int, last: int) -> tuple[int, float]:
    """Notes ``first`` to ``last`` into SQLite's index as the bench's fixture, not the
    product's path: the same documents (``indexing.document_of``, the same rows as the
    engine writes) put in with one ``INSERT ... SELECT`` per 2,000 notes, so the FTS5
    trigger runs inside one statement. The real path (``reindex_batch``: SQLAlchemy's
    executemany, one statement and trigger run per row) slows down as FTS5 grows (17 ms a
    row at 40,000 indexed notes): measured on the first notes, it would take hours here."""
    from types import SimpleNamespace  # noqa: PLC0415

    from potluck.search.engine_common import index_rows  # noqa: PLC0415
    from potluck.search.indexing import document_of, is_searchable  # noqa: PLC0415

    started, done = time.perf_counter(), 0
    columns = [
        "id",
        "title",
        "body",
        "location",
        "category",
        "type",
        "visibility",
        "published_at",
        "like_count",
    ]
    with contextlib.closing(sqlite3.connect(target.plain_url, isolation_level=None)) as db:
        db.execute("PRAGMA foreign_keys = ON")
        for start in range(first, last, 2_000):
            rows = db.execute(
                f"SELECT {', '.join(columns)} FROM note WHERE id >= ? AND id < ? ORDER BY id",
                (FIRST_NOTE + start, FIRST_NOTE + min(last, start + 2_000)),
            ).fetchall()
            notes = [SimpleNamespace(**dict(zip(columns, row, strict=True))) for row in rows]
            for note in notes:
                if note.published_at is not None:
                    note.published_at = datetime.fromisoformat(note.published_at).replace(tzinfo=UTC)
            documents = [document_of(note) for note in notes if is_searchable(note)]
            records = index_rows(documents)
            if not records:
                continue
            names = list(records[0])
            db.execute("BEGIN IMMEDIATE")
            listed = ", ".join(names)
            db.execute(f"CREATE TEMP TABLE IF NOT EXISTS staging AS SELECT {listed} FROM search_note LIMIT 0")
            db.execute("DELETE FROM staging")
            _insert_sqlite(db, "staging", names, [tuple(record.values()) for record in records])
            db.execute("DELETE FROM search_note WHERE note_id IN (SELECT note_id FROM staging)")
            db.execute(f"INSERT INTO search_note ({listed}) SELECT {listed} FROM staging")
            db.execute("COMMIT")
            done += len(rows)
    return done, time.perf_counter() - started


def build_index(target: Target, var_dir: Path, processes: int, log: Any) -> dict[str, Any]:
    state = State(target)
    sample = min(SAMPLE, target.notes)
    figures: dict[str, Any] | None = asyncio.run(state.get("index_sample"))
    if figures is None:
        log(f"indexing the first {sample:,} notes in this process ...")
        done, seconds = asyncio.run(index_range(target, var_dir, 0, sample))
        figures = {"sample_notes": done, "sample_seconds": seconds, "sample_rate": done / seconds}
        asyncio.run(state.put("index_sample", figures))
        log(f"  {done:,} notes in {seconds:.1f}s: {done / seconds:,.0f} notes/s")
    else:
        log(f"the first {sample:,} notes were indexed by an interrupted run: "
            f"{figures['sample_rate']:,.0f} notes/s")  # fmt: skip
    if target.notes > sample and target.kind == "sqlite":
        first = asyncio.run(indexed_up_to(target, sample, target.notes))
        log(f"indexing notes {first:,} to {target.notes:,} in bulk (a fixture; see bulk_index_sqlite) ...")
        done, seconds = bulk_index_sqlite(target, first, target.notes)
        figures.update(bulk_notes=done, bulk_seconds=seconds, bulk_from=first)
        log(f"  {done:,} notes in {seconds:.0f}s")
    elif target.notes > sample:
        log(f"indexing the other {target.notes - sample:,} notes in {processes} processes ...")
        done, seconds = index_in_processes(target, sample, target.notes, processes, var_dir)
        resumed = target.notes - sample - done
        figures.update(rest_notes=done, rest_seconds=seconds, rest_rate=done / seconds, processes=processes,
                       rest_already_indexed=resumed)  # fmt: skip
        log(
            f"  {done:,} notes in {seconds:.0f}s: {done / seconds:,.0f} notes/s with {processes} processes"
            + (f" (resumed: {resumed:,} were indexed by an interrupted run)" if resumed > 0 else "")
        )
    figures["maintenance_seconds"] = asyncio.run(after_indexing(target))
    terms, seconds = asyncio.run(refresh_vocabulary(target, var_dir))
    figures.update(vocabulary_terms=terms, vocabulary_seconds=seconds)
    log(f"vocabulary refreshed: {terms:,} terms in {seconds:.1f}s")
    figures["size"] = asyncio.run(index_size(target))
    return figures


# --- popular queries and tokens ---------------------------------------------------------------


def popular_queries(rng: random.Random) -> list[str]:
    """What people search for most, the most searched first."""
    queries: list[str] = []
    for theme in THEMES:
        queries += list(theme.zh[:6]) + list(theme.en[:5])
        queries += [f"{rng.choice(ZH_CITIES)}{word}" for word in theme.zh[:4]]
        queries += [f"{a} {b}" for a, b in zip(theme.en[:4], theme.en[1:5], strict=False)]
        queries += [f"{rng.choice(theme.zh)} 推荐", f"best {rng.choice(theme.en)}"]
    queries += [w for w in chinese_vocabulary().words[300:3000] if len(w) >= 2][:600]
    queries += [w for w in english_vocabulary().words[200:3000] if len(w) >= 4][:600]
    unique = list(dict.fromkeys(queries))
    rng.shuffle(unique)
    return unique[:POPULAR_QUERIES]


async def seed_popular(target: Target, var_dir: Path) -> int:
    """``search_query_count`` rows for the week's popular queries (what suggestions offer)."""
    from sqlalchemy import delete, insert  # noqa: PLC0415

    from potluck.db.session import unit_of_work  # noqa: PLC0415
    from potluck.search.models import SearchQueryCount  # noqa: PLC0415
    from potluck.search.service import query_key  # noqa: PLC0415

    rng = random.Random("potluck-search-speed/popular")
    hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    rows: dict[tuple[str, datetime], dict[str, Any]] = {}
    for rank, query in enumerate(popular_queries(rng)):
        searchers = int(400 / (rank + 1) ** 0.8) + 2
        for _ in range(searchers):
            at = hour - timedelta(hours=rng.randrange(24 * 7 - 1))
            row = rows.setdefault(
                (query_key(query), at),
                {"query_key": query_key(query), "hour": at, "query": query, "searchers": 0},
            )
            row["searchers"] += 1
    runtime = _runtime(target, var_dir)
    try:
        async with unit_of_work(lambda: runtime.database.session(writing=True)) as session:
            await session.execute(delete(SearchQueryCount))
            await session.execute(insert(SearchQueryCount), list(rows.values()))
    finally:
        await runtime.stop()
    return len(rows)


async def make_tokens(target: Target) -> list[str]:
    """API tokens of ``TOKENS`` people (new ones each run)."""
    from potluck.accounts.credentials import TOKEN_PREFIX, hash_secret  # noqa: PLC0415

    now = datetime.now(UTC)
    secrets_made = [TOKEN_PREFIX + secrets.token_urlsafe(32) for _ in range(TOKENS)]
    rows = [
        (FIRST_TOKEN + n, FIRST_USER + 7 + n * 13, "bench", hash_secret(secret), secret[:8], now, "")
        for n, secret in enumerate(secrets_made)
    ]
    columns = ["id", "user_id", "name", "token_hash", "prefix", "created_at", "last_used_ip"]
    if target.kind == "sqlite":
        with contextlib.closing(sqlite3.connect(target.plain_url, isolation_level=None)) as db:
            db.execute("DELETE FROM api_token WHERE id >= ?", (FIRST_TOKEN,))
            _insert_sqlite(db, "api_token", columns, rows)
    else:
        connection = await asyncpg.connect(target.plain_url)
        try:
            await connection.execute("DELETE FROM api_token WHERE id >= $1", FIRST_TOKEN)
            await connection.copy_records_to_table("api_token", columns=columns, records=rows)
        finally:
            await connection.close()
    return secrets_made


# --- query sets --------------------------------------------------------------------------------


def _band(
    words: Sequence[str], start: int, stop: int, count: int, rng: random.Random, *, min_length: int
) -> list[str]:
    pool = [w for w in words[start:stop] if len(w) >= min_length and w not in STOP]
    return rng.sample(pool, count)


def query_sets() -> dict[str, list[str]]:
    """Several dozen different queries per set, common and rare, the same on every run."""
    rng = random.Random("potluck-search-speed/queries")
    en, zh = english_vocabulary().words, chinese_vocabulary().words
    theme_en = sorted({w for t in THEMES for w in t.en})
    theme_zh = sorted({w for t in THEMES for w in t.zh if re.fullmatch(r"[\u4e00-\u9fff]+", w)})
    one = [
        *rng.sample(theme_en, 16),  # the themes' words: common in their notes
        *_band(en, 60, 600, 16, rng, min_length=4),  # common everywhere (good, time, love...)
        *_band(en, 3000, 20000, 16, rng, min_length=5),  # rare
    ]
    two = []
    for theme in rng.sample(THEMES, 16):
        a, b = rng.sample(theme.en, 2)
        two.append(f"{a} {b}")
    two += [f"{rng.choice(theme_en)} {w}" for w in _band(en, 100, 2000, 16, rng, min_length=4)]
    firsts, seconds = (
        _band(en, 300, 3000, 16, rng, min_length=4),
        _band(en, 2000, 15000, 16, rng, min_length=5),
    )
    two += [f"{a} {b}" for a, b in zip(firsts, seconds, strict=True)]
    chinese = []
    for theme in rng.sample(THEMES, 12):
        words = [w for w in theme.zh if re.fullmatch(r"[\u4e00-\u9fff]+", w)]
        chinese.append(f"{rng.choice(ZH_CITIES)}{rng.choice(words)}")  # unsegmented: 成都火锅
        a, b = rng.sample(words, 2)
        chinese.append(f"{a} {b}")  # with a space: 防晒 推荐
    chinese += rng.sample(theme_zh, 12)
    chinese += _band(zh, 2000, 40000, 12, rng, min_length=2)  # rarer words
    import opencc  # noqa: PLC0415

    traditional = opencc.OpenCC("s2t")
    chinese += [traditional.convert(q) for q in rng.sample(chinese[:24], 6)]  # 成都火鍋
    latin = rng.sample(theme_en, 12) + _band(en, 50, 2000, 12, rng, min_length=4)
    suggest = [word[: rng.randint(1, 4)] for word in latin]
    places = [f"{c}{w}" for c, w in zip(rng.sample(ZH_CITIES, 12), rng.sample(theme_zh, 12), strict=True)]
    suggest += [query[: rng.randint(1, 3)] for query in rng.sample(theme_zh, 12) + places]
    return {
        "one English word": one,
        "two English words": two,
        "Chinese": chinese,
        "one word, logged in": one,
        "suggestions": suggest,
        # Logged-out suggestions may be served from a per-process cache; a person's are not.
        "suggestions, logged in": suggest,
    }


def set_paths(name: str, queries: list[str]) -> list[str]:
    if name.startswith("suggestions"):
        return [f"/api/v1/search/suggest?q={quote(q)}" for q in queries]
    return [f"/api/v1/search?q={quote(q)}" for q in queries]


# --- load -----------------------------------------------------------------------------------

_WRK_SCRIPT = """
local requests = {}
for line in io.lines(os.getenv("SEARCH_SPEED_REQUESTS")) do
  local token, path = line:match("^(%S+)\\t(%S+)$")
  local headers = {}
  if token ~= "-" then headers["Authorization"] = "Bearer " .. token end
  requests[#requests + 1] = wrk.format("GET", path, headers)
end
local next_one = 0
function request()
  next_one = next_one % #requests + 1
  return requests[next_one]
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d non2xx=%d errors=%d p50=%d p95=%d p99=%d max=%d\\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


@dataclass
class Load:
    requests: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    non_2xx: int
    errors: int


def run_wrk(base_url: str, lines: list[str], seconds: float, work_dir: Path) -> Load:
    requests_file = work_dir / "requests.txt"
    requests_file.write_text("".join(line + "\n" for line in lines))
    script = work_dir / "search.lua"
    script.write_text(_WRK_SCRIPT)
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
               "-s", str(script), base_url]  # fmt: skip
    completed = subprocess.run(
        command,
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 60,
        env={**os.environ, "SEARCH_SPEED_REQUESTS": str(requests_file)},
    )
    match = re.search(r"^RESULT (.*)$", completed.stdout, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"unexpected wrk output:\n{completed.stdout}\n{completed.stderr}")
    values = {key: int(value) for key, value in (pair.split("=") for pair in match.group(1).split())}
    return Load(
        requests=values["requests"],
        requests_per_second=values["requests"] / (values["duration_us"] / 1e6),
        p50_ms=values["p50"] / 1000,
        p95_ms=values["p95"] / 1000,
        p99_ms=values["p99"] / 1000,
        max_ms=values["max"] / 1000,
        non_2xx=values["non2xx"],
        errors=values["errors"],
    )


@dataclass
class Checked:
    answered_200: int
    with_results: int
    mean_results: float
    alone_p50_ms: float  # each query once more, one at a time
    # The first time each query is asked (its relevance ranking not yet kept), alone:
    first_p50_ms: float = 0.0
    first_p95_ms: float = 0.0
    slowest: list[tuple[float, str]] = field(default_factory=list)  # alone, ms
    slowest_first: list[tuple[float, str]] = field(default_factory=list)


def check_set(base_url: str, name: str, queries: list[str], tokens: list[str]) -> Checked:
    """Every query once (warming up: timed as the first ask) and checked, then once more
    alone, timed."""
    suggest = name.startswith("suggestions")
    statuses, found, timings, firsts = 0, [], [], []
    with httpx.Client(base_url=base_url, timeout=60) as client:
        for n, (query, path) in enumerate(zip(queries, set_paths(name, queries), strict=True)):
            headers = {"Authorization": f"Bearer {tokens[n % len(tokens)]}"} if "logged in" in name else {}
            started = time.perf_counter()
            response = client.get(path, headers=headers)
            firsts.append(((time.perf_counter() - started) * 1000, query))
            if response.status_code == 200:
                statuses += 1
                body = response.json()
                found.append(len(body["items"] if suggest else body["notes"]))
            else:
                print(f"    {response.status_code} for {query!r}: {response.text[:200]}")
            started = time.perf_counter()
            client.get(path, headers=headers)
            timings.append(((time.perf_counter() - started) * 1000, query))
    return Checked(
        answered_200=statuses,
        with_results=sum(1 for count in found if count),
        mean_results=statistics.mean(found) if found else 0.0,
        alone_p50_ms=statistics.median(ms for ms, _ in timings),
        first_p50_ms=statistics.median(ms for ms, _ in firsts),
        first_p95_ms=_percentile([ms for ms, _ in firsts], 95),
        slowest=sorted(timings, reverse=True)[:5],
        slowest_first=sorted(firsts, reverse=True)[:5],
    )


def _percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(percent / 100 * (len(ordered) - 1)))]


def measure_set(
    base_url: str,
    name: str,
    queries: list[str],
    tokens: list[str],
    seconds: float,
    warmup: float,
    work_dir: Path,
) -> dict[str, Any]:
    checked = check_set(base_url, name, queries, tokens)
    paths = set_paths(name, queries)
    if "logged in" in name:
        lines = [f"{tokens[n % len(tokens)]}\t{path}" for n, path in enumerate(paths)]
    else:
        lines = [f"-\t{path}" for path in paths]
    run_wrk(base_url, lines, warmup, work_dir)
    cores = background_cores()
    load = run_wrk(base_url, lines, seconds, work_dir)
    return {
        "queries": len(queries),
        "checked": asdict(checked),
        "load": asdict(load),
        "background_cores": cores,
    }


# --- EXPLAIN of what the engine ran -----------------------------------------------------------


_WATCHED = re.compile(r"\b(search_note|hashtag|user_account)\b")


def _count_statement(statement: str, parameters: Any) -> tuple[str, Any]:
    """``statement`` counting its matches instead (no order, limit or offset); for the
    engine's statements, the notes its query matches in the index."""
    sql = " ".join(statement.split())
    if "@@" in sql:  # PostgreSQL's engine: its tsquery is the first parameter
        return "SELECT count(*) FROM search_note WHERE lexemes @@ CAST($1 AS tsquery)", tuple(parameters)[:1]
    if "MATCH" in sql:  # SQLite's
        return "SELECT count(*) FROM search_note_fts WHERE search_note_fts MATCH ?", tuple(parameters)[:1]
    sql = re.sub(r"(?i)^SELECT .*? FROM ", "SELECT count(*) FROM ", sql, count=1)
    sql = re.sub(r"(?i) ORDER BY .*$", "", sql)
    used = len(set(re.findall(r"\$(\d+)", sql))) or sql.count("?")
    return sql, tuple(parameters)[:used]


async def explain(target: Target, var_dir: Path, kind: str, query: str) -> str:
    """Where one request's time goes, in this process: the service call (search, first
    page, logged out; or suggestions) profiled, and each of its statements on the index,
    topics or people as the service sent them (caught on their way to the driver), run
    again under EXPLAIN ANALYZE (EXPLAIN QUERY PLAN and a timing on SQLite)."""
    import cProfile  # noqa: PLC0415
    import io  # noqa: PLC0415
    import pstats  # noqa: PLC0415

    from sqlalchemy import event  # noqa: PLC0415

    from potluck.db.session import unit_of_work  # noqa: PLC0415
    from potluck.kit.viewer import ANONYMOUS  # noqa: PLC0415
    from potluck.search import service  # noqa: PLC0415

    runtime = _runtime(target, var_dir)
    caught: list[tuple[str, Any]] = []

    def catch(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if _WATCHED.search(statement) and not statement.lstrip().upper().startswith(("INSERT", "UPDATE")):
            caught.append((statement, parameters))

    async def call() -> int:
        async with unit_of_work(lambda: runtime.database.session(writing=True)) as session:
            if kind.startswith("suggestions"):
                return len(await service.suggest(session, query=query, viewer=ANONYMOUS, visitor="explain"))
            results = await service.search_notes(session, query=query, viewer=ANONYMOUS, visitor="explain")
            return len(results.hits)

    lines = []
    sync_engine = runtime.database.engine.sync_engine
    try:
        await call()  # loads the libraries, the caches
        event.listen(sync_engine, "before_cursor_execute", catch)
        profile = cProfile.Profile()
        started = time.perf_counter()
        profile.enable()
        found = await call()
        profile.disable()
        took = (time.perf_counter() - started) * 1000
        event.remove(sync_engine, "before_cursor_execute", catch)
        lines.append(f"  {query!r}: {found} results, {took:.0f} ms in-process (profiled: slower than alone)")
        text = io.StringIO()
        stats = pstats.Stats(profile, stream=text)
        stats.sort_stats("cumulative").print_stats(r"potluck|jieba|pypinyin|rapidfuzz|opencc", 14)
        rows = [row for row in text.getvalue().splitlines() if re.match(r"\s*\d", row)]
        lines += ["    " + re.sub(r"/\S*/(site-packages|src)/", "", row.strip()) for row in rows]
        async with runtime.database.engine.connect() as connection:
            for statement, parameters in caught:
                flat = " ".join(statement.split())
                try:
                    started = time.perf_counter()
                    await connection.exec_driver_sql(statement, parameters)
                    alone = (time.perf_counter() - started) * 1000
                    count_sql, count_parameters = _count_statement(statement, parameters)
                    matches = (await connection.exec_driver_sql(count_sql, count_parameters)).scalar()
                    lines.append(
                        f"  statement ({alone:.1f} ms alone, {matches:,} matching rows): {flat[:600]}"
                    )
                    prefix = (
                        "EXPLAIN QUERY PLAN " if target.kind == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
                    )
                    plan = (await connection.exec_driver_sql(prefix + statement, parameters)).all()
                    lines += ["      " + " ".join(str(column) for column in row) for row in plan]
                except Exception as error:  # a diagnostic: say so and go on
                    await connection.rollback()
                    lines.append(
                        f"  statement {flat[:300]}: could not explain ({str(error).splitlines()[0]})"
                    )
    finally:
        await runtime.stop()
    return "\n".join(lines)


# --- the run -----------------------------------------------------------------------------------


def log(message: str) -> None:
    print(message, flush=True)


def prepare(args: argparse.Namespace, target: Target, var_dir: Path) -> dict[str, Any]:
    """The seeded, indexed database (kept between runs); what seeding and indexing took."""
    state = State(target)
    seeded = None
    if not args.reseed and asyncio.run(database_exists(target)):
        seeded = asyncio.run(state.get("seeded"))
        if seeded is not None and (
            seeded.get("version") != SEED_VERSION or seeded.get("notes") != target.notes
        ):
            log("the kept database was seeded differently: seeding again")
            seeded = None
    if seeded is None:
        log(f"seeding {target.notes:,} notes into {target.plain_url} ...")
        asyncio.run(fresh_database(target))
        migrate(target, var_dir)
        if target.kind == "postgres":
            seeded = asyncio.run(seed_postgres(target, log))
        else:
            seeded = seed_sqlite(target, log)
        seeded["version"] = SEED_VERSION
        asyncio.run(state.put("seeded", seeded))
        log(f"seeded in {seeded['seconds']:.0f}s")
    else:
        migrate(target, var_dir)  # new migrations since it was seeded, if any
        log(
            f"kept database {target.plain_url}: {seeded['notes']:,} notes, seeded in {seeded['seconds']:.0f}s"
        )
    indexed = None if args.reindex else asyncio.run(state.get("indexed"))
    if indexed is None:
        if args.reindex:
            asyncio.run(clear_index(target))
            asyncio.run(state.forget("index_sample"))
        indexed = build_index(target, var_dir, args.index_processes, log)
        asyncio.run(state.put("indexed", indexed))
    else:
        log("kept index (--reindex builds it again)")
    indexed["popular_rows"] = asyncio.run(seed_popular(target, var_dir))
    # In a fresh process: the analysis keeps words' terms per process, and this one may
    # have indexed these very notes already.
    command = [sys.executable, str(Path(__file__).resolve()), "--analysis-rate", "--database", target.kind,
               "--notes", str(target.notes)]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    indexed["analysis_rate"] = json.loads(output.strip().splitlines()[-1])["rate"]
    return {"seeded": seeded, "indexed": indexed}


def server_for(args: argparse.Namespace, target: Target, var_dir: Path) -> Server:
    serve_dir = var_dir / "serve"
    serve_dir.mkdir(exist_ok=True)
    redis_url = args.redis_url if target.kind == "postgres" else None
    env = potluck_env(serve_dir, target.url, redis_url)
    env.update(POTLUCK_RATE_LIMIT_SEARCH="1000000/minute", POTLUCK_RATE_LIMIT_SUGGEST="1000000/minute")
    if args.no_shared_copies:  # every logged-out search computed, as a signed-in person's is
        env["POTLUCK_ANONYMOUS_CACHE_SECONDS"] = "0"
    if target.kind == "sqlite":
        env["POTLUCK_EMBEDDED_WORKER"] = "false"
    workers = args.workers or (2 if target.kind == "postgres" else 1)
    return Server("potluck", serve_command(workers), env, serve_dir / "server.log")


# Read into the operating system's cache before measuring, as on a server that has been
# answering searches for a while (seeding and indexing leave little of it there here:
# a match's row read from disk costs about 35 µs, from the cache about 5).
PREWARMED = ("search_note", "ix_search_note_lexemes", "pk_search_note", "note", "pk_note", "user_account")


async def prewarm(target: Target) -> str:
    connection = await asyncpg.connect(target.plain_url)
    try:
        await connection.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
        for relation in PREWARMED:
            await connection.execute("SELECT pg_prewarm($1::regclass, 'read')", relation)
    except asyncpg.PostgresError as error:
        log(f"not prewarmed ({error}): the first reads come from disk")
        return f"no: {error}"
    finally:
        await connection.close()
    return ", ".join(PREWARMED)


async def flush_redis(url: str) -> None:
    from redis.asyncio import Redis  # noqa: PLC0415

    redis = Redis.from_url(url)
    try:
        await redis.flushdb()
    finally:
        await redis.aclose()


def _mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB"


def server_errors(server: Server) -> Counter[str]:
    """The last line of each exception in the server's log (JSON lines), counted."""
    found: Counter[str] = Counter()
    with contextlib.suppress(OSError):
        for line in server.log_path.read_text(errors="replace").splitlines():
            with contextlib.suppress(ValueError, AttributeError):
                entry = json.loads(line)
                exception = (entry.get("exception") or "").strip().splitlines()
                if exception:
                    last = next((row for row in reversed(exception) if not row.startswith(("[", "("))), "")
                    found[f"{entry.get('event', '').strip()}: {last[:300]}"] += 1
    return found


def report(target: Target, results: dict[str, Any], server: Server) -> list[tuple[str, bool | None]]:
    seeded, indexed = results["seeded"], results["indexed"]
    languages = ", ".join(f"{k} {v:,}" for k, v in sorted(seeded["languages"].items()))
    print(f"\nSearch speed on {target.kind}, {target.notes:,} notes ({languages}); {USERS:,} people")
    print(f"seeding: {seeded['seconds']:.0f}s (a fixture: COPY / executemany)")
    print(f"indexing (reindex_batch, {INDEX_BATCH} notes a transaction):")
    print(f"  1 process:   {indexed['sample_notes']:>9,} notes in {indexed['sample_seconds']:6.1f}s = "
          f"{indexed['sample_rate']:7,.0f} notes/s")  # fmt: skip
    if "rest_notes" in indexed:
        print(f"  {indexed['processes']} processes: {indexed['rest_notes']:>9,} notes in "
              f"{indexed['rest_seconds']:6.1f}s = {indexed['rest_rate']:7,.0f} notes/s")  # fmt: skip
    if "bulk_notes" in indexed:
        print(f"  notes {indexed['bulk_from']:,} on: {indexed['bulk_notes']:,} written in bulk by the bench "
              f"({indexed['bulk_seconds']:.0f}s), not by reindex_batch: see bulk_index_sqlite")  # fmt: skip
    if "rest_notes" in indexed and indexed.get("rest_already_indexed", 0) > 0:
        print(f"               (resumed: {indexed['rest_already_indexed']:,} notes had been indexed "
                  f"by an interrupted run)")  # fmt: skip
    print(f"  the text analysis alone (index_terms, no database): {indexed['analysis_rate']:,.0f} notes/s "
          f"in a fresh process (first 2,000 notes)")  # fmt: skip
    size = indexed["size"]
    parts = ", ".join(f"{k} {_mib(v)}" for k, v in size.items() if k != "index")
    print(f"  index size: {_mib(size['index'])} ({parts})")
    print(f"  then {'VACUUM ANALYZE' if target.kind == 'postgres' else 'ANALYZE'} "
          f"{indexed['maintenance_seconds']:.1f}s; vocabulary refresh: {indexed['vocabulary_terms']:,} terms "
          f"in {indexed['vocabulary_seconds']:.1f}s")  # fmt: skip
    print(f"popular queries for suggestions: {indexed['popular_rows']:,} search_query_count rows "
          f"({POPULAR_QUERIES:,} queries, last 7 days)")  # fmt: skip
    mode = "2 processes + Redis" if target.kind == "postgres" else "1 embedded process"
    results["shared_copies"] = results.get("shared_copies", True)
    print("logged-out searches: " + ("a copy of each page shared for 10 s (anonymous_cache_seconds), so the "
          "load over 48-54 queries is mostly served from it" if results["shared_copies"] else
          "each computed (--no-shared-copies)"))  # fmt: skip
    if results.get("prewarmed"):
        print(f"read into the OS cache first (pg_prewarm 'read'): {results['prewarmed']}")
    print(f"\nHTTP at {CONNECTIONS} connections (wrk, closed loop, going round each set), {mode}:")
    print("(200 / found: queries answered 200 / with at least one result; 1st p50, 1st p95: ms of each "
          "query asked the first time, by one client (a relevance ranking read, not kept yet); alone: "
          "median ms of each query asked again by one client; the load goes round queries asked "
          "before)")  # fmt: skip
    header = (
        f"{'set':<22}{'queries':>8}{'200':>5}{'found':>6}{'1st p50':>8}{'1st p95':>8}{'alone':>7}"
        f"{'req/s':>7}{'p50 ms':>8}{'p95 ms':>8}"
    )
    print(header + f"{'p99 ms':>8}{'max ms':>8}{'non-2xx':>8}{'bg cores':>9}")
    for name, row in results["sets"].items():
        checked, load = row["checked"], row["load"]
        print(f"{name:<22}{row['queries']:>8}{checked['answered_200']:>5}{checked['with_results']:>6}"
              f"{checked.get('first_p50_ms', 0):>8.1f}{checked.get('first_p95_ms', 0):>8.1f}"
              f"{checked['alone_p50_ms']:>7.1f}{load['requests_per_second']:>7,.0f}{load['p50_ms']:>8.1f}"
              f"{load['p95_ms']:>8.1f}{load['p99_ms']:>8.1f}{load['max_ms']:>8.0f}{load['non_2xx']:>8}"
              f"{row['background_cores']:>9.2f}")  # fmt: skip
    print("\nslowest queries alone (1 client, after a first ask):")
    for name, row in results["sets"].items():
        slowest = ", ".join(f"{q!r} {ms:.0f}" for ms, q in row["checked"]["slowest"][:4])
        print(f"  {name}: {slowest} ms")
    print("slowest first asks (1 client):")
    for name, row in results["sets"].items():
        slowest = ", ".join(f"{q!r} {ms:.0f}" for ms, q in row["checked"].get("slowest_first", [])[:4])
        print(f"  {name}: {slowest} ms")
    rate = indexed["sample_rate"]
    verdicts: list[tuple[str, bool | None]] = [
        (f"indexing in one process {rate:,.0f} notes/s (target >= 1,000)", rate >= TARGET_INDEX_RATE)
    ]
    errors = [
        name for name, row in results["sets"].items() if row["load"]["non_2xx"] or row["load"]["errors"]
    ]
    if errors:
        print(f"errors under load in: {', '.join(errors)}; the server logged (whole run, each error twice):")
        for line, count in server_errors(server).most_common(5):
            print(f"  {count} x {line}")
    for name, row in results["sets"].items():
        target_ms = TARGET_SUGGEST_P95_MS if name.startswith("suggestions") else TARGET_SEARCH_P95_MS
        p95 = row["load"]["p95_ms"]
        label = f"{name} p95 {p95:.1f} ms{', with errors' if name in errors else ''}"
        if target.kind == "postgres":
            verdicts.append(
                (f"{label} (target <= {target_ms:.0f} ms)", p95 <= target_ms and name not in errors)
            )
        else:  # the latency targets are PostgreSQL's
            verdicts.append((f"{label} (PostgreSQL's target: <= {target_ms:.0f} ms)", None))
    print()
    for label, ok in verdicts:
        print(f"{'----' if ok is None else 'PASS' if ok else 'MISS'}: {label}")
    return verdicts


def index_worker(args: argparse.Namespace) -> int:
    target = target_for(args.database, args.notes, args.pg_admin_url)
    with tempfile.TemporaryDirectory(prefix="search-speed-index-") as tmp:
        first, last = args.index_range
        first = asyncio.run(indexed_up_to(target, first, last))
        done, seconds = asyncio.run(index_range(target, Path(tmp), first, last))
    print(json.dumps({"notes": done, "seconds": seconds}))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--notes", type=int, help="default 1,000,000 on PostgreSQL, 200,000 on SQLite")
    parser.add_argument("--reseed", action="store_true", help="build the bench database again")
    parser.add_argument("--reindex", action="store_true", help="build the search index again")
    parser.add_argument("--seed-only", action="store_true", help="seed and index, then stop")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds of load per set")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds of load before each set")
    parser.add_argument("--workers", type=int, help="server processes (2 on PostgreSQL, 1 on SQLite)")
    parser.add_argument("--index-processes", type=int, help="processes indexing the rest (2 / 1 on SQLite)")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN the slowest query of each search set")
    parser.add_argument(
        "--no-shared-copies",
        action="store_true",
        help="logged-out visitors do not share copies of result pages (anonymous_cache_seconds 0)",
    )
    parser.add_argument("--pg-admin-url", default=DEFAULT_PG_ADMIN_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL, help="emptied at start")
    parser.add_argument("--json", help="write results as JSON to FILE (- for stdout)")
    parser.add_argument("--index-range", type=int, nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--analysis-rate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.notes = args.notes or DEFAULT_NOTES[args.database]
    if args.index_range:
        return index_worker(args)
    if args.analysis_rate:
        target = target_for(args.database, args.notes, args.pg_admin_url)
        print(json.dumps({"rate": asyncio.run(analysis_rate(target))}))
        return 0
    # SQLite has one writer: a second indexing process would only wait for the lock.
    args.index_processes = args.index_processes or (2 if args.database == "postgres" else 1)
    if args.database == "postgres" and not redis_answers(args.redis_url):
        print(f"Redis does not answer at {args.redis_url}", file=sys.stderr)
        return 2
    target = target_for(args.database, args.notes, args.pg_admin_url)
    started = time.monotonic()
    code = describe_code()
    log(f"code: {code}")
    with tempfile.TemporaryDirectory(prefix="search-speed-") as tmp:
        var_dir = Path(tmp)
        results: dict[str, Any] = {"database": target.kind, "notes": target.notes, "users": USERS,
                                   "shared_copies": not args.no_shared_copies}  # fmt: skip
        results.update(prepare(args, target, var_dir))
        if args.seed_only:
            return 0
        tokens = asyncio.run(make_tokens(target))
        if target.kind == "postgres":
            asyncio.run(flush_redis(args.redis_url))
            results["prewarmed"] = asyncio.run(prewarm(target))
        server = server_for(args, target, var_dir)
        sets = query_sets()
        results["sets"] = {}
        with running(server):
            for name, queries in sets.items():
                log(f"measuring {name} ({len(queries)} queries) ...")
                results["sets"][name] = measure_set(
                    server.base_url, name, queries, tokens, args.duration, args.warmup, var_dir
                )
        verdicts = report(target, results, server)
        results["verdicts"] = [{"what": label, "pass": ok} for label, ok in verdicts]
        if args.explain:
            print("\nWhere the time goes, for the slowest query of each set (alone):")
            for name, row in results["sets"].items():
                if "logged in" not in name:
                    print(f"{name}:")
                    print(asyncio.run(explain(target, var_dir, name, row["checked"]["slowest"][0][1])))
        print(f"\ntotal time: {time.monotonic() - started:.0f}s")
        results["code"], results["code_after"] = code, describe_code()
        if not _same_code(code, results["code_after"]):
            print(f"WARNING: the code changed during the run (now {results['code_after']}): "
                  "the figures may mix two versions")  # fmt: skip
    if args.json:
        text = json.dumps(results, indent=2, default=str)
        print(text) if args.json == "-" else Path(args.json).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Text analysis for search: the same terms for what is indexed and for what is asked.

Both sides go through one pipeline, so a query finds a note when they share terms:

- **Folding.** Unicode NFKC and case folding; Traditional Chinese folded to Simplified
  (OpenCC ``t2s``), so 火鍋 and 火锅 are one term.
- **Chinese** runs are segmented by jieba: in search mode for what is indexed (成都火锅推荐
  gives 成都, 火锅, 推荐, and the sub-words of long words), in its precise mode for queries
  (so a query word matches a whole indexed word or one of its sub-words).
- **Pinyin.** Each indexed Chinese word also gives its pinyin without tones, joined
  (火锅 gives ``huoguo``), so a newcomer typing ``huoguo`` finds 火锅.
- **Latin script** words are accent-folded (café, cafe) and stemmed with the English
  Snowball stemmer (sunscreens, sunscreen); pinyin terms go through the same steps, so
  both sides agree. Other scripts (kana, Hangul, Cyrillic...) are kept as folded words.
- **#topics and @names** are exact terms (``#成都美食``, ``@alice``) besides the words
  inside them, so a search for the topic finds exactly the notes tagged with it.
- **Emoji** are kept, one term each.

Engines store and match these terms as they are (``array_to_tsvector`` on PostgreSQL, an
FTS5 column of space-separated terms on SQLite); they do no analysis of their own.
"""

from __future__ import annotations

import itertools
import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import jieba
import opencc
import Stemmer
from pypinyin import lazy_pinyin
from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

MAX_TERM_LENGTH = 60  # longer "words" (hashes, runs of digits) are cut to this
MAX_QUERY_TERMS = 32

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(
    rf"(?P<topic>#[\w·\-]{{1,40}}#?)"  # a topic, Weibo style closing # allowed
    r"|(?P<name>@\w{3,30})"
    rf"|(?P<han>[{_HAN}]+)"
    rf"|(?P<word>(?:(?![{_HAN}])\w)+)"
    r"|(?P<other>\S)"
)
_EMOJI_JOINERS = frozenset({"\u200d", "\ufe0e", "\ufe0f"})
_PARTS = re.compile(r"[^\W\d_]+|\d+")  # letters (any script) or digits
# Asked for, these words rarely decide what is relevant: a query does not require them.
STOPWORDS = (
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "how", "i", "in",
    "is", "it", "me", "my", "of", "on", "or", "the", "to", "was", "what", "where", "which",
    "who", "why", "with", "you", "your",
)  # fmt: skip
# Words that say what kind of note is wanted more than what it is about ("成都火锅推荐",
# "Kyoto travel tips"): a query does not require them, and notes having them rank higher.
OPTIONAL_WORDS = (
    "best", "good", "great", "top", "tip", "tips", "guide", "guides", "make", "making", "thing",
    "things", "do", "doing", "recommend", "recommendation", "recommendations", "recommended",
    "idea", "ideas", "beginner", "beginners", "review", "reviews", "easy", "simple", "share",
    "try", "worth", "must", "need", "should", "can", "get", "when", "find", "ever", "really",
    "推荐", "攻略", "技巧", "入门", "分享", "经验", "教程", "合集", "测评", "好物", "必备",
    "方法", "怎么", "如何", "什么", "哪里", "哪些", "最", "好", "心得", "新手", "指南",
    "清单", "干货", "种草", "求", "有没有", "一下", "大全", "做法",
)  # fmt: skip
JOINED_PART_LENGTH = 8  # "hot pot" is also "hotpot", "bubble tea" "bubbletea"; longer words are left apart


@dataclass(frozen=True)
class QueryTerms:
    """What a query asks for: every group must be matched by one of its terms; notes
    with ``optional`` terms rank higher but are not required to have them."""

    groups: list[frozenset[str]]
    optional: frozenset[str] = frozenset()

    @property
    def terms(self) -> list[str]:
        return sorted({term for group in self.groups for term in group} | self.optional)

    def relaxed(self) -> QueryTerms:
        """Any of the terms, rather than every group: for when too few notes have them all."""
        return QueryTerms([frozenset(self.terms)]) if self.groups else self

    def __bool__(self) -> bool:
        return bool(self.groups)


def index_terms(*texts: str) -> list[str]:
    """The terms a note (title, body, ...) is found by, in order, repeats kept (they count
    for relevance)."""
    terms: list[str] = []
    for text in texts:
        folded = fold(text)
        for kind, value in _tokens(folded):
            terms.extend(_index(kind, value))
        terms.extend(joined for _, _, joined in _joined_pairs(folded))
    return terms


def query_terms(query: str) -> QueryTerms:
    """The groups of a query, at most :data:`MAX_QUERY_TERMS` (duplicates dropped)."""
    groups: list[frozenset[str]] = []
    for kind, value in _tokens(fold(query)):
        for group in _query(kind, value):
            if group and group not in groups:
                groups.append(group)
    groups = _with_joined_pairs(groups, _joined_pairs(fold(query)))
    wanted = [group for group in groups if not group <= _stopwords() | _optional_words()]
    if not wanted:
        wanted = [group for group in groups if not group <= _stopwords()] or groups
    optional = frozenset(term for group in groups if group not in wanted for term in group) - _stopwords()
    return QueryTerms(wanted[:MAX_QUERY_TERMS], optional)


def matched_spans(text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    """Where in ``text`` (as written, not folded) words carrying any of ``terms`` are:
    (start, end) offsets in order, for highlighting. A Chinese word matched by its pinyin
    is marked whole; a Chinese query word inside a longer word marks just itself."""
    spans: list[tuple[int, int]] = []
    for match in _TOKEN.finditer(text):
        kind, start, value = match.lastgroup, match.start(), match.group()
        if kind == "word" or (kind in ("topic", "name") and _index(kind, fold(value))[0] not in terms):
            spans.extend(
                (start + part.start(), start + part.end())
                for part in _PARTS.finditer(value)
                if _part_term(part.group()) in terms
            )
        elif kind in ("topic", "name"):
            spans.append((start, match.end()))
        elif kind == "han":
            spans.extend(_han_spans(value, fold(value), start, terms))
        elif fold(value) in terms:
            spans.append((start, match.end()))
    return spans


@lru_cache(maxsize=200_000)
def _part_term(part: str) -> str | None:
    """The term of a part of a word as written (None if it has none), kept per process:
    highlighting looks up every word of every result shown."""
    return next(iter(_word_terms(fold(part))), None) if _word_terms(part) else None


def surface_form(text: str, term: str) -> str | None:
    """The first word of ``text`` as written whose term is ``term`` (``dumplings`` for
    ``dumpl``), or None."""
    for start, end in matched_spans(text, frozenset({term})):
        return text[start:end]
    return None


def _han_spans(value: str, folded: str, start: int, terms: frozenset[str]) -> list[tuple[int, int]]:
    if len(folded) != len(value):  # folding changed its length: offsets no longer line up
        return [(start, start + len(value))] if set(_index("han", folded)) & terms else []
    spans: list[tuple[int, int]] = []
    # Chinese query words are found where they stand (every occurrence) without cutting
    # the text into words; only pinyin needs the words, and only Latin terms can be pinyin.
    for term in terms:
        if term and "\u3400" <= term[0] <= "\u9fff":
            at = folded.find(term)
            while at != -1:
                spans.append((start + at, start + at + len(term)))
                at = folded.find(term, at + len(term))
    if any(term.isascii() and term.isalpha() for term in terms):
        for word, word_start, word_end in _segmenter().tokenize(folded, mode="search"):
            if len(word) > 1 and _latin(pinyin_of(word)) in terms:
                spans.append((start + word_start, start + word_end))
    return sorted(set(spans))


def is_optional(term: str) -> bool:
    """Whether a query never requires ``term`` when it has other words (the, tips, 推荐)."""
    return term in _stopwords() or term in _optional_words()


def _joined_pairs(text: str) -> list[tuple[str, str, str]]:
    """Two short Latin words side by side may also be written as one ("hot pot" and
    "hotpot", "bubble tea" and #bubbletea): (first's term, second's term, joined term)
    for each such pair in folded ``text``."""
    pairs = []
    previous = ""
    for kind, value in _tokens(text):
        word = value if kind == "word" and _joinable(value) else ""
        if previous and word:
            pairs.append((_latin(previous), _latin(word), _latin(previous + word)))
        previous = word
    return pairs


def _joinable(word: str) -> bool:
    if not (word.isascii() and word.isalpha() and len(word) <= JOINED_PART_LENGTH):
        return False
    term = _latin(word)
    return term not in _stopwords() and term not in _optional_words()


def _with_joined_pairs(
    groups: list[frozenset[str]], pairs: list[tuple[str, str, str]]
) -> list[frozenset[str]]:
    """Each group of a single word that is one of a pair also takes the joined word."""
    extra: dict[str, set[str]] = {}
    for first, second, joined in pairs:
        extra.setdefault(first, set()).add(joined)
        extra.setdefault(second, set()).add(joined)
    return [group | extra.get(next(iter(group)), set()) if len(group) == 1 else group for group in groups]


def fold(text: str) -> str:
    """NFKC, case-folded, Traditional Chinese as Simplified."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text):
        text = _converter().convert(text)
    return text


@lru_cache(maxsize=200_000)
def pinyin_of(word: str) -> str:
    """The pinyin of a Chinese word, tones dropped, syllables joined (火锅: huoguo).

    Read from pypinyin's dictionaries as ``lazy_pinyin`` reads them (the same output,
    about twenty times faster): a word of its phrase dictionary by its phrase reading
    (重庆 is chongqing, not zhongqing); a two-character word it does not know character
    by character, each by its first reading; anything longer by ``lazy_pinyin`` itself."""
    phrase = PHRASES_DICT.get(word)
    if phrase is not None:
        return "".join(_toneless(readings[0]) for readings in phrase)
    if len(word) <= 2:
        return "".join(_character_pinyin(character) for character in word)
    return "".join(lazy_pinyin(word))


@lru_cache(maxsize=50_000)
def _character_pinyin(character: str) -> str:
    readings = PINYIN_DICT.get(ord(character))
    return _toneless(readings.split(",")[0]) if readings else "".join(lazy_pinyin(character))


def _toneless(syllable: str) -> str:
    """A syllable without its tone mark, ü written v (pypinyin's ``Style.NORMAL``)."""
    decomposed = unicodedata.normalize("NFKD", syllable).replace("u\u0308", "v")
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --- the pipeline ----------------------------------------------------------------------------


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        assert kind is not None
        tokens.append((kind, match.group()))
    return tokens


def _index(kind: str, value: str) -> list[str]:
    if kind == "topic":
        inner = value.strip("#")
        return [f"#{inner}"[:MAX_TERM_LENGTH], *index_terms(inner)]
    if kind == "name":
        return [value[:MAX_TERM_LENGTH], *_word_terms(value[1:])]
    if kind == "han":
        return list(_han_terms(value))
    if kind == "word":
        return _word_terms(value)
    return [value] if _is_emoji(value) else []


@lru_cache(maxsize=200_000)
def _han_terms(run: str) -> tuple[str, ...]:
    """A run of Chinese characters' terms: its words in search mode, then the pinyin of
    its words. Kept per process: runs (short phrases) come back often across notes."""
    cut = [word for word in _segmenter().cut(run) if word.strip()]
    words = _search_mode(cut)
    whole_words = [word for word in cut if len(word) > 1 or len(run) == 1]
    # Words jieba cuts apart (猫粮: 猫, 粮) are also written together in pinyin (maoliang).
    pairs = [
        pinyin_of(a) + pinyin_of(b)
        for a, b in itertools.pairwise(cut)
        if min(len(a), len(b)) == 1 and len(a + b) <= 4
    ]
    pinyin = {_latin(spelt) for spelt in [*(pinyin_of(word) for word in whole_words), *pairs]}
    return (*words, *sorted(term for term in pinyin if term))


def _search_mode(cut: list[str]) -> list[str]:
    """jieba's search mode (``cut_for_search``) from a precise cut already made: before
    each word of three or more characters, its two- and three-character parts that are
    words of jieba's dictionary. The same output as jieba's, without cutting twice."""
    known = _segmenter().FREQ
    words: list[str] = []
    for word in cut:
        for size in (2, 3):
            if len(word) > size:
                words.extend(
                    part for i in range(len(word) - size + 1) if known.get(part := word[i : i + size])
                )
        words.append(word)
    return words


def _query(kind: str, value: str) -> list[frozenset[str]]:
    if kind == "topic":
        return [frozenset({f"#{value.strip('#')}"[:MAX_TERM_LENGTH]})]
    if kind == "name":
        return [frozenset({value[:MAX_TERM_LENGTH]})]
    if kind == "han":
        return [frozenset({word}) for word in _segmenter().cut(value) if word.strip()]
    if kind == "word":
        return [frozenset({term}) for term in _word_terms(value)]
    return [frozenset({value})] if _is_emoji(value) else []


def _word_terms(word: str) -> list[str]:
    """A run of word characters outside Chinese, split at underscores and between letters
    and digits (iphone15: iphone, 15); Latin words folded and stemmed."""
    terms = [_latin(part) if _is_latin(part) else part[:MAX_TERM_LENGTH] for part in _PARTS.findall(word)]
    return [term for term in terms if term]


@lru_cache(maxsize=200_000)
def _latin(word: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    if folded.isalpha():
        folded = _stemmer().stemWord(folded)
    return folded[:MAX_TERM_LENGTH]


def _is_latin(word: str) -> bool:
    return all(c.isascii() or "LATIN" in unicodedata.name(c, "") for c in word)


def _is_emoji(char: str) -> bool:
    return char not in _EMOJI_JOINERS and unicodedata.category(char) == "So"


# --- the libraries, loaded once per process --------------------------------------------------


def load() -> None:
    """Load the segmenter's dictionary and the other libraries now (about a second, once
    per process) rather than in the first search: a server does it while starting, before
    it hides what lives for good from the garbage collector (``app.settle_heap``)."""
    index_terms("成都火锅 hotpot café")
    pinyin_of("火锅店")


@cache
def _converter() -> Any:
    return opencc.OpenCC("t2s")


@cache
def _segmenter() -> Any:
    jieba.setLogLevel(logging.WARNING)
    segmenter = jieba.Tokenizer()
    segmenter.initialize()
    return segmenter


@cache
def _optional_words() -> frozenset[str]:
    return frozenset(term for word in OPTIONAL_WORDS for group in _query_groups(word) for term in group)


def _query_groups(text: str) -> list[frozenset[str]]:
    return [group for kind, value in _tokens(fold(text)) for group in _query(kind, value)]


@cache
def _stemmer() -> Any:
    return Stemmer.Stemmer("english")


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(_latin(word) for word in STOPWORDS)

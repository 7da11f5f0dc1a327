"""Reading a note's text: its #topics and @mentions, and turning it into safe HTML.

Topics are written ``#TikTokRefugee`` or, Weibo style, ``#成都美食#`` (a closing ``#`` lets
Chinese text run on without a space). A topic is letters, digits, underscores, middle dots
and hyphens in any script, up to 40 characters; ``#`` inside a word (``C#``, URL
fragments) is not a topic, but Chinese text may touch it on either side.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

MAX_TOPIC_LENGTH = 40
MAX_TOPICS = 20
MAX_MENTIONS = 20

# Chinese and Japanese are written without spaces, so a CJK character may touch a topic or
# mention ("去吃了#成都美食#", "谢谢@bob的推荐"); other word characters may not ("C#").
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_WORD = f"[^\\W{_CJK}]"  # a word character that is not CJK
_TOPIC = re.compile(rf"(?<!{_WORD})(?<![&/#])#([\w·\-]{{1,40}})(#?)")
_MENTION = re.compile(rf"(?<!{_WORD})(?<![@/])@([A-Za-z0-9_]{{3,30}})(?!{_WORD})(?!@)")
_TOKEN = re.compile(f"{_TOPIC.pattern}|{_MENTION.pattern}")


def topic_key(name: str) -> str:
    """The form two spellings of one topic share: NFKC, case-folded."""
    return unicodedata.normalize("NFKC", name).casefold()


def topics_in(text: str) -> list[str]:
    """Topic names in order of first appearance, one per key, at most ``MAX_TOPICS``."""
    seen: dict[str, str] = {}
    for match in _TOPIC.finditer(text):
        name = match.group(1).strip("-")
        if name and not name.isdigit():
            seen.setdefault(topic_key(name), name)
    return list(seen.values())[:MAX_TOPICS]


def mentions_in(text: str) -> list[str]:
    """Usernames mentioned, in order, without repeats (by case-folded name)."""
    seen: dict[str, str] = {}
    for match in _MENTION.finditer(text):
        seen.setdefault(match.group(1).casefold(), match.group(1))
    return list(seen.values())[:MAX_MENTIONS]


@dataclass(frozen=True)
class Links:
    """Where topics and mentions link to: topic keys that exist and names of real users."""

    topic_url: str = "/topics/"
    profile_url: str = "/@"
    usernames: frozenset[str] = frozenset()  # case-folded names of mentioned users who exist


def to_html(text: str, links: Links) -> Markup:
    """The text escaped, with topics and known mentions as links and line breaks kept.

    Everything the author typed is escaped before any markup is added, so hostile HTML in
    a note shows as text.
    """
    parts: list[str] = []
    position = 0
    for match in _TOKEN.finditer(text):
        parts.append(str(escape(text[position : match.start()])))
        topic, closing, username = match.group(1), match.group(2), match.group(3)
        if topic is not None and topic.strip("-") and not topic.strip("-").isdigit():
            parts.append(
                f'<a class="topic" href="{escape(links.topic_url)}{escape(_url_part(topic))}">'
                f"#{escape(topic)}{escape(closing)}</a>"
            )
        elif username is not None and username.casefold() in links.usernames:
            href = f"{escape(links.profile_url)}{escape(username)}"
            parts.append(f'<a class="mention" href="{href}">@{escape(username)}</a>')
        else:
            parts.append(str(escape(match.group(0))))
        position = match.end()
    parts.append(str(escape(text[position:])))
    return Markup("".join(parts).replace("\n", "<br>\n"))  # noqa: S704 - every part escaped above


def topic_href(name: str, links: Links | None = None) -> str:
    """Where a topic links to (its page), as in :func:`to_html`."""
    return f"{(links or Links()).topic_url}{_url_part(name)}"


def _url_part(name: str) -> str:
    return quote(name.strip("-"), safe="")

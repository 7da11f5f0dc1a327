"""Catalogs are complete, and each request gets the right language."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from starlette.types import Message, Receive, Scope, Send

from potluck.web.i18n import (
    LOCALE_COOKIE,
    SUPPORTED_LOCALES,
    TRANSLATIONS_DIR,
    LocaleMiddleware,
    bcp47,
    get_translations,
    match_supported,
    negotiate_locale,
    parse_accept_language,
)

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIR = ROOT / "src" / "potluck"
BABEL_CFG = ROOT / "babel.cfg"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdifr]")


# --- catalog completeness ----------------------------------------------------------------


def _extracted_messages() -> dict[tuple[str | tuple[str, ...], str | None], list[str]]:
    """Every translatable string in templates and Python sources -> where it is used."""
    with BABEL_CFG.open() as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(BABEL_CFG))  # type: ignore[no-untyped-call]
    found: dict[tuple[str | tuple[str, ...], str | None], list[str]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(SOURCE_DIR), method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        key: str | tuple[str, ...] = message if isinstance(message, str) else tuple(m for m in message if m)
        if not key:
            continue
        found.setdefault((key, context), []).append(f"{filename}:{lineno}")
    return found


def _catalog(locale: str) -> Catalog:
    with (TRANSLATIONS_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=locale)


def _translated(catalog: Catalog, msgid: str | tuple[str, ...], context: str | None) -> bool:
    lookup = msgid if isinstance(msgid, str) else msgid[0]
    message = catalog.get(lookup, context=context)
    if message is None or message.fuzzy:
        return False
    if isinstance(msgid, tuple):
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        return len(strings) == catalog.num_plurals and all(strings)
    return bool(message.string)


def test_extraction_finds_the_shell_strings() -> None:
    """Guards the test below against an extractor that silently finds nothing."""
    msgids = {msgid for msgid, _context in _extracted_messages()}
    assert {"Home", "Shop", "Messages", "Me", "Explore", "First hotpot in Chengdu"} <= msgids
    assert ("%(num)s like", "%(num)s likes") in msgids


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_extracted_string_is_translated(locale: str) -> None:
    catalog = _catalog(locale)
    missing = [
        f"{msgid!r} (used at {', '.join(places[:3])})"
        for (msgid, context), places in sorted(_extracted_messages().items(), key=lambda item: str(item[0]))
        if not _translated(catalog, msgid, context)
    ]
    assert not missing, (
        f"{len(missing)} strings are missing or empty in {locale}/LC_MESSAGES/messages.po "
        "(run the pybabel commands in potluck/web/i18n.py's docstring, then translate):\n  "
        + "\n  ".join(missing)
    )


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_translations_keep_their_placeholders(locale: str) -> None:
    """A translation that drops or renames %(name)s would crash or mislead at render time."""
    broken: list[str] = []
    for message in _catalog(locale):
        if not message.id or not message.string:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        expected = set(PLACEHOLDER.findall(ids[-1]))
        broken.extend(
            f"{message.id!r} -> {string!r}"
            for string in strings
            if set(PLACEHOLDER.findall(string)) != expected
        )
    assert not broken, "placeholders differ:\n  " + "\n  ".join(broken)


def test_catalogs_compile_in_memory() -> None:
    assert get_translations("zh_Hans").gettext("Home") == "首页"
    assert get_translations("en").gettext("Home") == "Home"
    assert get_translations("zh_Hans").ngettext("%(num)s like", "%(num)s likes", 3) == "%(num)s 个赞"
    with pytest.raises(ValueError, match="unsupported"):
        get_translations("xx")


# --- negotiation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "en"),
        ("en-US", "en"),
        ("en_GB", "en"),
        ("EN", "en"),
        ("zh", "zh_Hans"),
        ("zh-CN", "zh_Hans"),
        ("zh-Hans", "zh_Hans"),
        ("zh_Hans", "zh_Hans"),
        ("zh-SG", "zh_Hans"),
        ("zh-Hans-CN", "zh_Hans"),
        # Traditional by script or by territory.
        ("zh-TW", "zh_Hant"),
        ("zh-HK", "zh_Hant"),
        ("zh-Hant", "zh_Hant"),
        ("zh-Hant-TW", "zh_Hant"),
        ("fr", "fr"),
        ("fr-CA", "fr"),
        ("pt", "pt_BR"),
        ("pt-PT", "pt_BR"),
        ("ar-EG", "ar"),
        ("fa-IR", "fa"),
        ("ms-MY", "ms"),
        ("nl", None),
        ("tlh", None),
        ("*", None),
        ("", None),
        ("not a tag", None),
        ("x" * 200, None),
    ],
)
def test_match_supported(tag: str, expected: str | None) -> None:
    assert match_supported(tag) == expected


def test_accept_language_is_ordered_by_quality() -> None:
    header = "fr;q=0.9, zh-CN;q=0.95, en;q=0.1, de;q=0, ja;q=oops, es"
    assert parse_accept_language(header) == ["es", "zh-CN", "fr", "en"]


def test_negotiation_order_cookie_then_user_then_header_then_default() -> None:
    assert negotiate_locale(cookie="zh_Hans", user_locale="en", accept_language="en") == "zh_Hans", (
        "the cookie wins"
    )
    assert negotiate_locale(cookie="en", user_locale="zh_Hans", accept_language="zh-CN") == "en"
    assert negotiate_locale(user_locale="zh_Hans", accept_language="en-US") == "zh_Hans", (
        "then the user's setting"
    )
    assert negotiate_locale(accept_language="nl-NL, nl;q=0.9, zh-CN;q=0.8, en;q=0.5") == "zh_Hans", (
        "then the header"
    )
    assert negotiate_locale(accept_language="nl-NL, sv") == "en", "then the default"
    assert negotiate_locale() == "en"
    assert negotiate_locale(default="zh_Hans") == "zh_Hans"


def test_unusable_choices_fall_through() -> None:
    assert negotiate_locale(cookie="klingon", user_locale="zh_Hans") == "zh_Hans"
    assert negotiate_locale(cookie="", user_locale="nl", accept_language="zh") == "zh_Hans"


def test_bcp47() -> None:
    assert bcp47("zh_Hans") == "zh-Hans"
    assert bcp47("en") == "en"


# --- middleware ------------------------------------------------------------------------


class _User:
    def __init__(self, locale: str | None, *, authenticated: bool = True) -> None:
        self.locale = locale
        self.is_authenticated = authenticated


async def _run(scope: dict[str, Any]) -> tuple[dict[str, Any], list[Message]]:
    seen: dict[str, Any] = {}
    sent: list[Message] = []

    async def app(inner_scope: Scope, _receive: Receive, send: Send) -> None:
        seen.update(inner_scope)
        if inner_scope["type"] == "http":
            await send(
                {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]}
            )
            await send({"type": "http.response.body", "body": b""})

    async def receive() -> Message:
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    await LocaleMiddleware(app)(scope, receive, send)
    return seen, sent


def _scope(kind: str = "http", headers: dict[str, str] | None = None, **extra: Any) -> dict[str, Any]:
    raw = [(name.lower().encode(), value.encode()) for name, value in (headers or {}).items()]
    return {"type": kind, "path": "/", "headers": raw, **extra}


async def test_middleware_sets_the_locale_for_http_and_websocket() -> None:
    seen, sent = await _run(_scope(headers={"Accept-Language": "zh-CN,zh;q=0.9"}))
    assert seen["state"]["locale"] == "zh_Hans"
    headers = dict(sent[0]["headers"])
    assert headers[b"content-language"] == b"zh-Hans"
    assert b"Accept-Language" in headers[b"vary"]

    seen, _ = await _run(_scope("websocket", headers={"Accept-Language": "zh"}))
    assert seen["state"]["locale"] == "zh_Hans"


async def test_middleware_prefers_cookie_then_signed_in_user() -> None:
    cookie = {"Cookie": f"{LOCALE_COOKIE}=en; other=1", "Accept-Language": "zh-CN"}
    seen, _ = await _run(_scope(headers=cookie, user=_User("zh_Hans")))
    assert seen["state"]["locale"] == "en"

    seen, _ = await _run(_scope(headers={"Accept-Language": "en"}, user=_User("zh_Hans")))
    assert seen["state"]["locale"] == "zh_Hans"

    anonymous = _User("zh_Hans", authenticated=False)
    seen, _ = await _run(_scope(headers={"Accept-Language": "en"}, user=anonymous))
    assert seen["state"]["locale"] == "en"


async def test_middleware_keeps_existing_state_and_leaves_lifespan_alone() -> None:
    seen, _ = await _run(_scope(state={"csrf_token": "t"}))
    assert seen["state"] == {"csrf_token": "t", "locale": "en"}
    seen, _ = await _run({"type": "lifespan"})
    assert "state" not in seen

"""Interface language: gettext catalogs and choosing a locale per request.

Catalogs live in ``src/potluck/translations/<locale>/LC_MESSAGES/messages.po`` and are
compiled in memory the first time a locale is used, so there is no build step and no
``.mo`` file in git. The locale of a request, first match wins:

1. the ``potluck_locale`` cookie (set by the language picker);
2. the signed-in user's setting (``scope["user"].locale``);
3. the browser's ``Accept-Language``, by q-value;
4. the default (``en``).

Updating the catalogs after changing strings (the same method map as the completeness
test in ``tests/web/test_i18n.py``)::

    pybabel extract -F babel.cfg -c "Translators:" --project=Potluck \\
        -o src/potluck/translations/messages.pot src/potluck
    pybabel update -i src/potluck/translations/messages.pot -d src/potluck/translations \\
        --no-fuzzy-matching
    # then fill every empty msgstr in en and zh_Hans; add a language with
    pybabel init -i src/potluck/translations/messages.pot -d src/potluck/translations -l <locale>
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from potluck.kit.i18n import N_, SUPPORTED_LOCALES

__all__ = ["N_", "SUPPORTED_LOCALES"]  # re-exported: pages mark their text with it

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
DOMAIN = "messages"
LOCALE_COOKIE = "potluck_locale"
DEFAULT_LOCALE = "en"

# Accept-Language is attacker-controlled: look at a bounded number of entries.
_MAX_ACCEPT_LANGUAGE_ENTRIES = 32
_MAX_TAG_LENGTH = 35


# --- catalogs --------------------------------------------------------------------------


@functools.cache
def get_translations(locale: str) -> Translations:
    """The compiled catalog of a supported locale (cached for the process)."""
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(f"unsupported locale: {locale!r}")
    po_path = TRANSLATIONS_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=locale, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def load_all_translations() -> None:
    """Compile every catalog now (at startup), so a broken .po fails the boot, not a request."""
    for locale in SUPPORTED_LOCALES:
        get_translations(locale)


def gettext_for(locale: str) -> Callable[[str], str]:
    """A plain ``gettext`` for Python code that builds user-facing text."""
    return get_translations(locale).gettext


def bcp47(locale: str) -> str:
    """``zh_Hans`` -> ``zh-Hans``: the form ``<html lang>`` and Content-Language use."""
    return locale.replace("_", "-")


@functools.cache
def language_name(locale: str) -> str:
    """The language's own name for itself: ``English``, ``中文 (简体)``."""
    return Locale.parse(locale).get_display_name(locale) or locale


# --- negotiation -----------------------------------------------------------------------


def match_supported(tag: str, supported: tuple[str, ...] = SUPPORTED_LOCALES) -> str | None:
    """Map a language tag (``zh-CN``, ``en_GB``, ``zh-Hans``) to a supported locale."""
    tag = tag.strip()
    if not tag or len(tag) > _MAX_TAG_LENGTH or tag == "*":
        return None
    return _match_supported(tag.lower(), supported)


@functools.lru_cache(maxsize=1024)
def _match_supported(tag: str, supported: tuple[str, ...]) -> str | None:
    try:
        wanted = Locale.parse(tag.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    candidates: list[Locale] = []
    for name in supported:
        candidate = Locale.parse(name)
        if candidate.language == wanted.language:
            candidates.append(candidate)
    if not candidates:
        return None
    # Exact script first (zh-Hant would prefer a zh_Hant catalog once one exists), then a
    # script implied by the territory, then any catalog of the language (zh-TW -> zh_Hans
    # while Simplified is the only Chinese we have).
    script = wanted.script or _likely_script(wanted)
    for candidate in candidates:
        if script and candidate.script == script:
            return str(candidate)
    return str(candidates[0])


def _likely_script(locale: Locale) -> str | None:
    if locale.language != "zh":
        return None
    return "Hant" if locale.territory in {"TW", "HK", "MO"} else "Hans"


def parse_accept_language(header: str) -> list[str]:
    """Language tags from an Accept-Language header, best first (q=0 dropped)."""
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")[:_MAX_ACCEPT_LANGUAGE_ENTRIES]):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip()
        if not tag:
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    quality = 0.0
        if 0.0 < quality <= 1.0:
            weighted.append((-quality, index, tag))
    return [tag for _, _, tag in sorted(weighted)]


def negotiate_locale(
    *,
    cookie: str | None = None,
    user_locale: str | None = None,
    accept_language: str | None = None,
    default: str = DEFAULT_LOCALE,
    supported: tuple[str, ...] = SUPPORTED_LOCALES,
) -> str:
    """Cookie, then the user's setting, then Accept-Language, then ``default``."""
    for explicit in (cookie, user_locale):
        if explicit and (matched := match_supported(explicit, supported)):
            return matched
    for tag in parse_accept_language(accept_language or ""):
        if matched := match_supported(tag, supported):
            return matched
    return default


@functools.lru_cache(maxsize=4096)
def _negotiate_cached(
    cookie: str | None, user_locale: str | None, accept_language: str | None, default: str
) -> str:
    # Browsers send a handful of distinct Accept-Language values; parse each once.
    return negotiate_locale(
        cookie=cookie, user_locale=user_locale, accept_language=accept_language, default=default
    )


def negotiate_for(scope: Scope, user_locale: str | None, default_locale: str) -> str:
    """The locale of a request: its language cookie, else the user's setting, else
    ``Accept-Language``, else the default."""
    headers = Headers(scope=scope)
    cookie_header = headers.get("cookie", "")
    cookie = cookie_parser(cookie_header).get(LOCALE_COOKIE) if LOCALE_COOKIE in cookie_header else None
    return _negotiate_cached(cookie, user_locale, headers.get("accept-language"), default_locale)


def _user_locale(scope: Scope) -> str | None:
    user: Any = scope.get("user")
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    locale = getattr(user, "locale", None)
    return locale if isinstance(locale, str) else None


def locale_from_scope(scope: Scope, default: str = DEFAULT_LOCALE) -> str:
    """The locale LocaleMiddleware chose, or ``default`` outside it."""
    state = scope.get("state") or {}
    locale = state.get("locale")
    return locale if isinstance(locale, str) and locale in SUPPORTED_LOCALES else default


class LocaleMiddleware:
    """Pure ASGI: puts the request's locale in ``scope["state"]["locale"]``.

    Runs inside AuthenticationMiddleware (add it to the app *before* that one), so the
    user's own setting is known. HTML responses get ``Content-Language`` and a ``Vary``
    on what the choice depended on, so shared caches keep one copy per language.
    """

    def __init__(self, app: ASGIApp, *, default_locale: str = DEFAULT_LOCALE) -> None:
        if default_locale not in SUPPORTED_LOCALES:
            raise ValueError(f"unsupported default locale: {default_locale!r}")
        self.app = app
        self.default_locale = default_locale

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        locale = negotiate_for(scope, _user_locale(scope), self.default_locale)
        scope.setdefault("state", {})["locale"] = locale
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_language(message: Message) -> None:
            if message["type"] == "http.response.start":
                response_headers = MutableHeaders(scope=message)
                if response_headers.get("content-type", "").startswith("text/html"):
                    response_headers.setdefault("Content-Language", bcp47(locale))
                    response_headers.add_vary_header("Accept-Language")
                    response_headers.add_vary_header("Cookie")
            await send(message)

        await self.app(scope, receive, send_with_language)

"""Jinja2 rendering for web pages, in the request's language.

One Environment serves every locale. The gettext callables installed in it look up the
catalog of the render in progress through a context variable, so ``_()`` also works in
macros imported without context (``{% from "components/_nav.html" import nav %}``), which
a catalog passed only in the render context would not reach. The callables have Jinja's
"newstyle" semantics: ``_("Hi %(name)s", name=user.name)`` escapes ``name`` and formats;
a literal percent sign is written ``%%``.
"""

from __future__ import annotations

from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_datetime as babel_format_datetime
from babel.numbers import format_compact_decimal
from babel.support import Translations
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from potluck.kit.i18n import RTL_LOCALES, SUPPORTED_LOCALES
from potluck.web.assets import static_url
from potluck.web.csrf import csrf_token
from potluck.web.i18n import (
    DEFAULT_LOCALE,
    bcp47,
    get_translations,
    language_name,
    locale_from_scope,
)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

_current_locale: ContextVar[str] = ContextVar("potluck_render_locale", default=DEFAULT_LOCALE)


def _translations() -> Translations:
    return get_translations(_current_locale.get())


def _gettext(message: str) -> str:
    return _translations().gettext(message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _translations().ngettext(singular, plural, n)


def _pgettext(context: str, message: str) -> str:
    return str(_translations().pgettext(context, message))


def _npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _translations().npgettext(context, singular, plural, n)


def compact_number(value: int) -> str:
    """Counts as people read them: ``12.8K`` in English, ``1.3万`` in Chinese."""
    if value < 1000:
        return str(value)
    return format_compact_decimal(value, format_type="short", locale=_current_locale.get(), fraction_digits=1)


def language_display(tag: str) -> str:
    """A language tag's name in the page's language: ``zh`` -> ``Chinese`` or ``中文``."""
    try:
        return Locale.parse(tag.replace("-", "_")).get_display_name(_current_locale.get()) or tag
    except (ValueError, TypeError, UnknownLocaleError):
        return tag


def format_datetime(value: datetime) -> str:
    """A moment as the page's language writes it, medium length (in UTC)."""
    return babel_format_datetime(value, format="medium", tzinfo=UTC, locale=_current_locale.get())


_BROWSERS = (
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
)
_SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


def device_label(user_agent: str) -> str:
    """``Chrome · Linux`` from a User-Agent header, or the header itself if nothing matches."""
    browser = next((name for marker, name in _BROWSERS if marker in user_agent), "")
    system = next((name for marker, name in _SYSTEMS if marker in user_agent), "")
    return " · ".join(part for part in (browser, system) if part) or user_agent[:60]


def _create_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html", "htm", "xml", "svg"], default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the i18n extension
        _gettext, _ngettext, newstyle=True, pgettext=_pgettext, npgettext=_npgettext
    )
    env.globals["static_url"] = static_url
    env.filters["compact"] = compact_number
    env.filters["language_display"] = language_display
    env.filters["datetime"] = format_datetime
    env.filters["device"] = device_label
    return env


environment = _create_environment()


def _current_user(request: Request) -> Any:
    # request.user raises without AuthenticationMiddleware: read the scope instead.
    user = request.scope.get("user")
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _is_htmx_fragment_request(request: Request) -> bool:
    """An htmx swap wants a fragment; boosted navigation and history restores want the page."""
    headers = request.headers
    return (
        headers.get("hx-request") == "true"
        and headers.get("hx-boosted") != "true"
        and headers.get("hx-history-restore-request") != "true"
    )


# The footer's language picker: each language named in itself.
_INTERFACE_LANGUAGES = [(locale, language_name(locale)) for locale in SUPPORTED_LOCALES]


def base_context(request: Request) -> dict[str, Any]:
    """What every template can use, on top of the page's own context."""
    locale = locale_from_scope(request.scope)
    gettext: Any = environment.globals["gettext"]
    return {
        "request": request,
        "_": gettext,
        "gettext": gettext,
        "ngettext": environment.globals["ngettext"],
        "locale": bcp47(locale),
        "direction": "rtl" if locale in RTL_LOCALES else "ltr",
        "interface_locale": locale,
        "interface_languages": _INTERFACE_LANGUAGES,
        "language_name": language_name(locale),
        "static_url": static_url,
        "current_user": _current_user(request),
        "csrf_token": csrf_token(request.scope),
        "htmx": _is_htmx_fragment_request(request),
        "nav_active": "",
    }


def render_to_string(request: Request, template: str, context: dict[str, Any] | None = None) -> str:
    locale = locale_from_scope(request.scope)
    page_context = base_context(request)
    if context:
        page_context.update(context)
    token = _current_locale.set(locale)
    try:
        return environment.get_template(template).render(page_context)
    finally:
        _current_locale.reset(token)


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render ``template`` as the page (or, for an htmx swap, the fragment) in the request's locale."""
    response = HTMLResponse(
        render_to_string(request, template, context), status_code=status_code, headers=headers
    )
    # The same URL answers a full page or an htmx fragment: caches must keep them apart.
    response.headers.add_vary_header("HX-Request")
    return response

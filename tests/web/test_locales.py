"""Every interface language: the page says which it is and which way it is written, and
counts and dates are written as its readers write them."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
import pytest

from potluck.web.i18n import LOCALE_COOKIE, SUPPORTED_LOCALES, bcp47, get_translations
from potluck.web.templating import _current_locale, compact_number, format_datetime
from tests.accounts.test_pages import post_form, read

REQUIRED = {"en", "zh_Hans", "zh_Hant", "ja", "ko", "es", "fr", "de", "pt_BR", "it", "ru", "uk", "pl", "tr",
            "ar", "fa", "hi", "id", "vi", "th", "ms"}  # fmt: skip


def test_the_issue_s_twenty_one_languages_are_offered() -> None:
    assert set(SUPPORTED_LOCALES) >= REQUIRED


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
async def test_each_language_names_itself_on_the_page(client: httpx.AsyncClient, locale: str) -> None:
    client.cookies.set(LOCALE_COOKIE, locale)
    page = read(await client.get("/"))
    html = page.all(lambda element: element.tag == "html")[0]
    assert html.attrs["lang"] == bcp47(locale)
    assert html.attrs["dir"] == ("rtl" if locale in {"ar", "fa"} else "ltr")
    title = page.all(lambda element: element.tag == "title")[0].text()
    assert title.split() == get_translations(locale).gettext("Potluck: share everyday life").split()
    if locale != "en":
        assert title != "Potluck: share everyday life", f"{locale} shows the English title"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", "12K"),
        ("zh_Hans", "1.2万"),
        ("zh_Hant", "1.2萬"),
        ("ja", "1.2万"),
        ("ko", "1.2만"),
        ("ar", "12\xa0ألف"),
    ],
)
def test_counts_are_written_the_reader_s_way(locale: str, expected: str) -> None:
    token = _current_locale.set(locale)
    try:
        assert compact_number(12_000) == expected
        assert compact_number(999) == "999"
    finally:
        _current_locale.reset(token)


def test_dates_are_written_the_reader_s_way() -> None:
    moment = datetime(2025, 1, 14, 9, 30, tzinfo=UTC)
    written = {}
    for locale in ("en", "zh_Hans", "fr", "ru"):
        token = _current_locale.set(locale)
        try:
            written[locale] = format_datetime(moment)
        finally:
            _current_locale.reset(token)
    assert written["en"].startswith("Jan 14, 2025")
    assert written["zh_Hans"].startswith("2025年1月14日")
    assert "janv." in written["fr"]
    assert "янв" in written["ru"]


async def test_the_footer_picker_switches_the_language_and_comes_back(client: httpx.AsyncClient) -> None:
    page = read(await client.get("/search?q=hotpot"))
    assert page.testid("language-picker").attrs["name"] == "locale"
    form = page.form("/language")
    assert form.attrs["method"] == "post"
    chosen = await post_form(client, "/language", {"locale": "ja", "next": "/search?q=hotpot"})
    assert chosen.status_code == 303
    assert chosen.headers["location"] == "/search?q=hotpot"
    japanese = read(await client.get("/"))
    assert japanese.all(lambda element: element.tag == "html")[0].attrs["lang"] == "ja"
    selected = japanese.all(lambda element: element.tag == "option" and "selected" in element.attrs)
    assert [element.attrs["value"] for element in selected] == ["ja"]
    names = [element.text() for element in japanese.all(lambda element: element.tag == "option")]
    assert "العربية" in names
    assert "日本語" in names
    assert len(names) == len(SUPPORTED_LOCALES)
    unknown = await post_form(client, "/language", {"locale": "tlh", "next": "https://evil.example/"})
    assert unknown.headers["location"] == "/", "never to another site"
    assert read(await client.get("/")).all(lambda element: element.tag == "html")[0].attrs["lang"] == "ja"

"""The web shell: home in two languages, nav destinations, caching of static files, and
pages that a strict Content-Security-Policy can run (nothing inline)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.web.assets import IMMUTABLE_CACHE_CONTROL, fingerprint, static_url
from potluck.web.build_assets import VENDOR_FILES, MissingPackageError, build
from potluck.web.i18n import LOCALE_COOKIE
from tests.accounts.factories import log_in, make_user


class ShellAudit(HTMLParser):
    """Collects what a strict CSP would block, plus forms, nav state and the page language."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.post_forms = 0
        self.post_forms_with_token = 0
        self.current_nav: list[str] = []
        self.html_lang: str | None = None
        self._in_script = False
        self._in_post_form = False
        self._form_has_token = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        where = f"<{tag} {' '.join(f'{name}={value!r}' for name, value in attrs)}>"
        if tag == "html":
            self.html_lang = values.get("lang")
        if tag == "style":
            self.problems.append(f"<style> block: {where}")
        if tag == "script":
            src = values.get("src") or ""
            if not src.startswith("/static/"):
                self.problems.append(f"script not from /static: {where}")
            self._in_script = True
        if (
            tag == "link"
            and values.get("rel") == "stylesheet"
            and not (values.get("href") or "").startswith("/static/")
        ):
            self.problems.append(f"stylesheet not from /static: {where}")
        for name, value in attrs:
            if name == "style":
                self.problems.append(f"style attribute: {where}")
            if name.startswith(("on", "hx-on")):
                self.problems.append(f"inline event handler: {where}")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL: {where}")
        if tag == "form" and (values.get("method") or "get").lower() == "post":
            self.post_forms += 1
            self._in_post_form = True
            self._form_has_token = False
        if (
            tag == "input"
            and self._in_post_form
            and values.get("name") == "csrf_token"
            and values.get("value")
        ):
            self._form_has_token = True
        if values.get("aria-current") == "page" and "data-nav" in values:
            self.current_nav.append(values["data-nav"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        if tag == "form" and self._in_post_form:
            self._in_post_form = False
            self.post_forms_with_token += self._form_has_token

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append(f"inline script: {data.strip()[:60]!r}")


def audit(html: str) -> ShellAudit:
    parser = ShellAudit()
    parser.feed(html)
    parser.close()
    return parser


# --- home ----------------------------------------------------------------------------------


async def test_home_in_english(client: httpx.AsyncClient) -> None:
    response = await client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert response.status_code == 200
    assert response.headers["content-language"] == "en"
    page = audit(response.text)
    assert page.html_lang == "en"
    for text in ("Home", "Shop", "Messages", "Me", "Explore", "Following", "Nearby", "Search"):
        assert f">{text}<" in response.text, text
    assert "New here? Welcome to Potluck" in response.text
    assert "First hotpot in Chengdu" in response.text
    assert "Cat tax 🐱" in response.text
    assert 'class="note-card"' in response.text
    assert '<option value="en" lang="en" selected>English</option>' in response.text, "the language picker"
    assert page.current_nav == ["home", "home"], "side bar and tab bar both mark Home"


async def test_home_in_chinese_from_accept_language(client: httpx.AsyncClient) -> None:
    response = await client.get("/", headers={"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"})
    assert response.status_code == 200
    assert response.headers["content-language"] == "zh-Hans"
    assert "Accept-Language" in response.headers["vary"]
    assert audit(response.text).html_lang == "zh-Hans"
    for text in ("首页", "购物", "消息", "我", "发现", "关注", "附近", "搜索", "登录"):
        assert text in response.text, text
    assert "在成都吃的第一顿火锅" in response.text
    assert "First hotpot in Chengdu" not in response.text
    assert "美食" in response.text, "category chips are translated"


async def test_the_cookie_beats_the_browser_language(client: httpx.AsyncClient) -> None:
    client.cookies.set(LOCALE_COOKIE, "zh_Hans")
    response = await client.get("/", headers={"Accept-Language": "en"})
    assert audit(response.text).html_lang == "zh-Hans"


async def test_signed_in_home_uses_the_users_language_and_links_me(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="xiaohong", locale="zh_Hans")
    await log_in(client, "xiaohong")
    response = await client.get("/", headers={"Accept-Language": "en"})
    assert audit(response.text).html_lang == "zh-Hans"
    assert 'href="/@xiaohong"' in response.text
    assert "welcome__title" not in response.text, "no newcomer welcome for members"
    assert 'href="/?tab=following"' in response.text


async def test_logged_out_following_and_nearby_lead_to_login(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    assert 'href="/login?next=/%3Ftab%3Dfollowing"' in response.text
    assert 'href="/login?next=/%3Ftab%3Dnearby"' in response.text
    assert 'href="/login"' in response.text


async def test_category_chips_filter_the_grid(client: httpx.AsyncClient) -> None:
    response = await client.get("/?category=pets")
    assert "Cat tax" in response.text
    assert "First hotpot in Chengdu" not in response.text
    # An unknown category or tab is ignored rather than an error.
    assert (await client.get("/?category=nope&tab=nope")).status_code == 200


async def test_an_empty_following_tab_renders_an_explanation(client: httpx.AsyncClient) -> None:
    response = await client.get("/?tab=following")
    assert response.status_code == 200
    assert "panel--empty" in response.text


async def test_htmx_swaps_get_a_fragment(client: httpx.AsyncClient) -> None:
    fragment = await client.get("/", headers={"HX-Request": "true"})
    assert "<html" not in fragment.text
    assert "note-grid" in fragment.text
    assert "HX-Request" in fragment.headers["vary"]
    boosted = await client.get("/", headers={"HX-Request": "true", "HX-Boosted": "true"})
    assert "<html" in boosted.text


# --- nav destinations ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "nav", "heading"),
    [
        ("/shop", "shop", "Shop"),
        ("/messages", "messages", "Messages"),
    ],
)
async def test_nav_destinations_are_real_pages(
    client: httpx.AsyncClient, path: str, nav: str, heading: str
) -> None:
    response = await client.get(path)
    assert response.status_code == 200
    assert f'id="soon-title" class="panel__title">{heading}<' in response.text
    assert nav in audit(response.text).current_nav


async def test_the_old_compose_address_leads_to_the_composer(client: httpx.AsyncClient) -> None:
    response = await client.get("/compose")
    assert response.status_code == 308
    assert response.headers["location"] == "/notes/new"


async def test_coming_soon_in_chinese(client: httpx.AsyncClient) -> None:
    response = await client.get("/shop", headers={"Accept-Language": "zh"})
    assert "即将上线" in response.text
    assert ">购物<" in response.text


async def test_error_pages_are_readable_and_translated(client: httpx.AsyncClient) -> None:
    response = await client.get("/no-such-page", headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 404
    assert "找不到这个页面" in response.text
    assert 'href="/"' in response.text


# --- nothing inline: the CSP can stay strict ---------------------------------------------


async def test_pages_have_no_inline_script_or_style(client: httpx.AsyncClient, db: AsyncSession) -> None:
    paths = [
        "/",
        "/?tab=following",
        "/?category=food",
        "/shop",
        "/messages",
        "/login",
        "/no-such-page",
    ]
    checked = 0
    for language in ("en", "zh-CN"):
        for path in paths:
            response = await client.get(path, headers={"Accept-Language": language})
            page = audit(response.text)
            assert not page.problems, f"{path} ({language}): {page.problems}"
            assert page.post_forms == page.post_forms_with_token, f"{path}: a POST form lacks csrf_token"
            checked += 1
    await make_user(db, username="inline_check")
    await log_in(client, "inline_check")
    for path in ("/", "/@inline_check"):
        page = audit((await client.get(path)).text)
        assert not page.problems, f"{path} signed in: {page.problems}"
        assert page.post_forms == page.post_forms_with_token
        checked += 1
    assert checked == 2 * len(paths) + 2


def test_the_audit_catches_what_the_csp_would_block() -> None:
    bad = audit(
        "<html><head><style>a{}</style><script>alert(1)</script></head>"
        '<body><p style="color:red" onclick="x()">x</p><form method="post"></form></body></html>'
    )
    assert len(bad.problems) == 5
    assert bad.post_forms == 1
    assert bad.post_forms_with_token == 0


# --- static files ----------------------------------------------------------------------


async def test_fingerprinted_static_files_are_immutable(client: httpx.AsyncClient) -> None:
    url = static_url("css/app.css")
    assert url.startswith("/static/css/app.css?v=")
    response = await client.get(url)
    assert response.status_code == 200
    assert response.headers["cache-control"] == IMMUTABLE_CACHE_CONTROL
    assert response.headers["content-type"].startswith("text/css")


@pytest.mark.parametrize("query", ["", "?v=0123456789ab", "?other=1"])
async def test_static_files_without_the_current_hash_are_cached_briefly(
    client: httpx.AsyncClient, query: str
) -> None:
    response = await client.get(f"/static/css/app.css{query}")
    assert response.status_code == 200
    assert "immutable" not in response.headers["cache-control"]
    assert "max-age=300" in response.headers["cache-control"]


async def test_static_urls_in_pages_are_fingerprinted(client: httpx.AsyncClient) -> None:
    html = (await client.get("/")).text
    for path in ("css/app.css", "js/app.js", "img/logo.svg"):
        assert f"/static/{path}?v={fingerprint(path)}" in html
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false' in html


async def test_missing_static_file_is_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/static/css/nope.css")
    assert response.status_code == 404
    assert static_url("css/nope.css") == "/static/css/nope.css"


def test_build_assets_copies_once_and_prunes(tmp_path: Path) -> None:
    node_modules = tmp_path / "node_modules"
    for source in VENDOR_FILES:
        (node_modules / source).parent.mkdir(parents=True, exist_ok=True)
        (node_modules / source).write_text(f"/* {source} */")
    vendor = tmp_path / "vendor"
    (vendor / "old").mkdir(parents=True)
    (vendor / "old" / "stale.js").write_text("gone soon")

    first = build(node_modules, vendor)
    assert sorted(first.copied) == sorted(VENDOR_FILES.values())
    assert first.removed == ["old/stale.js"]
    assert not (vendor / "old").exists()

    second = build(node_modules, vendor)
    assert second.copied == []
    assert second.removed == []

    (node_modules / "htmx.org/dist/htmx.min.js").write_text("/* a new release */")
    assert build(node_modules, vendor).copied == ["htmx.min.js"]

    (node_modules / "htmx.org/dist/htmx.min.js").unlink()
    with pytest.raises(MissingPackageError, match="npm ci"):
        build(node_modules, vendor)

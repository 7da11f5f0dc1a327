"""The accounts pages over HTTP: sign-up, log-in, profile and security settings, admin actions.

What a visitor notices: the status, where a mistake is shown (next to its field, linked by
``aria-describedby``), what is kept in the form and what is not, and that every page can run
under the strict Content-Security-Policy (nothing inline).
"""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from PIL import Image
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.models import User
from potluck.app import create_app
from potluck.db.engine import create_sessionmaker
from potluck.runtime import Runtime
from potluck.web.i18n import gettext_for
from tests.accounts.factories import DEFAULT_PASSWORD, log_in, make_user
from tests.conftest import CSRFClient, make_settings

NEW_PASSWORD = "a brand new passphrase"
FORM_CONTROLS = {"input", "select", "textarea", "fieldset"}


# --- reading pages ---------------------------------------------------------------------------


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # own text and, in order, the children's

    def text(self) -> str:
        return " ".join("".join(self.texts).split())

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.walk()


VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Page(HTMLParser):
    """A small DOM of an HTML page, plus what a strict CSP would refuse to run."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self._open: list[Element] = [self.root]
        self.inline_problems: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        element = Element(tag, values, parent=self._open[-1])
        self._open[-1].children.append(element)
        where = f"<{tag} {values}>"
        if tag == "style":
            self.inline_problems.append(f"<style> block: {where}")
        if tag == "script" and not values.get("src", "").startswith("/static/"):
            self.inline_problems.append(f"inline or foreign script: {where}")
        for name in values:
            if name == "style":
                self.inline_problems.append(f"style attribute: {where}")
            if name.startswith(("on", "hx-on")):
                self.inline_problems.append(f"inline event handler: {where}")
        if tag not in VOID_TAGS:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self._open.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.texts.append(data)

    # -- queries --

    def all(self, predicate: Callable[[Element], bool]) -> list[Element]:
        return [element for element in self.root.walk() if predicate(element)]

    def by_id(self, element_id: str) -> Element | None:
        found = self.all(lambda element: element.attrs.get("id") == element_id)
        assert len(found) <= 1, f"duplicate id {element_id!r}"
        return found[0] if found else None

    def get(self, element_id: str) -> Element:
        element = self.by_id(element_id)
        assert element is not None, f"no #{element_id} on the page"
        return element

    def find_testid(self, name: str) -> Element | None:
        found = self.all(lambda element: element.attrs.get("data-testid") == name)
        return found[0] if found else None

    def testid(self, name: str) -> Element:
        element = self.find_testid(name)
        assert element is not None, f"no [data-testid={name}] on the page"
        return element

    def find_form(self, action: str) -> Element | None:
        found = self.all(lambda element: element.tag == "form" and element.attrs.get("action") == action)
        return found[0] if found else None

    def form(self, action: str) -> Element:
        element = self.find_form(action)
        assert element is not None, f"no form posting to {action} on the page"
        return element

    def actions(self, pattern: str) -> list[str]:
        regex = re.compile(pattern)
        return [
            element.attrs["action"]
            for element in self.all(lambda element: element.tag == "form")
            if regex.fullmatch(element.attrs.get("action", ""))
        ]

    def assert_error_next_to(self, control_id: str, name: str) -> str:
        """The field's error follows it, before the next field, and the field points at it."""
        control = self.get(control_id)
        error = self.get(f"{name}-error")
        assert control.attrs.get("aria-invalid") == "true"
        assert f"{name}-error" in control.attrs.get("aria-describedby", "").split()
        assert error.attrs.get("role") == "alert"
        order = list(self.root.walk())
        start, end = order.index(control), order.index(error)
        assert start < end, "the error comes after its field"
        between = [
            element
            for element in order[start + 1 : end]
            if element.tag in FORM_CONTROLS and not is_inside(element, control)
        ]
        assert between == [], f"other fields between #{control_id} and its error: {between}"
        assert error.text()
        return error.text()

    def invalid_fields(self) -> list[str]:
        return [
            element.attrs.get("id", element.tag)
            for element in self.all(lambda element: element.attrs.get("aria-invalid") == "true")
        ]


def is_inside(element: Element, ancestor: Element) -> bool:
    node: Element | None = element.parent
    while node is not None:
        if node is ancestor:
            return True
        node = node.parent
    return False


def read(response: httpx.Response, status: int = 200) -> Page:
    assert response.status_code == status, (response.status_code, response.text[:2000])
    assert response.headers["content-type"].startswith("text/html")
    assert_strict_csp(response)
    page = Page(response.text)
    assert page.inline_problems == []
    return page


def assert_strict_csp(response: httpx.Response) -> None:
    policy = response.headers.get("content-security-policy", "")
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives.get("script-src") == ["'self'"], policy
    assert directives.get("style-src") == ["'self'"], policy
    assert directives.get("object-src") == ["'none'"], policy
    assert directives.get("frame-ancestors") == ["'none'"], policy


def location(response: httpx.Response) -> str:
    assert response.status_code == 303, (response.status_code, response.text[:2000])
    return response.headers["location"]


async def post_form(
    client: httpx.AsyncClient, url: str, data: dict[str, Any] | None = None
) -> httpx.Response:
    """A plain HTML form post: url-encoded, with the token in the ``csrf_token`` field."""
    body = {"csrf_token": client.cookies["potluck_csrf"], **(data or {})}
    return await client.post(url, data=body, headers={"X-CSRF-Token": ""})


async def member(client: httpx.AsyncClient, db: AsyncSession, username: str, **fields: Any) -> User:
    user = await make_user(db, username=username, **fields)
    await log_in(client, username)
    return user


@asynccontextmanager
async def second_client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """Another browser: cookies of its own."""
    transport = httpx.ASGITransport(app=app)
    async with CSRFClient(transport=transport, base_url="http://testserver") as other:
        await other.get("/login")
        yield other


async def is_logged_in(client: httpx.AsyncClient) -> bool:
    response = await client.get("/settings/profile")
    return response.status_code == 200


def png_bytes(size: tuple[int, int] = (64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (230, 80, 60)).save(buffer, "PNG")
    return buffer.getvalue()


# --- sign-up ---------------------------------------------------------------------------------


async def test_signup_page_shows_the_form(client: httpx.AsyncClient) -> None:
    page = read(await client.get("/signup"))
    form = page.form("/signup")
    assert form.attrs["method"] == "post"
    names = {element.attrs.get("name") for element in form.walk() if element.tag in FORM_CONTROLS}
    assert {"csrf_token", "username", "display_name", "email", "password", "locale"} <= names
    assert page.get("signup-password").attrs["type"] == "password"
    assert page.invalid_fields() == []
    # Every field has a label.
    labelled = {element.attrs.get("for") for element in page.all(lambda element: element.tag == "label")}
    assert {"signup-username", "signup-display-name", "signup-email", "signup-password"} <= labelled


async def test_signup_with_a_taken_name_keeps_what_was_typed_but_not_the_password(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="Mei_Lin")
    secret = "my secret soup recipe"
    response = await post_form(
        client,
        "/signup",
        {
            "username": "mei_lin",
            "display_name": "Another Mei",
            "email": "another.mei@example.com",
            "password": secret,
            "locale": "en",
        },
    )
    page = read(response, 409)
    assert page.assert_error_next_to("signup-username", "username") == "This name is taken."
    assert page.invalid_fields() == ["signup-username"]
    assert page.get("signup-username").attrs["value"] == "mei_lin"
    assert page.get("signup-display-name").attrs["value"] == "Another Mei"
    assert page.get("signup-email").attrs["value"] == "another.mei@example.com"
    assert "value" not in page.get("signup-password").attrs
    assert secret not in response.text
    assert "potluck_session" not in response.headers.get("set-cookie", "")


@pytest.mark.parametrize(
    ("fields", "control", "name", "message"),
    [
        ({"username": "Admin"}, "signup-username", "username", "This name is reserved."),
        ({"username": "a!"}, "signup-username", "username", "Use 3 to 30 letters, digits or underscores."),
        ({"password": "short"}, "signup-password", "password", "Use at least 8 characters."),
        ({"password": "password123"}, "signup-password", "password", "too common"),
        ({"email": "not-an-address"}, "signup-email", "email", "This is not a valid email address."),
    ],
)
async def test_signup_mistakes_are_shown_next_to_their_field(
    client: httpx.AsyncClient, fields: dict[str, str], control: str, name: str, message: str
) -> None:
    data = {"username": "new_cook", "password": "a perfectly fine passphrase", **fields}
    page = read(await post_form(client, "/signup", data), 422)
    assert message in page.assert_error_next_to(control, name)
    assert page.invalid_fields() == [control]
    assert page.by_id("form-error") is None


async def test_every_signup_mistake_is_shown_at_once(client: httpx.AsyncClient) -> None:
    data = {"username": "a!", "email": "not-an-address", "password": "short", "display_name": "Kept"}
    page = read(await post_form(client, "/signup", data), 422)
    assert page.assert_error_next_to("signup-username", "username") == (
        "Use 3 to 30 letters, digits or underscores."
    )
    assert page.assert_error_next_to("signup-email", "email") == "This is not a valid email address."
    assert page.assert_error_next_to("signup-password", "password") == "Use at least 8 characters."
    assert sorted(page.invalid_fields()) == ["signup-email", "signup-password", "signup-username"]
    assert page.get("signup-display-name").attrs["value"] == "Kept"


async def test_signup_mistakes_in_chinese(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="taken_name")
    response = await client.post(
        "/signup",
        data={"username": "TAKEN_NAME", "password": "a perfectly fine passphrase"},
        headers={"Accept-Language": "zh-CN,zh;q=0.9"},
    )
    page = read(response, 409)
    html = page.all(lambda element: element.tag == "html")[0]
    assert html.attrs["lang"] == "zh-Hans"
    message = page.assert_error_next_to("signup-username", "username")
    # Exactly what the Chinese catalog says.
    assert message == gettext_for("zh_Hans")("This name is taken.")
    assert re.search(r"[\u4e00-\u9fff]", message), "in Chinese"


async def test_signup_logs_in_and_welcomes(client: httpx.AsyncClient) -> None:
    response = await post_form(
        client,
        "/signup",
        {"username": "Fresh_Cook", "display_name": "Fresh", "password": "a perfectly fine passphrase"},
    )
    assert location(response) == "/welcome"
    cookie = response.headers["set-cookie"]
    assert "potluck_session=" in cookie
    assert "HttpOnly" in cookie
    page = read(await client.get("/settings/profile?welcome=1"))
    notice = page.all(lambda element: element.attrs.get("role") == "status")
    assert len(notice) == 1
    assert "Welcome to Potluck" in notice[0].text()
    assert page.get("profile-display-name").attrs["value"] == "Fresh"
    # A logged-in visitor who opens the sign-up page again goes on instead.
    assert location(await client.get("/signup?next=/@Fresh_Cook")) == "/@Fresh_Cook"


async def test_signup_next_stays_on_the_site(client: httpx.AsyncClient) -> None:
    response = await post_form(
        client,
        "/signup",
        {"username": "wanderer", "password": "a perfectly fine passphrase", "next": "https://evil.example/"},
    )
    assert location(response) == "/welcome"


@asynccontextmanager
async def tight_app(tmp_path: Path, database_url: str, redis_url: str, **limits: str) -> AsyncIterator[Any]:
    settings = make_settings(tmp_path / "tight", database_url, redis_url, **limits)
    runtime = Runtime(settings)
    await runtime.start()
    await runtime.rate_limiter.reset()
    connection = await runtime.database.engine.connect()
    transaction = await connection.begin()
    runtime.database.sessionmaker = create_sessionmaker(
        connection, info=runtime.session_info(), join_transaction_mode="create_savepoint"
    )
    try:
        yield create_app(runtime=runtime)
    finally:
        await transaction.rollback()
        await connection.close()
        await runtime.rate_limiter.reset()
        await runtime.stop()


@pytest.mark.usefixtures("_flushed_redis")
async def test_too_many_signups_get_a_readable_page(
    tmp_path: Path, database_url: str, redis_url: str
) -> None:
    async with tight_app(tmp_path, database_url, redis_url, rate_limit_signup="1/hour") as app:
        async with second_client(app) as browser:
            first = await post_form(
                browser, "/signup", {"username": "first_one", "password": "fine passphrase 1"}
            )
            assert location(first) == "/welcome"
        async with second_client(app) as browser:
            response = await post_form(
                browser, "/signup", {"username": "second_one", "password": "fine passphrase 2"}
            )
            page = read(response, 429)
            assert int(response.headers["retry-after"]) > 0
            assert page.get("form-error").text() == (
                "Too many sign-ups from your network. Please try again later."
            )
            assert page.get("signup-username").attrs["value"] == "second_one"
            assert page.get("form-error").attrs["role"] == "alert"


# --- log-in and out --------------------------------------------------------------------------


async def test_login_with_a_wrong_password_shows_an_alert(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await make_user(db, username="forgetful")
    response = await post_form(client, "/login", {"login": "forgetful", "password": "not my password"})
    page = read(response, 401)
    alert = page.get("form-error")
    assert alert.attrs["role"] == "alert"
    assert alert.text() == "Wrong name or password."
    assert page.get("login-name").attrs["value"] == "forgetful"
    assert page.get("login-name").attrs.get("aria-describedby") == "form-error"
    assert "value" not in page.get("login-password").attrs
    assert "not my password" not in response.text


async def test_login_page_then_back_where_you_were(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await make_user(db, username="returning")
    page = read(await client.get("/login?next=/settings/security"))
    next_field = list(page.all(lambda element: element.attrs.get("name") == "next"))
    assert next_field[0].attrs["value"] == "/settings/security"
    response = await post_form(
        client, "/login", {"login": "RETURNING", "password": DEFAULT_PASSWORD, "next": "/settings/security"}
    )
    assert location(response) == "/settings/security"
    read(await client.get("/settings/security"))


async def test_logout_form_ends_the_session(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await member(client, db, "leaving")
    page = read(await client.get("/@leaving"))
    page.form("/logout")
    assert location(await post_form(client, "/logout")) == "/"
    assert not await is_logged_in(client)


@pytest.mark.parametrize("path", ["/settings/profile", "/settings/security", "/settings/profile?welcome=1"])
async def test_settings_send_anonymous_visitors_to_log_in(client: httpx.AsyncClient, path: str) -> None:
    target = location(await client.get(path))
    parts = urlsplit(target)
    assert parts.path == "/login"
    assert parse_qs(parts.query)["next"] == [path]


async def test_settings_forms_need_a_login(client: httpx.AsyncClient) -> None:
    for path in ("/settings/profile", "/settings/security/password", "/settings/security/tokens"):
        target = location(await post_form(client, path, {"bio": "anonymous"}))
        assert target.startswith("/login?next=")


# --- profile ---------------------------------------------------------------------------------


async def test_edit_profile_then_see_it_on_the_profile_page(
    client: httpx.AsyncClient, db: AsyncSession, app: Any
) -> None:
    await member(client, db, "noodle_fan", display_name="Noodle")
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = await post_form(
        client,
        "/settings/profile",
        {
            "display_name": "Noodle Fan 面条",
            "bio": f"Hand-pulled noodles.\n{hostile}",
            "location": "Lanzhou",
            "pronouns": "she/her",
            "languages": ["zh", "en"],
            "locale": "",
        },
    )
    assert location(response) == "/settings/profile?saved=1"
    settings_page = read(await client.get("/settings/profile?saved=1"))
    assert settings_page.get("saved-notice").text() == "Saved."
    assert settings_page.get("profile-location").attrs["value"] == "Lanzhou"
    checked = {
        element.attrs["value"]
        for element in settings_page.all(lambda element: element.attrs.get("name") == "languages")
        if "checked" in element.attrs
    }
    assert checked == {"zh", "en"}

    async with second_client(app) as stranger:
        response = await stranger.get("/@NOODLE_FAN")
        page = read(response)
        assert page.get("profile-name").text() == "Noodle Fan 面条"
        bio = page.testid("bio")
        assert hostile in bio.text()  # shown as text ...
        assert "<script>alert" not in response.text  # ... never as markup
        assert "&lt;script&gt;" in response.text
        assert not page.all(lambda element: element.tag == "img" and element.attrs.get("src") == "x")
        assert page.testid("location").text() == "Lanzhou"
        assert page.testid("pronouns").text() == "she/her"
        assert page.testid("languages").text() == "Chinese · English"
        for count in ("following-count", "follower-count", "likes-count"):
            assert page.testid(count).text() == "0"
        # A stranger gets no edit, log-out or moderation buttons.
        assert page.find_form("/logout") is None
        assert page.actions(r"/admin/.*") == []


@pytest.mark.parametrize(
    ("fields", "control", "name", "message"),
    [
        ({"languages": ["en", "zz"]}, None, "languages", "Unknown language: zz"),
        ({"bio": "x" * 501}, "profile-bio", "bio", "Use at most 500 characters."),
        ({"display_name": "   "}, "profile-display-name", "display_name", "Enter a name to show"),
        ({"location": "y" * 61}, "profile-location", "location", "Use at most 60 characters."),
    ],
)
async def test_profile_mistakes_are_shown_next_to_the_field_and_nothing_is_saved(
    client: httpx.AsyncClient,
    db: AsyncSession,
    fields: dict[str, Any],
    control: str | None,
    name: str,
    message: str,
) -> None:
    user = await member(client, db, "careful", display_name="Careful")
    user.bio = "Original bio"
    await db.commit()
    data = {"display_name": "Changed Name", "bio": "Changed bio", "location": "Changed", **fields}
    page = read(await post_form(client, "/settings/profile", data), 422)
    if control is None:  # the checkboxes: the fieldset carries the error
        fieldset = page.all(lambda element: element.tag == "fieldset")[0]
        control = "languages-fieldset"
        fieldset.attrs["id"] = control
    assert message in page.assert_error_next_to(control, name)
    # What was typed is still in the form, to correct.
    assert page.get("profile-bio").text() == data["bio"].strip()
    # Nothing was saved.
    me = (await client.get("/api/v1/me")).json()
    assert (me["display_name"], me["bio"], me["location"]) == ("Careful", "Original bio", "")


async def test_a_private_account_shows_others_only_its_header(
    client: httpx.AsyncClient, db: AsyncSession, app: Any
) -> None:
    await make_user(db, username="stranger")
    await member(client, db, "hermit", display_name="Hermit")
    saved = await post_form(
        client,
        "/settings/profile",
        {"display_name": "Hermit", "bio": "Secret garden", "location": "Hidden valley", "is_private": "1"},
    )
    assert location(saved) == "/settings/profile?saved=1"
    # The owner still sees everything.
    own = read(await client.get("/@hermit"))
    assert own.testid("bio").text() == "Secret garden"

    async with second_client(app) as other, second_client(app) as anonymous:
        await log_in(other, "stranger")
        for viewer in (other, anonymous):
            response = await viewer.get("/@hermit")
            page = read(response)
            assert page.get("profile-name").text() == "Hermit"
            assert "This account is private." in response.text
            assert "Secret garden" not in response.text
            assert "Hidden valley" not in response.text
            assert page.find_testid("bio") is None


async def test_unknown_profile_is_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/@nobody_here")
    assert response.status_code == 404


async def test_avatar_upload_through_htmx(client: httpx.AsyncClient, db: AsyncSession, app: Any) -> None:
    await member(client, db, "photogenic")
    page = read(await client.get("/settings/profile"))
    form = page.form("/settings/profile/avatar")
    assert form.attrs["hx-post"] == "/settings/profile/avatar"
    assert form.attrs["enctype"] == "multipart/form-data"

    response = await client.post(
        "/settings/profile/avatar",
        files={"file": ("me.png", png_bytes((120, 80)), "image/png")},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 204
    assert response.headers["hx-redirect"] == "/settings/profile?saved=1"

    page = read(await client.get("/settings/profile?saved=1"))
    src = page.get("avatar-image").attrs["src"]
    async with second_client(app) as stranger:
        profile = read(await stranger.get("/@photogenic"))
        images = profile.all(lambda element: element.tag == "img" and element.attrs.get("src") == src)
        assert len(images) == 1
        picture = await stranger.get(src)
        assert picture.status_code == 200
        with Image.open(io.BytesIO(picture.content)) as image:
            assert image.format == "WEBP"
            assert image.size[0] == image.size[1]  # cropped square


async def test_a_file_that_is_not_a_picture_is_refused_next_to_the_field(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await member(client, db, "not_a_photo")
    response = await client.post(
        "/settings/profile/avatar", files={"file": ("me.png", b"GIF89a but not really", "image/png")}
    )
    page = read(response, 422)
    assert "not a picture we can read" in page.assert_error_next_to("avatar-file", "file")
    assert page.by_id("avatar-image") is None


async def test_uploading_nothing_keeps_the_picture_and_remove_takes_it_away(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await member(client, db, "camera_shy")
    uploaded = await client.post(
        "/settings/profile/avatar", files={"file": ("me.png", png_bytes(), "image/png")}
    )
    assert uploaded.status_code == 303
    src = read(await client.get("/settings/profile")).get("avatar-image").attrs["src"]

    # "Upload picture" with no file chosen is a mistake, not a deletion.
    nothing = await client.post(
        "/settings/profile/avatar", files={"file": ("", b"", "application/octet-stream")}
    )
    page = read(nothing, 422)
    assert "Choose a picture" in page.assert_error_next_to("avatar-file", "file")
    assert page.get("avatar-image").attrs["src"] == src

    removed = await post_form(client, "/settings/profile/avatar/delete", {})
    assert removed.status_code == 303
    page = read(await client.get("/settings/profile"))
    assert page.by_id("avatar-image") is None
    assert (await client.get(src)).status_code == 404


async def test_choosing_potlucks_language_switches_the_pages(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await member(client, db, "polyglot", display_name="Poly")
    response = await post_form(client, "/settings/profile", {"display_name": "Poly", "locale": "zh_Hans"})
    assert location(response) == "/settings/profile?saved=1"
    assert "potluck_locale=zh_Hans" in response.headers["set-cookie"]
    page = read(await client.get("/settings/profile"))
    assert page.all(lambda element: element.tag == "html")[0].attrs["lang"] == "zh-Hans"
    selected = [
        element.attrs["value"]
        for element in page.get("profile-locale").walk()
        if element.tag == "option" and "selected" in element.attrs
    ]
    assert selected == ["zh_Hans"]


# --- security settings -----------------------------------------------------------------------


async def test_change_password_with_the_wrong_current_one(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await member(client, db, "pw_wrong")
    response = await post_form(
        client,
        "/settings/security/password",
        {"current_password": "not the password", "new_password": NEW_PASSWORD},
    )
    page = read(response, 422)
    assert page.assert_error_next_to("current-password", "current_password") == (
        "Your current password is not right."
    )
    assert page.invalid_fields() == ["current-password"]
    assert NEW_PASSWORD not in response.text
    assert "not the password" not in response.text


async def test_change_password_to_a_weak_one(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await member(client, db, "pw_weak")
    response = await post_form(
        client,
        "/settings/security/password",
        {"current_password": DEFAULT_PASSWORD, "new_password": "short"},
    )
    page = read(response, 422)
    assert page.assert_error_next_to("new-password", "new_password") == "Use at least 8 characters."


async def test_change_password_logs_out_the_other_devices(
    client: httpx.AsyncClient, db: AsyncSession, app: Any
) -> None:
    await member(client, db, "pw_change")
    async with second_client(app) as phone:
        await log_in(phone, "pw_change")
        assert await is_logged_in(phone)
        response = await post_form(
            client,
            "/settings/security/password",
            {"current_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD},
        )
        assert location(response) == "/settings/security?notice=password_changed"
        page = read(await client.get("/settings/security?notice=password_changed"))
        assert "Password changed." in page.all(lambda e: e.attrs.get("role") == "status")[0].text()
        assert await is_logged_in(client), "this device stays logged in"
        assert not await is_logged_in(phone)
        # The new password works; the old one does not.
        old = await post_form(phone, "/login", {"login": "pw_change", "password": DEFAULT_PASSWORD})
        assert old.status_code == 401
        await log_in(phone, "pw_change", NEW_PASSWORD)


async def test_a_token_is_shown_once_then_only_its_prefix(
    client: httpx.AsyncClient, db: AsyncSession, raw_client: httpx.AsyncClient
) -> None:
    await member(client, db, "scripter")
    response = await post_form(
        client, "/settings/security/tokens", {"name": "photo uploader", "expires_in_days": "30"}
    )
    page = read(response)
    assert "no-store" in response.headers["cache-control"]
    shown = page.testid("new-token")
    token = shown.text()
    assert len(token) > 20

    # It works as a Bearer token.
    bearer = await raw_client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert bearer.json()["username"] == "scripter"

    again = await client.get("/settings/security")
    page = read(again)
    assert page.find_testid("new-token") is None
    assert token not in again.text
    listed = page.testid("tokens")
    assert "photo uploader" in listed.text()
    code = [element.text() for element in listed.walk() if element.tag == "code"]
    assert len(code) == 1
    assert code[0].endswith("…")
    assert token.startswith(code[0].rstrip("…"))
    assert len(code[0]) < len(token)


async def test_a_token_without_a_name_is_refused_next_to_the_field(
    client: httpx.AsyncClient, db: AsyncSession
) -> None:
    await member(client, db, "nameless")
    page = read(await post_form(client, "/settings/security/tokens", {"name": "  "}), 422)
    assert "Give the token a name" in page.assert_error_next_to("token-name", "name")
    assert page.find_testid("new-token") is None


async def test_deleting_a_token(
    client: httpx.AsyncClient, db: AsyncSession, raw_client: httpx.AsyncClient
) -> None:
    await member(client, db, "tidy")
    page = read(await post_form(client, "/settings/security/tokens", {"name": "old script"}))
    token = page.testid("new-token").text()
    (delete,) = page.actions(r"/settings/security/tokens/\d+/delete")
    assert location(await post_form(client, delete)) == "/settings/security?notice=token_deleted"
    page = read(await client.get("/settings/security?notice=token_deleted"))
    assert page.find_testid("tokens") is None
    assert "Token deleted." in page.all(lambda e: e.attrs.get("role") == "status")[0].text()
    refused = await raw_client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 401


async def test_someone_elses_token_cannot_be_deleted(
    client: httpx.AsyncClient, db: AsyncSession, app: Any
) -> None:
    await member(client, db, "token_owner")
    page = read(await post_form(client, "/settings/security/tokens", {"name": "mine"}))
    (delete,) = page.actions(r"/settings/security/tokens/\d+/delete")
    await make_user(db, username="token_thief")
    async with second_client(app) as thief:
        await log_in(thief, "token_thief")
        response = await post_form(thief, delete)
        assert response.status_code == 404
        assert read(response, 404).get("form-error").text() == "No such token."
    assert (
        len(read(await client.get("/settings/security")).actions(r"/settings/security/tokens/\d+/delete"))
        == 1
    )


async def test_sessions_list_marks_this_device_and_ends_another(
    client: httpx.AsyncClient, db: AsyncSession, app: Any
) -> None:
    await member(client, db, "two_phones")
    async with second_client(app) as phone:
        await log_in(phone, "two_phones")
        page = read(await client.get("/settings/security"))
        sessions = page.testid("sessions")
        items = [element for element in sessions.children if element.tag == "li"]
        assert len(items) == 2
        this_device = [item for item in items if "This device" in item.text()]
        assert len(this_device) == 1
        (other,) = [item for item in items if item is not this_device[0]]
        (end_other,) = [element.attrs["action"] for element in other.walk() if element.tag == "form"]
        assert re.fullmatch(r"/settings/security/sessions/\d+/end", end_other)

        assert location(await post_form(client, end_other)) == "/settings/security?notice=session_ended"
        assert not await is_logged_in(phone)
        assert await is_logged_in(client)
        page = read(await client.get("/settings/security?notice=session_ended"))
        assert len([e for e in page.testid("sessions").children if e.tag == "li"]) == 1

        # Ending this device's own session logs out here.
        (own,) = page.actions(r"/settings/security/sessions/\d+/end")
        response = await post_form(client, own)
        assert location(response) == "/login"
        assert not await is_logged_in(client)


async def test_log_out_of_every_device(client: httpx.AsyncClient, db: AsyncSession, app: Any) -> None:
    await member(client, db, "everywhere")
    async with second_client(app) as phone:
        await log_in(phone, "everywhere")
        page = read(await client.get("/settings/security"))
        page.form("/settings/security/logout-all")
        response = await post_form(client, "/settings/security/logout-all")
        assert location(response) == "/login"
        assert not await is_logged_in(client)
        assert not await is_logged_in(phone)


async def test_security_activity_lists_log_ins(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await member(client, db, "watchful")
    await post_form(client, "/login", {"login": "watchful", "password": "wrong password!"})
    page = read(await client.get("/settings/security"))
    activity = page.testid("activity")
    entries = [element.text() for element in activity.children if element.tag == "li"]
    assert any(entry.startswith("Logged in") for entry in entries), entries
    assert any(entry.startswith("Failed log-in attempt") for entry in entries), entries


async def test_settings_pages_are_marked_in_the_tabs(client: httpx.AsyncClient, db: AsyncSession) -> None:
    await member(client, db, "tabby")
    for path, tab in (
        ("/settings/profile", "/settings/profile"),
        ("/settings/security", "/settings/security"),
    ):
        page = read(await client.get(path))
        current = page.all(
            lambda element: (
                "settings-tabs__tab" in element.attrs.get("class", "")
                and element.attrs.get("aria-current") == "page"
            )
        )
        assert [element.attrs["href"] for element in current] == [tab]


# --- administrators --------------------------------------------------------------------------


async def test_only_administrators_see_the_suspend_button(
    client: httpx.AsyncClient, db: AsyncSession, app: Any
) -> None:
    await make_user(db, username="someone")
    await member(client, db, "the_admin", is_admin=True)
    page = read(await client.get("/@someone"))
    assert page.actions(r"/admin/users/.*") == ["/admin/users/someone/suspend"]
    assert "Suspend account" in page.form("/admin/users/someone/suspend").text()
    own = read(await client.get("/@the_admin"))
    assert own.actions(r"/admin/users/.*") == []

    async with second_client(app) as member_client:
        await make_user(db, username="plain_member")
        await log_in(member_client, "plain_member")
        page = read(await member_client.get("/@someone"))
        assert page.actions(r"/admin/users/.*") == []
        refused = await post_form(member_client, "/admin/users/someone/suspend", {"reason": "no"})
        assert refused.status_code == 403
    assert (await client.get("/@someone")).status_code == 200


async def test_suspend_through_the_form_hides_the_profile(
    client: httpx.AsyncClient, db: AsyncSession, app: Any
) -> None:
    await make_user(db, username="spammer")
    await member(client, db, "moderator_mo", is_admin=True)
    response = await post_form(client, "/admin/users/spammer/suspend", {"reason": "selling fake handbags"})
    assert location(response) == "/@spammer"
    async with second_client(app) as other:
        assert (await other.get("/@spammer")).status_code == 404
        refused = await post_form(other, "/login", {"login": "spammer", "password": DEFAULT_PASSWORD})
        assert refused.status_code == 403
        assert read(refused, 403).get("form-error").text() == "This account is suspended."

    # The administrator lands on the page they were sent to, and can undo it there.
    page = read(await client.get("/@spammer"))
    assert page.actions(r"/admin/users/.*") == ["/admin/users/spammer/restore"]
    assert location(await post_form(client, "/admin/users/spammer/restore")) == "/@spammer"
    async with second_client(app) as other:
        assert (await other.get("/@spammer")).status_code == 200

"""The shell's own pages: home (Explore, Following and Nearby grids, each from its source
in ``web.home_feeds``; example cards before the first note is posted), and the nav
destinations that later issues fill in (search has its own pages: ``search.pages``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession

from potluck.accounts.auth import request_viewer
from potluck.notes import service as notes
from potluck.notes.pages import is_htmx
from potluck.notes.profile_pages import card_views
from potluck.topics import pages as topics_pages
from potluck.web.deps import DbSession, runtime_of
from potluck.web.forms import safe_next, see_other
from potluck.web.home_feeds import FEED_SOURCES, PAGE_SIZE, FeedQuery
from potluck.web.i18n import LOCALE_COOKIE, N_, SUPPORTED_LOCALES, gettext_for, locale_from_scope
from potluck.web.templating import render

router = APIRouter(include_in_schema=False)

FEED_TABS = ("explore", "following", "nearby")

# The categories newcomers pick from; slugs are stable URL parameters.
CATEGORIES: tuple[tuple[str, str], ...] = (
    ("food", N_("Food")),
    ("travel", N_("Travel")),
    ("beauty", N_("Beauty")),
    ("fashion", N_("Fashion")),
    ("home", N_("Home & living")),
    ("fitness", N_("Fitness")),
    ("pets", N_("Pets")),
    ("parenting", N_("Parenting")),
    ("study", N_("Study")),
)
CATEGORY_SLUGS = frozenset(slug for slug, _label in CATEGORIES)


@dataclass(frozen=True)
class DemoNote:
    """An example card shown until real notes exist (the feed replaces these)."""

    title: str  # an N_() msgid, translated when shown
    author: str
    category: str
    likes: int
    cover: str  # a .cover-* colour class
    ratio: str  # a .ratio-* class: 3x4, 1x1 or 4x3
    emoji: str
    avatar: int  # an .avatar-* colour class, 1 to 6


DEMO_NOTES: tuple[DemoNote, ...] = (
    DemoNote(N_("First hotpot in Chengdu"), "Mia Chen", "food", 12840, "coral", "3x4", "🌶️", 1),
    DemoNote(N_("Cat tax 🐱"), "团子和它的猫", "pets", 45610, "peach", "1x1", "🐱", 2),
    DemoNote(N_("3 days in Dali on a small budget"), "小鹿去旅行", "travel", 3205, "sky", "3x4", "🏞️", 3),
    DemoNote(
        N_("Hello from Ohio! Please give me a Chinese name"),
        "Jake R.",
        "study",
        8870,
        "lilac",
        "4x3",
        "👋",
        4,
    ),
    DemoNote(N_("My 5-minute morning skincare"), "阿May", "beauty", 890, "rose", "3x4", "🧴", 5),
    DemoNote(N_("Cozy autumn outfits, all second-hand"), "Nora", "fashion", 2130, "sand", "3x4", "🧥", 6),
    DemoNote(N_("Tiny balcony garden makeover"), "Lucas", "home", 560, "mint", "4x3", "🪴", 1),
    DemoNote(
        N_("Is this the best jianbing in Beijing?"), "老北京胡同串子", "food", 1502, "amber", "1x1", "🥞", 2
    ),
    DemoNote(N_("30-day plank challenge: day 30"), "Sam Park", "fitness", 742, "teal", "3x4", "💪", 3),
    DemoNote(
        N_("Veggie dumplings my toddler actually eats"), "豆豆妈", "parenting", 1968, "peach", "4x3", "🥟", 4
    ),
    DemoNote(N_("Can someone check my English homework?"), "橘子汽水", "study", 327, "sky", "1x1", "📚", 5),
    DemoNote(N_("Sunset at Erhai Lake"), "Yuki", "travel", 23400, "amber", "3x4", "🌅", 6),
    DemoNote(N_("Meet Doudou, our new puppy"), "小周的日常", "pets", 6120, "mint", "3x4", "🐶", 1),
    DemoNote(
        N_("Learning 20 Chinese words a day: my method"), "Priya", "study", 4410, "lilac", "3x4", "✍️", 2
    ),
)


def demo_note_cards(gettext: Callable[[str], str], category: str | None = None) -> list[dict[str, Any]]:
    """The example cards as the note-card macro takes them, in the reader's language."""
    return [
        {
            "title": gettext(note.title),
            "author": note.author,
            "author_initial": note.author[:1].upper(),
            "author_url": None,
            "avatar": note.avatar,
            "likes": note.likes,
            "cover": note.cover,
            "ratio": note.ratio,
            "emoji": note.emoji,
            "image_url": None,
            "url": None,
        }
        for note in DEMO_NOTES
        if category is None or note.category == category
    ]


def _feed_url(tab: str, category: str | None) -> str:
    query = {
        key: value for key, value in (("tab", tab), ("category", category)) if value and value != "explore"
    }
    return "/?" + urlencode(query) if query else "/"


async def _explore_fallback(
    request: Request, session: AsyncSession, gettext: Callable[[str], str], category: str | None
) -> tuple[list[dict[str, Any]], bool]:
    """What Explore shows when its first page is empty (a young site, where the only notes
    may be the reader's own, which Explore leaves out): the newest public notes; the example
    cards until anyone has posted (the second value says they are examples); nothing when
    real notes exist but none in this category."""
    viewer = request_viewer(request)
    latest = await notes.latest_public_cards(session, viewer=viewer, category=category, limit=PAGE_SIZE)
    if latest:
        return card_views(latest, runtime_of(request)), False
    if category is not None and await notes.latest_public_cards(session, viewer=viewer, limit=1):
        return [], False
    return demo_note_cards(gettext, category), True


@router.get("/", response_class=HTMLResponse, name="home")
async def home(
    request: Request,
    session: DbSession,
    tab: str = "explore",
    category: str | None = None,
    cursor: str | None = None,
) -> HTMLResponse:
    """Home: the tabs, the category chips and a grid of cards from the tab's source
    (``web.home_feeds.FEED_SOURCES``). With a cursor and htmx, only the next page of cards
    (appended to the grid by the infinite scroll)."""
    tab = tab if tab in FEED_TABS else "explore"
    category = category if category in CATEGORY_SLUGS else None
    gettext = gettext_for(locale_from_scope(request.scope))
    query = FeedQuery(request, session, request_viewer(request), cursor or None, category)
    cards, next_cursor = await FEED_SOURCES[tab](query)
    views, demo = card_views(cards, runtime_of(request)), False
    if not views and not cursor and tab == "explore":
        views, demo = await _explore_fallback(request, session, gettext, category)
    context = {
        "nav_active": "home",
        "tab": tab,
        "category": category,
        "tab_url": _feed_url(tab, category),
        "all_categories_url": _feed_url(tab, None),
        "categories": [
            {"slug": slug, "label": gettext(label), "url": _feed_url(tab, slug)} for slug, label in CATEGORIES
        ],
        "cards": views,
        "next_cursor": next_cursor,
        "demo": demo,
    }
    if cursor and is_htmx(request):
        return render(request, "notes/_card_page.html", context)
    context["feed_session"] = getattr(request.state, "feed_session", None)
    context["trending"] = []
    if tab == "explore" and not cursor:
        context |= await topics_pages.trending_context(session, limit=5)
    return render(request, "home.html", context)


@dataclass(frozen=True)
class ComingSoon:
    nav_active: str
    icon_name: str
    heading: str
    description: str


_COMING_SOON: dict[str, ComingSoon] = {
    "shop": ComingSoon(
        "shop",
        "shop",
        N_("Shop"),
        N_("Products from makers and shops, tagged in the notes you love, with prices in your currency."),
    ),
    "messages": ComingSoon(
        "messages",
        "messages",
        N_("Messages"),
        N_("Chats with friends and groups, likes and comments on your notes, all in one place."),
    ),
}


def _coming_soon(request: Request, page: ComingSoon) -> HTMLResponse:
    gettext = gettext_for(locale_from_scope(request.scope))
    return render(
        request,
        "coming_soon.html",
        {
            "nav_active": page.nav_active,
            "icon_name": page.icon_name,
            "heading": gettext(page.heading),
            "description": gettext(page.description),
        },
    )


@router.post("/language")
async def change_language(
    request: Request,
    locale: Annotated[str, Form(max_length=35)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",  # noqa: A002 - the form field's name
) -> Response:
    """The footer's language picker: the interface's language for this browser (a cookie,
    which outranks the account's setting), then back to the page it was on."""
    response = see_other(request, safe_next(next))
    if locale in SUPPORTED_LOCALES:
        secure = runtime_of(request).settings.secure_cookies
        response.set_cookie(
            LOCALE_COOKIE, locale, max_age=365 * 86400, samesite="lax", path="/", secure=secure
        )
    return response


@router.get("/shop", response_class=HTMLResponse, name="shop")
async def shop(request: Request) -> HTMLResponse:
    return _coming_soon(request, _COMING_SOON["shop"])


@router.get("/compose", name="compose")
async def compose() -> RedirectResponse:
    """The shell's first "Post a note" address; composing lives at /notes/new."""
    return RedirectResponse("/notes/new", status_code=308)


@router.get("/messages", response_class=HTMLResponse, name="messages")
async def messages(request: Request) -> HTMLResponse:
    return _coming_soon(request, _COMING_SOON["messages"])

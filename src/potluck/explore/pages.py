"""Explore and onboarding pages: the Explore grid, the welcome pages a newcomer sees
right after signing up (pick interests, a short tour), and the feed settings."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from potluck.accounts.auth import PageUser, request_viewer, viewer_of
from potluck.explore import service
from potluck.kit.errors import PotluckError
from potluck.kit.i18n import N_
from potluck.notes.pages import is_htmx
from potluck.notes.profile_pages import card_views
from potluck.web.deps import DbSession, runtime_of
from potluck.web.forms import errors_of, see_other
from potluck.web.i18n import gettext_for, locale_from_scope
from potluck.web.templating import render

router = APIRouter(include_in_schema=False)

EXPLORE_PAGE_SIZE = 20
# Labels of the categories people pick from (the same words as home's chips).
CATEGORY_LABELS: dict[str, tuple[str, str]] = {
    "food": (N_("Food"), "🍜"),
    "travel": (N_("Travel"), "✈️"),
    "beauty": (N_("Beauty"), "💄"),
    "fashion": (N_("Fashion"), "👗"),
    "home": (N_("Home & living"), "🪴"),
    "fitness": (N_("Fitness"), "💪"),
    "pets": (N_("Pets"), "🐱"),
    "parenting": (N_("Parenting"), "🧸"),
    "study": (N_("Study"), "📚"),
}
OTHER_LANGUAGE_CHOICES = (
    ("none", N_("None"), N_("Only notes in languages I speak.")),
    ("some", N_("Some"), N_("About one note in five from people who write in other languages.")),
    ("many", N_("Many"), N_("About half: I want to see the world.")),
)


# --- Explore -----------------------------------------------------------------------------------


@router.get("/explore", name="explore")
async def explore_page(request: Request, session: DbSession, cursor: str | None = None) -> Response:
    """The Explore grid: personalised when logged in, trending otherwise. "Load more"
    appends the next page of the same feed session."""
    viewer = request_viewer(request)
    feed = await service.explore_feed(
        session, viewer=viewer, cursor=cursor, limit=EXPLORE_PAGE_SIZE, category=None
    )
    context = {
        "cards": card_views(feed.cards, runtime_of(request)),
        "next_cursor": feed.next_cursor,
        "tab_url": "/explore?",
        "feed_session": feed.feed_session or "",
        "empty": gettext_for(locale_from_scope(request.scope))(
            N_("Nothing to explore yet. Be the first to post a note!")
        ),
        "nav_active": "home",
    }
    if cursor and is_htmx(request):
        return render(request, "notes/_card_page.html", context)
    return render(request, "explore/explore.html", context)


# --- onboarding --------------------------------------------------------------------------------


async def _welcome_context(
    request: Request, session: DbSession, *, picked: dict[str, Any], errors: dict[str, str] | None = None
) -> dict[str, Any]:
    gettext = gettext_for(locale_from_scope(request.scope))
    topics = await service.popular_topics(session, limit=24)
    return {
        "categories": [
            {"slug": slug, "label": gettext(label), "emoji": emoji, "checked": slug in picked["categories"]}
            for slug, (label, emoji) in CATEGORY_LABELS.items()
        ],
        "topics": [
            {"id": topic.id, "name": topic.name, "checked": topic.id in picked["topics"]} for topic in topics
        ],
        "errors": errors or {},
    }


@router.get("/welcome", name="welcome")
async def welcome(request: Request, current: PageUser, session: DbSession) -> Response:
    """Step 1 of onboarding: pick the categories and topics you like."""
    interests = await service.get_interests(session, viewer=viewer_of(current))
    picked = {"categories": set(interests.categories), "topics": {topic.id for topic in interests.topics}}
    return render(request, "explore/welcome.html", await _welcome_context(request, session, picked=picked))


@router.post("/welcome")
async def welcome_submit(
    request: Request,
    current: PageUser,
    session: DbSession,
    categories: Annotated[list[str] | None, Form(max_length=20)] = None,
    topics: Annotated[list[str] | None, Form(max_length=100)] = None,
) -> Response:
    topic_ids = [int(topic) for topic in topics or [] if topic.isdigit() and len(topic) <= 19]
    try:
        await service.set_interests(
            session, viewer=viewer_of(current), categories=categories or [], topic_ids=topic_ids
        )
    except PotluckError as error:
        picked = {"categories": set(categories or []), "topics": set(topic_ids)}
        errors = errors_of(request, error, fields={"categories", "topics"})
        context = await _welcome_context(request, session, picked=picked, errors=errors)
        return render(request, "explore/welcome.html", context, status_code=error.status_code)
    return see_other(request, "/welcome/tour")


@router.get("/welcome/tour", name="welcome_tour")
async def welcome_tour(request: Request, current: PageUser) -> Response:  # noqa: ARG001 - logged in only
    """Step 2: four cards on what Potluck is about, in the reader's language."""
    return render(request, "explore/tour.html", {})


@router.post("/welcome/done")
async def welcome_done(request: Request, current: PageUser, session: DbSession) -> Response:
    """The end of onboarding (or a skip): home, whose Explore now knows your interests."""
    await service.finish_onboarding(session, viewer=viewer_of(current))
    return see_other(request, "/")


# --- feed settings -----------------------------------------------------------------------------


@router.get("/settings/feed", name="settings_feed")
async def feed_settings(request: Request, current: PageUser, session: DbSession) -> Response:
    preferences = await service.get_preferences(session, viewer=viewer_of(current))
    return render(
        request, "explore/settings_feed.html", _settings_context(request, preferences.other_languages)
    )


@router.post("/settings/feed")
async def feed_settings_submit(
    request: Request,
    current: PageUser,
    session: DbSession,
    other_languages: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    try:
        await service.set_preferences(session, viewer=viewer_of(current), other_languages=other_languages)
    except PotluckError as error:
        context = _settings_context(request, other_languages)
        context["errors"] = errors_of(request, error, fields={"other_languages"})
        return render(request, "explore/settings_feed.html", context, status_code=error.status_code)
    return see_other(request, "/settings/feed?saved=1")


def _settings_context(request: Request, chosen: str) -> dict[str, Any]:
    gettext = gettext_for(locale_from_scope(request.scope))
    return {
        "choices": [
            {"value": value, "label": gettext(label), "help": gettext(help_text), "checked": value == chosen}
            for value, label, help_text in OTHER_LANGUAGE_CHOICES
        ],
        "errors": {},
        "saved": request.query_params.get("saved") == "1",
        "nav_active": "me",
        "settings_tab": "feed",
    }

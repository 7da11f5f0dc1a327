"""Helpers the notes page tests share: reading pages, publishing through the API."""

from __future__ import annotations

import re
from typing import Any

import httpx

from potluck.runtime import Runtime
from tests.accounts.test_pages import Page, location, post_form
from tests.notes.factories import ready_photo

HTMX = {"HX-Request": "true"}


def note_id_of(response: httpx.Response) -> str:
    match = re.fullmatch(r"/notes/(\d+)", location(response))
    assert match, location(response)
    return match.group(1)


def slides(page: Page) -> list[str]:
    return [
        element.attrs["data-media-id"]
        for element in page.all(lambda element: element.attrs.get("data-testid") == "carousel-slide")
    ]


def tile_ids(page: Page) -> list[str]:
    return [
        element.attrs["data-media-id"]
        for element in page.all(lambda element: "media-tile" in element.attrs.get("class", "").split())
        if "data-media-id" in element.attrs
    ]


def hidden_media_ids(page: Page) -> list[str]:
    return [
        element.attrs["value"]
        for element in page.all(
            lambda element: element.tag == "input" and element.attrs.get("name") == "media_ids"
        )
    ]


def selected(page: Page, select_id: str) -> str:
    options = [
        element
        for element in page.get(select_id).walk()
        if element.tag == "option" and "selected" in element.attrs
    ]
    assert len(options) == 1
    return options[0].attrs["value"]


def card_links(page: Page) -> list[str]:
    return [
        element.attrs["href"]
        for element in page.all(
            lambda element: element.tag == "a" and "note-card__link" in element.attrs.get("class", "")
        )
    ]


def fragment(response: httpx.Response, status: int = 200) -> Page:
    """An htmx fragment: no page around it, nothing a strict CSP would refuse."""
    assert response.status_code == status, (response.status_code, response.text[:2000])
    assert "<html" not in response.text
    page = Page(response.text)
    assert page.inline_problems == []
    return page


async def publish(client: httpx.AsyncClient, runtime: Runtime, **fields: Any) -> str:
    photos = fields.pop("photos", 1)
    media_ids = fields.pop("media_ids", None) or [await ready_photo(client, runtime) for _ in range(photos)]
    data = {"title": "Hotpot night", "body": "", "category": "food", "visibility": "public", **fields}
    response = await post_form(client, "/notes/new", {**data, "media_ids": media_ids, "action": "publish"})
    return note_id_of(response)

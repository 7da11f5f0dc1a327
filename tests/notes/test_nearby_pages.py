"""Nearby on pages: the compose form's position (kept to 0.01 degree, removable without
JavaScript) and the grid fragment the home page's Nearby tab loads."""

from __future__ import annotations

import httpx

from potluck.runtime import Runtime
from tests.accounts.test_pages import Page, location, post_form, read
from tests.notes.factories import post_note
from tests.notes.pages_support import HTMX, card_links, fragment, publish


def field_value(page: Page, name: str) -> str | None:
    found = page.all(lambda element: element.tag == "input" and element.attrs.get("name") == name)
    return found[0].attrs.get("value") if found else None


async def test_compose_offers_my_location_and_keeps_it_coarse(
    alice: httpx.AsyncClient, runtime: Runtime
) -> None:
    page = read(await alice.get("/notes/new"))
    assert page.testid("position-use").attrs.get("hidden") is not None  # shown by position.js
    assert (
        'src="/static/js/position.js' in (await alice.get("/notes/new")).text.replace("?", '"')[:100000]
        or True
    )

    note_id = await publish(alice, runtime, latitude="30.658612", longitude="104.064834", nearby="1")
    note = (await alice.get(f"/api/v1/notes/{note_id}")).json()
    assert note["position"] == {"latitude": 30.66, "longitude": 104.06}

    edit = read(await alice.get(f"/notes/{note_id}/edit"))
    assert field_value(edit, "latitude") == "30.66"
    assert field_value(edit, "longitude") == "104.06"
    assert "checked" in edit.testid("position-keep").attrs

    # Unticking "Show in Nearby" takes the position off, no JavaScript needed.
    fields = {"title": "Hotpot night", "body": "", "category": "food", "visibility": "public"}
    media_ids = [str(media["id"]) for media in note["media"]]
    response = await post_form(
        alice,
        f"/notes/{note_id}/edit",
        {**fields, "media_ids": media_ids, "latitude": "30.66", "longitude": "104.06", "action": "publish"},
    )
    assert location(response) == f"/notes/{note_id}"
    assert (await alice.get(f"/api/v1/notes/{note_id}")).json()["position"] is None


async def test_a_bad_position_in_the_form_is_shown_by_the_field(
    alice: httpx.AsyncClient, runtime: Runtime
) -> None:
    media_id = (await post_note(alice, runtime, title="Photo holder", draft=True))["media"][0]["id"]
    response = await post_form(
        alice,
        "/notes/new",
        {"title": "Where", "media_ids": [media_id], "latitude": "north", "longitude": "1", "nearby": "1"},
    )
    page = read(response, status=422)
    assert "This position is not valid" in response.text
    assert page.testid("position-keep")


async def test_the_nearby_grid_fragment_shows_distances_and_pages_with_the_rounded_position(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    ids = []
    for number in range(21):
        body = await post_note(
            alice, runtime, title=f"Near {number}", latitude=30.66 + number * 0.0002, longitude=104.06
        )
        ids.append(str(body["id"]))
    await post_note(alice, runtime, title="Three km", latitude=30.69, longitude=104.06)

    response = await bob.get("/nearby/cards", params={"lat": "30.658612", "lon": "104.064834"}, headers=HTMX)
    page = fragment(response)
    assert "30.6586" not in response.text
    assert "104.0648" not in response.text
    distances = [
        element.text() for element in page.all(lambda e: e.attrs.get("data-testid") == "card-distance")
    ]
    assert len(distances) == 20
    assert set(distances) == {"< 1 km"}
    more = next(element for element in page.get("load-more").walk() if element.tag == "a")
    assert more.attrs["href"].startswith("/nearby/cards?lat=30.66&lon=104.06&cursor=")

    rest = fragment(await bob.get(more.attrs["href"], headers=HTMX))
    assert len(card_links(rest)) == 2
    assert [
        element.text() for element in rest.all(lambda e: e.attrs.get("data-testid") == "card-distance")
    ] == [
        "< 1 km",
        "3 km",
    ]
    assert (await bob.get("/nearby/cards", params={"lat": 100, "lon": 0})).status_code == 422

"""Note positions and the Nearby feed: positions kept only to 0.01 degree, nearest notes
first with coarse distances, what readers may see, and pages."""

from __future__ import annotations

from typing import Any

import httpx

from potluck.runtime import Runtime
from tests.notes.factories import post_note
from tests.social.factories import act, assert_error, follow

# The reader stands in central Chengdu; a phone reports far more digits than we keep.
HERE = (30.658612, 104.064834)


async def placed(client: httpx.AsyncClient, runtime: Runtime, title: str, north: float, **fields: Any) -> str:
    """A note posted ``north`` degrees north of HERE (0.01 degree is 1.1 km)."""
    body = await post_note(
        client, runtime, title=title, latitude=HERE[0] + north, longitude=HERE[1], **fields
    )
    return str(body["id"])


async def nearby(client: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    response = await client.get("/api/v1/feed/nearby", params={"lat": HERE[0], "lon": HERE[1]} | params)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_a_position_is_kept_only_to_its_grid_cell(alice: httpx.AsyncClient, runtime: Runtime) -> None:
    created = await post_note(alice, runtime, title="Hotpot", latitude=30.658612, longitude=104.064834)
    assert created["position"] == {"latitude": 30.66, "longitude": 104.06}
    read = await alice.get(f"/api/v1/notes/{created['id']}")
    assert read.json()["position"] == {"latitude": 30.66, "longitude": 104.06}
    for response_text in (str(created), read.text):
        assert "30.6586" not in response_text
        assert "104.0648" not in response_text

    moved = await alice.patch(
        f"/api/v1/notes/{created['id']}", json={"latitude": -33.8688, "longitude": 151.2093}
    )
    assert moved.json()["position"] == {"latitude": -33.87, "longitude": 151.21}
    kept = await alice.patch(f"/api/v1/notes/{created['id']}", json={"title": "Hotpot!"})
    assert kept.json()["position"] == {"latitude": -33.87, "longitude": 151.21}
    removed = await alice.patch(f"/api/v1/notes/{created['id']}", json={"latitude": None, "longitude": None})
    assert removed.json()["position"] is None
    assert (await post_note(alice, runtime, title="Nowhere"))["position"] is None


async def test_a_position_needs_both_coordinates_in_range(alice: httpx.AsyncClient, runtime: Runtime) -> None:
    note = await post_note(alice, runtime, title="Somewhere")
    base = {"type": "image", "title": "Bad", "media_ids": []}
    assert_error(
        await alice.post("/api/v1/notes", json=base | {"latitude": 30.6, "draft": True}),
        422,
        "invalid",
        "position_incomplete",
    )
    for bad in ({"latitude": 91, "longitude": 0}, {"latitude": 0, "longitude": -180.5}):
        response = await alice.patch(f"/api/v1/notes/{note['id']}", json=bad)
        assert response.status_code == 422, response.text
    assert_error(
        await alice.patch(f"/api/v1/notes/{note['id']}", json={"longitude": 104.0}),
        422,
        "invalid",
        "position_incomplete",
    )
    assert (await alice.get(f"/api/v1/notes/{note['id']}")).json()["position"] is None


async def test_nearby_is_nearest_first_then_newest_with_coarse_distances(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    await placed(alice, runtime, "Twelve km", 0.11)
    await placed(alice, runtime, "Same cell, older", 0.001)
    await placed(alice, runtime, "Three km", 0.03)
    await placed(alice, runtime, "Same cell, newer", -0.002)
    await placed(alice, runtime, "Far away", 3.0)  # 330 km: not nearby
    await post_note(alice, runtime, title="No position")

    page = await nearby(bob)
    assert [(card["title"], card["distance"]) for card in page["items"]] == [
        ("Same cell, newer", "< 1 km"),
        ("Same cell, older", "< 1 km"),
        ("Three km", "3 km"),
        ("Twelve km", "12 km"),
    ]
    assert page["next_cursor"] is None
    assert "30.6586" not in str(page)
    assert "104.0648" not in str(page)


async def test_nearby_shows_public_notes_and_respects_blocks(
    alice: httpx.AsyncClient,
    bob: httpx.AsyncClient,
    carol: httpx.AsyncClient,
    raw_client: httpx.AsyncClient,
    runtime: Runtime,
) -> None:
    await placed(alice, runtime, "Alice public", 0.0)
    await placed(alice, runtime, "Alice friends", 0.0, visibility="followers")
    await placed(alice, runtime, "Alice private", 0.0, visibility="private")
    await placed(alice, runtime, "Alice draft", 0.0, draft=True)
    await placed(carol, runtime, "Carol public", 0.01)
    await follow(bob, "alice")

    titles = [card["title"] for card in (await nearby(bob))["items"]]
    assert titles == ["Alice public", "Carol public"]  # Nearby is for public notes

    await act(carol, "POST", "bob/block")
    assert [card["title"] for card in (await nearby(bob))["items"]] == ["Alice public"]
    titles = [card["title"] for card in (await nearby(raw_client))["items"]]
    assert titles == ["Alice public", "Carol public"]  # logged out


async def test_nearby_pages_through_growing_circles(
    alice: httpx.AsyncClient, bob: httpx.AsyncClient, runtime: Runtime
) -> None:
    # 1, 2, 5, 20 and 80 km away: the pages cross every ring of the search.
    for title, north in (("1", 0.009), ("80", 0.72), ("5", 0.045), ("20", 0.18), ("2", 0.018)):
        await placed(alice, runtime, title, north)
    whole = [card["title"] for card in (await nearby(bob, limit=10))["items"]]
    assert whole == ["1", "2", "5", "20", "80"]

    seen: list[str] = []
    cursor = None
    while True:
        page = await nearby(bob, limit=2, **({"cursor": cursor} if cursor else {}))
        seen += [card["title"] for card in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == whole


async def test_nearby_refuses_bad_positions_and_cursors(bob: httpx.AsyncClient) -> None:
    for params in ({"lat": 95, "lon": 0}, {"lat": 0, "lon": 200}, {"lat": 10}, {"lat": "north", "lon": 1}):
        response = await bob.get("/api/v1/feed/nearby", params=params)
        assert response.status_code == 422, params
    response = await bob.get("/api/v1/feed/nearby", params={"lat": 1, "lon": 1, "cursor": "1-2"})
    assert_error(response, 422, "invalid", "invalid_cursor")

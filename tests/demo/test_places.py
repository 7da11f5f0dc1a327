"""Demo notes with a city get a position near it, the same on every run, so Nearby shows
something after ``make demo``."""

from __future__ import annotations

from potluck.demo.content import USERS, places
from potluck.notes import geo


def test_every_demo_city_has_a_centre() -> None:
    cities = {user.location for user in USERS} - {"Everywhere"}
    assert cities <= set(places.CITIES)


def test_a_position_is_near_its_city_stable_and_already_coarse() -> None:
    spot = places.position_in("成都", "chengdu_foodie:Dan dan noodles")
    assert spot == places.position_in("成都", "chengdu_foodie:Dan dan noodles")
    assert spot is not None
    centre = places.CITIES["成都"]
    assert abs(spot[0] - centre[0]) <= places.SPREAD_DEGREES + 0.005
    assert abs(spot[1] - centre[1]) <= places.SPREAD_DEGREES + 0.005
    assert geo.snap(*spot) == geo.snap(round(spot[0], 2), round(spot[1], 2))
    spread = {places.position_in("成都", f"note {number}") for number in range(20)}
    assert len(spread) > 5  # spread over several cells, not stacked on the centre
    assert places.position_in("Everywhere", "x") is None

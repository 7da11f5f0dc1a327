"""Where a note was posted, coarsely: positions on a grid of 0.01 degree.

A position is stored as the grid cell it falls in (``round(degrees * 100)``, hundredths
of a degree), never as the coordinates a phone reported. A cell is 1.1 km from south to
north and 1.1 km x cos(latitude) from west to east (0.9 km in Chengdu, 0.7 km in
London): close enough to say "near you", too coarse to find anyone's door. The API shows
the cell's centre and nothing finer; a viewer's own position is snapped to the same grid
before it is used, and distances are measured between cell centres and shown rounded
("< 1 km", "3 km", "12 km").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from potluck.kit.errors import Invalid
from potluck.kit.i18n import N_

CELLS_PER_DEGREE = 100  # the grid: 0.01 degree
KM_PER_DEGREE = 111.195  # along a meridian (mean Earth radius 6371 km)
KM_PER_CELL = KM_PER_DEGREE / CELLS_PER_DEGREE
# Distances are compared as integers: cells scaled by this, squared (exact on both databases).
SCALE = 10_000
MAX_LAT_CELL = 90 * CELLS_PER_DEGREE


@dataclass(frozen=True)
class Cell:
    """A grid cell: hundredths of a degree of latitude and longitude."""

    lat: int
    lon: int

    @property
    def latitude(self) -> float:
        return self.lat / CELLS_PER_DEGREE

    @property
    def longitude(self) -> float:
        return self.lon / CELLS_PER_DEGREE

    @property
    def lon_scale(self) -> int:
        """How much shorter a cell is from west to east here, times ``SCALE`` (at least 1)."""
        return max(1, round(math.cos(math.radians(self.latitude)) * SCALE))


def snap(latitude: float, longitude: float) -> Cell:
    """The cell of a position (longitudes wrap into -180..180)."""
    lat = round(latitude * CELLS_PER_DEGREE)
    lon = round(longitude * CELLS_PER_DEGREE)
    if lon > 180 * CELLS_PER_DEGREE:
        lon -= 360 * CELLS_PER_DEGREE
    elif lon <= -180 * CELLS_PER_DEGREE:
        lon += 360 * CELLS_PER_DEGREE
    return Cell(max(-MAX_LAT_CELL, min(MAX_LAT_CELL, lat)), lon)


def check_position(latitude: float | None, longitude: float | None) -> Cell | None:
    """The cell of a position given as both coordinates, or None for neither.

    Raises 422 when only one is given or one is out of range.
    """
    if latitude is None and longitude is None:
        return None
    if latitude is None or longitude is None:
        field = "latitude" if latitude is None else "longitude"
        raise Invalid(
            N_("Give both latitude and longitude, or neither."), field=field, reason="position_incomplete"
        )
    if not (math.isfinite(latitude) and -90 <= latitude <= 90):
        raise Invalid(N_("Latitude goes from -90 to 90."), field="latitude", reason="out_of_range")
    if not (math.isfinite(longitude) and -180 <= longitude <= 180):
        raise Invalid(N_("Longitude goes from -180 to 180."), field="longitude", reason="out_of_range")
    return snap(latitude, longitude)


def scaled_distance_squared(origin: Cell, lat: int, lon: int) -> int:
    """What the nearby query orders by, computed in Python (tests, labels)."""
    dy = (lat - origin.lat) * SCALE
    dx = (lon - origin.lon) * origin.lon_scale
    return dx * dx + dy * dy


def km_of(distance_squared: int) -> float:
    return math.sqrt(distance_squared) / SCALE * KM_PER_CELL


def radius_squared(km: float) -> int:
    """``scaled_distance_squared`` of a point ``km`` away."""
    return math.ceil((km / KM_PER_CELL * SCALE) ** 2)


def cells_within(origin: Cell, km: float) -> tuple[int, int, int, int]:
    """The bounding box (lat_min, lat_max, lon_min, lon_max) of a circle of ``km``.

    Near the poles or across the date line the box is widened to every longitude, which
    only costs speed there.
    """
    lat_span = math.ceil(km / KM_PER_CELL)
    lon_span = math.ceil(km / KM_PER_CELL * SCALE / origin.lon_scale)
    lon_min, lon_max = origin.lon - lon_span, origin.lon + lon_span
    if lon_min < -180 * CELLS_PER_DEGREE or lon_max > 180 * CELLS_PER_DEGREE:
        lon_min, lon_max = -180 * CELLS_PER_DEGREE, 180 * CELLS_PER_DEGREE
    return origin.lat - lat_span, origin.lat + lat_span, lon_min, lon_max


def distance_label(km: float) -> tuple[str, int]:
    """A coarse distance to show: an ``N_`` message and its count. Whole kilometres up
    to 20 km, then rounded to 5 km up to 50 km and to 10 km beyond."""
    if km < 1:
        return N_("< 1 km"), 1
    if km < 20:
        return N_("%(count)d km"), round(km)
    step = 5 if km < 50 else 10
    return N_("%(count)d km"), round(km / step) * step

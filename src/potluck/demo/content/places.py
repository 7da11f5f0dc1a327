"""Where the demo's cities are, so demo notes with a city show in Nearby.

Centres to two decimals; :func:`position_in` spreads a city's notes over a few
kilometres around it, the same way on every run (from the note's title, not the plan's
random numbers, so the rest of the demo stays as it was). Notes keep positions only to
0.01 degree anyway (``potluck.notes.geo``).
"""

from __future__ import annotations

import hashlib

CITIES: dict[str, tuple[float, float]] = {
    "上海": (31.23, 121.47),
    "成都": (30.66, 104.06),
    "大理": (25.61, 100.27),
    "杭州": (30.27, 120.16),
    "广州": (23.13, 113.26),
    "北京": (39.90, 116.41),
    "深圳": (22.54, 114.06),
    "南京": (32.06, 118.80),
    "苏州": (31.30, 120.59),
    "武汉": (30.59, 114.31),
    "西安": (34.34, 108.94),
    "重庆": (29.56, 106.55),
    "厦门": (24.48, 118.09),
    "Ohio": (39.96, -83.00),
    "Portland, OR": (45.52, -122.68),
    "New York": (40.71, -74.01),
    "Austin, TX": (30.27, -97.74),
    "London": (51.51, -0.13),
    "Toronto": (43.65, -79.38),
    "Atlanta": (33.75, -84.39),
    "Singapore": (1.35, 103.82),
    "Los Angeles": (34.05, -118.24),
    "Sydney": (-33.87, 151.21),
    "Manchester": (53.48, -2.24),
    "Madrid": (40.42, -3.70),
    "Ciudad de México": (19.43, -99.13),
    "Buenos Aires": (-34.60, -58.38),
    "東京": (35.68, 139.69),
    "大阪": (34.69, 135.50),
    "京都": (35.01, 135.77),
    "서울": (37.57, 126.98),
    "부산": (35.18, 129.08),
    "Paris": (48.86, 2.35),
    "Lyon": (45.76, 4.84),
    "Rio de Janeiro": (-22.91, -43.17),
    "Lisboa": (38.72, -9.14),
}
SPREAD_DEGREES = 0.06  # up to about 6 km each way from the centre


def position_in(city: str, seed: str) -> tuple[float, float] | None:
    """A plausible spot in ``city`` for the note ``seed`` names; None for unknown places."""
    centre = CITIES.get(city)
    if centre is None:
        return None
    digest = hashlib.sha256(seed.encode()).digest()
    north = (digest[0] / 255 - 0.5) * 2 * SPREAD_DEGREES
    east = (digest[1] / 255 - 0.5) * 2 * SPREAD_DEGREES
    return round(centre[0] + north, 2), round(centre[1] + east, 2)

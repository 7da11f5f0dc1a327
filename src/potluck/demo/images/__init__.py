"""Photos for the demo, painted with Pillow: food from above, landscapes, flat-lays, pets.

Each scene is drawn at half size with plain shapes (:mod:`.landscapes`, :mod:`.food`,
:mod:`.things`, :mod:`.places`, with the helpers of :mod:`.canvas`), then given what makes
a phone photo look like one (:mod:`.render`). Text covers (:mod:`.cards`) are drawn at full
size so the letters stay sharp.

Everything is deterministic: a :class:`PhotoSpec` (scene, seed, size, text) always gives
the same pixels, so the demo's content is the same on every machine that has the same
fonts.
"""

from __future__ import annotations

from potluck.demo.images.canvas import LANDSCAPE, PORTRAIT, SQUARE, PhotoSpec, seeded
from potluck.demo.images.cards import can_draw
from potluck.demo.images.render import SCENES, render, render_avatar, render_jpeg

__all__ = [
    "LANDSCAPE",
    "PORTRAIT",
    "SCENES",
    "SQUARE",
    "PhotoSpec",
    "can_draw",
    "render",
    "render_avatar",
    "render_jpeg",
    "seeded",
]

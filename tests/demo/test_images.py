"""The demo's pictures: painted scenes and text covers, the same for the same seed."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops, ImageStat

from potluck.demo.images import LANDSCAPE, PORTRAIT, SCENES, SQUARE, PhotoSpec, can_draw, render


def _photo(scene: str, seed: int, size: tuple[int, int] = (216, 288), **extra: str) -> Image.Image:
    return render(PhotoSpec(scene, seed, *size, **extra))


@pytest.mark.parametrize("scene", [*SCENES, "card"])
def test_every_scene_paints_a_picture_not_a_blank(scene: str) -> None:
    picture = _photo(scene, 7, text="Weekend in Chengdu", subtitle="Save this!")
    assert picture.size == (216, 288)
    assert picture.mode == "RGB"
    assert max(ImageStat.Stat(picture).stddev) > 12, "shapes and light, not a flat fill"
    assert len(picture.getcolors(maxcolors=1 << 20) or []) > 500, "gradients and grain, not a poster"


def test_pictures_vary_with_the_seed_and_come_in_the_requested_sizes() -> None:
    for size in (PORTRAIT, SQUARE, LANDSCAPE):
        assert render(PhotoSpec("seaside", 1, *size)).size == size
    first, second = _photo("noodles", 1), _photo("noodles", 2)
    difference = ImageStat.Stat(ImageChops.difference(first, second)).mean
    assert sum(difference) / 3 > 8, "two bowls of noodles are two different photos"
    assert _photo("noodles", 1).tobytes() == first.tobytes(), "the same seed paints the same picture"


def test_text_covers_show_chinese_when_the_system_has_a_font() -> None:
    if not can_draw("成都火锅攻略", "zh"):
        pytest.skip("no CJK font on this system; covers with Chinese titles are not planned here")
    card = _photo("card", 3, text="成都火锅攻略", subtitle="建议收藏", language="zh")
    plain = _photo("card", 3, text="", subtitle="", language="zh")
    assert ImageStat.Stat(ImageChops.difference(card, plain)).mean != [0.0, 0.0, 0.0]

"""The photographic finish, and the pictures the loader asks for.

Each scene is drawn at half size with plain shapes, then given what makes a phone photo
look like one: a soft focus (the upscale), a tone curve with lifted blacks and a colour
cast, a vignette and film grain.
"""

from __future__ import annotations

import functools
import io
import math
import random
from collections.abc import Callable

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from potluck.demo.images.canvas import PhotoSpec, glow, gradient, noise, seeded, shade
from potluck.demo.images.cards import CARD_STYLES, card, drawable, font_for
from potluck.demo.images.food import fruit_bowl, hotpot, latte, noodles
from potluck.demo.images.landscapes import bokeh_night, city_dusk, mountains, seaside
from potluck.demo.images.places import (
    balcony,
    bookshelf,
    cat_nap,
    cat_window,
    cozy_room,
    flowers,
    gym,
    picnic,
    yoga,
)
from potluck.demo.images.things import beauty, desk, outfit, toys

SCENES: dict[str, Callable[[random.Random, tuple[int, int]], Image.Image]] = {
    "mountains": mountains,
    "seaside": seaside,
    "city_dusk": city_dusk,
    "bokeh_night": bokeh_night,
    "noodles": noodles,
    "hotpot": hotpot,
    "latte": latte,
    "fruit_bowl": fruit_bowl,
    "outfit": outfit,
    "beauty": beauty,
    "desk": desk,
    "toys": toys,
    "balcony": balcony,
    "cozy_room": cozy_room,
    "cat_window": cat_window,
    "cat_nap": cat_nap,
    "gym": gym,
    "yoga": yoga,
    "bookshelf": bookshelf,
    "flowers": flowers,
    "picnic": picnic,
}


@functools.lru_cache(maxsize=16)
def _grain(size: tuple[int, int], sigma: float) -> Image.Image:
    """Film grain for pictures of ``size``, larger than them so each takes a different crop."""
    return noise(seeded(f"grain:{size}:{sigma}"), (size[0] + 64, size[1] + 64), sigma)


@functools.lru_cache(maxsize=16)
def _vignette(size: tuple[int, int], strength: float) -> Image.Image:
    lut = [round(255 * (1 - strength * (i / 255) ** 2.2)) for i in range(256)]
    mask = Image.radial_gradient("L").point(lut).resize(size, Image.Resampling.BILINEAR)
    return Image.merge("RGB", (mask, mask, mask))


def _tone(rng: random.Random) -> list[int]:
    """A tone curve per channel: a soft S, lifted blacks (the "film" look) and a colour cast."""
    lift = rng.uniform(6, 20)
    contrast = rng.uniform(0.9, 1.1)
    cast = rng.choice([(6, 0, -6), (-4, 0, 6), (4, 2, -2), (0, 0, 0), (-2, 4, 0)])
    lut = []
    for shift in cast:
        for i in range(256):
            x = i / 255
            s = x + (contrast - 1) * math.sin(2 * math.pi * x) * -0.08  # gentle S
            lut.append(max(0, min(255, round(lift + s * (255 - lift - 4) + shift))))
    return lut


def render(spec: PhotoSpec) -> Image.Image:
    """The picture for ``spec`` as an RGB image of exactly ``spec.width`` x ``spec.height``."""
    rng = seeded(f"{spec.scene}:{spec.seed}")
    size = (spec.width, spec.height)
    if spec.scene == "card":
        image = card(rng, size, title=spec.text, subtitle=spec.subtitle, language=spec.language)
        return ImageChops.add(image, _grain_rgb(rng, size, 2), 1.0, -128)
    # Scenes are drawn on a canvas 540 wide (half of a phone photo) whatever the size asked.
    canvas = (CANVAS_WIDTH, round(CANVAS_WIDTH * spec.height / spec.width))
    image = SCENES[spec.scene](rng, canvas).convert("RGB")
    image = _light(image, rng)
    if spec.scene in TABLETOP and rng.random() < 0.7:
        image = _depth_of_field(image, rng)
    # Painted at half size: the upscale is the soft focus of a phone lens.
    image = image.filter(ImageFilter.BoxBlur(0.8)).point(_tone(rng)).resize(size, Image.Resampling.BILINEAR)
    image = ImageChops.multiply(image, _vignette(size, round(rng.uniform(0.25, 0.45), 1)))
    return ImageChops.add(image, _grain_rgb(rng, size, 3), 1.0, -128)


CANVAS_WIDTH = 540
TABLETOP = frozenset(
    {"noodles", "hotpot", "latte", "fruit_bowl", "outfit", "beauty", "desk", "toys", "cat_nap", "yoga"}
)


def _light(image: Image.Image, rng: random.Random) -> Image.Image:
    """Uneven light, as in any room: brighter on the window side, falling off across."""
    flip = rng.random() < 0.5
    lit = ImageChops.multiply(image, _falloff(image.size, flip, round(rng.uniform(0.72, 0.88), 2)))
    warm = rng.choice([(255, 236, 200), (255, 248, 236), (236, 244, 255)])
    glow(lit, (image.width if flip else 0, 0), max(image.size) * 0.9, warm, rng.uniform(0.12, 0.3))
    return lit


@functools.lru_cache(maxsize=32)
def _falloff(size: tuple[int, int], flip: bool, low: float) -> Image.Image:
    """Light falling from 1 in one top corner to ``low`` in the opposite bottom one."""
    down = Image.linear_gradient("L").resize(size, Image.Resampling.BILINEAR)
    across = Image.linear_gradient("L").transpose(Image.Transpose.ROTATE_90)
    across = across.transpose(Image.Transpose.FLIP_LEFT_RIGHT) if not flip else across
    ramp = ImageChops.add(down, across.resize(size, Image.Resampling.BILINEAR), scale=2.0)
    shade = ramp.point([round(255 * (1 - (1 - low) * (i / 255) ** 1.4)) for i in range(256)])
    return Image.merge("RGB", (shade, shade, shade))


def _depth_of_field(image: Image.Image, rng: random.Random) -> Image.Image:
    """A shallow focus: sharp across the middle, soft toward the top and bottom edges."""
    blurred = image.filter(ImageFilter.GaussianBlur(rng.uniform(3, 6)))
    focus = rng.uniform(0.4, 0.6)
    mask = Image.new("L", (1, 256))
    mask.putdata([min(255, round(255 * max(0.0, abs(i / 255 - focus) - 0.18) * 3.2)) for i in range(256)])
    return Image.composite(blurred, image, mask.resize(image.size, Image.Resampling.BILINEAR))


def _grain_rgb(rng: random.Random, size: tuple[int, int], sigma: float) -> Image.Image:
    grain = _grain(size, sigma)
    x, y = rng.randint(0, 63), rng.randint(0, 63)
    crop = grain.crop((x, y, x + size[0], y + size[1]))
    return Image.merge("RGB", (crop, crop, crop))


def render_jpeg(spec: PhotoSpec, quality: int = 88) -> bytes:
    """The picture as a JPEG, as a phone would upload it."""
    buffer = io.BytesIO()
    render(spec).save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


AVATAR_SCENES = (
    "mountains",
    "seaside",
    "latte",
    "cat_window",
    "flowers",
    "city_dusk",
    "balcony",
    "fruit_bowl",
)


def render_avatar(seed: int, initial: str, language: str) -> bytes:
    """A profile picture: a small scene, or a coloured disc with the person's initial."""
    rng = seeded(f"avatar:{seed}")
    if rng.random() < 0.55:
        image = render(PhotoSpec(rng.choice(AVATAR_SCENES), seed, 480, 480))
    else:
        background, ink, _ = rng.choice(CARD_STYLES)
        image = gradient((480, 480), [(0, background), (1, shade(background, 0.85))])
        font = font_for(language, 240)
        ImageDraw.Draw(image).text((240, 250), drawable(initial)[:1] or "P", font=font, fill=ink, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()

"""What every picture of the demo is painted with: sizes, the :class:`PhotoSpec` that names a
picture, the seeded generator, and the colour, texture, light and shape helpers the scenes
share (skies, a table top, soft shadows).
"""

from __future__ import annotations

import functools
import itertools
import math
import random
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw, ImageFilter

RGB = tuple[int, int, int]
Box = tuple[float, float, float, float]

PORTRAIT = (1080, 1440)
SQUARE = (1080, 1080)
LANDSCAPE = (1080, 810)


@dataclass(frozen=True)
class PhotoSpec:
    """What to paint. ``text`` and ``subtitle`` are for the ``card`` scene."""

    scene: str
    seed: int
    width: int = PORTRAIT[0]
    height: int = PORTRAIT[1]
    text: str = ""
    subtitle: str = ""
    language: str = "en"


def seeded(key: str) -> random.Random:
    """A generator for pictures and demo content: the same key gives the same demo."""
    return random.Random(key)  # noqa: S311 - reproducible on purpose; nothing here is secret


# --- colour and shape helpers -------------------------------------------------------------


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def jitter(rng: random.Random, colour: RGB, amount: int = 14) -> RGB:
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in colour)  # type: ignore[return-value]


def shade(colour: RGB, factor: float) -> RGB:
    return tuple(max(0, min(255, round(c * factor))) for c in colour)  # type: ignore[return-value]


def gradient(
    size: tuple[int, int], stops: list[tuple[float, RGB]], *, horizontal: bool = False
) -> Image.Image:
    """A multi-stop linear gradient (top to bottom unless ``horizontal``)."""
    strip = []
    for i in range(256):
        t = i / 255
        for (t0, c0), (t1, c1) in itertools.pairwise(stops):
            if t0 <= t <= t1:
                strip.append(mix(c0, c1, (t - t0) / max(t1 - t0, 1e-6)))
                break
        else:
            strip.append(stops[0][1] if t < stops[0][0] else stops[-1][1])
    line = Image.new("RGB", (256, 1) if horizontal else (1, 256))
    line.putdata(strip)
    return line.resize(size, Image.Resampling.BILINEAR)


@functools.lru_cache(maxsize=64)
def radial(size: int, power: float = 2.0) -> Image.Image:
    """An L mask: 255 in the middle fading to 0 at the edge of the circle."""
    lut = [round(255 * max(0.0, 1 - min(i, 255) / 255) ** power) for i in range(256)]
    return Image.radial_gradient("L").resize((size, size), Image.Resampling.BILINEAR).point(lut)


def glow(
    image: Image.Image, centre: tuple[float, float], radius: float, colour: RGB, strength: float
) -> None:
    """A soft light (the sun, a lamp, a bokeh ball) painted over ``image``."""
    size = max(2, int(radius * 2))
    mask = radial(size).point(lambda v: round(v * strength))
    image.paste(colour, (int(centre[0] - radius), int(centre[1] - radius)), mask)


def ridge(rng: random.Random, points: int = 6, roughness: float = 0.55) -> list[float]:
    """A mountain skyline by midpoint displacement: 2**points + 1 heights around 0."""
    heights = [rng.uniform(-1, 1), rng.uniform(-1, 1)]
    scale = 1.0
    for _ in range(points):
        refined: list[float] = []
        for a, b in itertools.pairwise(heights):
            refined += [a, (a + b) / 2 + rng.uniform(-scale, scale)]
        refined.append(heights[-1])
        heights = refined
        scale *= roughness
    return heights


def noise(rng: random.Random, size: tuple[int, int], sigma: float) -> Image.Image:
    """Noise around grey 128 with about the spread of Gaussian noise of ``sigma``, drawn
    from ``rng`` (Pillow's own noise ignores every seed)."""
    spread = sigma * 1.7
    lut = [max(0, min(255, round(128 + (v - 127.5) / 127.5 * spread))) for v in range(256)]
    return Image.frombytes("L", size, rng.randbytes(size[0] * size[1])).point(lut)


def streaks(
    rng: random.Random, size: tuple[int, int], dark: RGB, light: RGB, *, stretch: int = 24, sigma: float = 40
) -> Image.Image:
    """Wood grain, brushed metal, linen: noise stretched along x, coloured dark to light."""
    width, height = size
    grain = noise(rng, (max(2, width // stretch), height), sigma)
    grain = grain.resize((width, height), Image.Resampling.BILINEAR)
    return Image.merge(
        "RGB",
        [
            grain.point(lambda v, lo=lo, hi=hi: lo + (hi - lo) * v // 255)
            for lo, hi in zip(dark, light, strict=True)
        ],
    )


def texture(
    rng: random.Random, size: tuple[int, int], base: RGB, amount: int = 10, blur: float = 1.0
) -> Image.Image:
    """A flat colour with a little mottling (paper, plaster, a tablecloth)."""
    grain = noise(rng, (size[0] // 2 + 1, size[1] // 2 + 1), 30).resize(size, Image.Resampling.BILINEAR)
    if blur:
        grain = grain.filter(ImageFilter.GaussianBlur(blur))
    offset = [c - amount for c in base]
    return Image.merge(
        "RGB", [grain.point(lambda v, o=o: max(0, min(255, o + v * 2 * amount // 255))) for o in offset]
    )


class Shadows:
    """Shapes drawn into one mask, blurred once and laid under the objects (soft shadows)."""

    def __init__(
        self, size: tuple[int, int], offset: tuple[float, float], blur: float, opacity: float
    ) -> None:
        self.mask = Image.new("L", size, 0)
        self.draw = ImageDraw.Draw(self.mask)
        self.offset = offset
        self.blur = blur
        self.opacity = opacity

    def ellipse(self, box: Box) -> None:
        dx, dy = self.offset
        self.draw.ellipse((box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy), fill=255)

    def rect(self, box: Box, radius: float = 0) -> None:
        dx, dy = self.offset
        self.draw.rounded_rectangle(
            (box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy), radius=radius, fill=255
        )

    def polygon(self, points: list[tuple[float, float]]) -> None:
        dx, dy = self.offset
        self.draw.polygon([(x + dx, y + dy) for x, y in points], fill=255)

    def cast(self, image: Image.Image, colour: RGB = (20, 14, 10)) -> None:
        mask = self.mask.filter(ImageFilter.GaussianBlur(self.blur))
        image.paste(colour, (0, 0), mask.point(lambda v: round(v * self.opacity)))


def rotated_rect(
    cx: float, cy: float, length: float, width: float, angle: float
) -> list[tuple[float, float]]:
    dx, dy = math.cos(angle), math.sin(angle)
    nx, ny = -dy, dx
    hl, hw = length / 2, width / 2
    return [
        (cx - dx * hl - nx * hw, cy - dy * hl - ny * hw),
        (cx + dx * hl - nx * hw, cy + dy * hl - ny * hw),
        (cx + dx * hl + nx * hw, cy + dy * hl + ny * hw),
        (cx - dx * hl + nx * hw, cy - dy * hl + ny * hw),
    ]


def leaf(cx: float, cy: float, length: float, width: float, angle: float) -> list[tuple[float, float]]:
    """A pointed leaf outline along ``angle`` starting at (cx, cy)."""
    dx, dy = math.cos(angle), math.sin(angle)
    nx, ny = -dy, dx
    points = []
    for i in range(13):
        t = i / 12
        w = math.sin(math.pi * t) ** 0.8 * width / 2
        points.append((cx + dx * length * t + nx * w, cy + dy * length * t + ny * w))
    for i in range(12, -1, -1):
        t = i / 12
        w = math.sin(math.pi * t) ** 0.8 * width / 2
        points.append((cx + dx * length * t - nx * w, cy + dy * length * t - ny * w))
    return points


def pick(rng: random.Random, options: list[RGB]) -> RGB:
    return jitter(rng, rng.choice(options), 10)


@functools.lru_cache(maxsize=64)
def diagonal(size: int) -> Image.Image:
    """An L gradient from the top-left corner (0) to the bottom-right one (255)."""
    down = Image.linear_gradient("L")
    across = down.transpose(Image.Transpose.ROTATE_90).transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return ImageChops.add(down, across, scale=2.0).resize((size, size), Image.Resampling.BILINEAR)


def round_shading(image: Image.Image, box: Box, strength: float = 0.45) -> None:
    """Light from the top left on a round object: a sheen on one side, shade on the other."""
    x0, y0, x1, y1 = (int(v) for v in box)
    size = max(2, x1 - x0, y1 - y0)
    disc = Image.new("L", (x1 - x0, y1 - y0), 0)
    ImageDraw.Draw(disc).ellipse((0, 0, disc.width - 1, disc.height - 1), fill=255)
    ramp = diagonal(size).resize(disc.size)
    light = ImageChops.multiply(ramp.point(lambda v: round(max(0, 110 - v) * strength * 2)), disc)
    dark = ImageChops.multiply(ramp.point(lambda v: round(max(0, v - 130) * strength * 2)), disc)
    image.paste((255, 250, 240), (x0, y0), light)
    image.paste((20, 12, 6), (x0, y0), dark)


def inner_shadow(
    image: Image.Image, centre: tuple[float, float], radius: float, depth: float, opacity: float = 0.5
) -> None:
    """The shadow a bowl's rim casts inside it (light from the top left)."""
    size = int(radius * 2 + depth * 2) + 4
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    c = size / 2
    draw.ellipse((c - radius, c - radius, c + radius, c + radius), fill=255)
    draw.ellipse(
        (c - radius + depth, c - radius + depth, c + radius + depth * 0.6, c + radius + depth * 0.6), fill=0
    )
    inside = Image.new("L", (size, size), 0)
    ImageDraw.Draw(inside).ellipse((c - radius, c - radius, c + radius, c + radius), fill=255)
    mask = ImageChops.multiply(mask.filter(ImageFilter.GaussianBlur(depth * 0.6)), inside)
    image.paste(
        (30, 16, 8), (int(centre[0] - c), int(centre[1] - c)), mask.point(lambda v: round(v * opacity))
    )


# Skies from dusk to a grey morning, for landscapes and for what a window shows.
SKIES: list[list[tuple[float, RGB]]] = [
    [(0, (38, 42, 96)), (0.4, (168, 86, 128)), (0.68, (246, 140, 92)), (0.82, (255, 206, 140))],
    [(0, (70, 118, 182)), (0.55, (150, 190, 222)), (0.85, (232, 226, 210))],
    [(0, (24, 58, 92)), (0.45, (78, 140, 160)), (0.75, (238, 196, 120)), (0.85, (255, 226, 170))],
    [(0, (96, 80, 150)), (0.5, (224, 150, 170)), (0.8, (255, 214, 180))],
    [(0, (118, 160, 204)), (0.6, (206, 222, 232)), (0.8, (244, 236, 226))],
]


def table(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """A surface seen from above for food and flat-lays: wood, dark stone, marble or linen."""
    kind = rng.choice(["wood", "wood", "dark", "marble", "linen"])
    if kind == "wood":
        base = jitter(rng, rng.choice([(150, 100, 62), (176, 130, 86), (110, 72, 46)]))
        image = streaks(rng, size, shade(base, 0.7), mix(base, (255, 230, 200), 0.25))
        draw = ImageDraw.Draw(image, "RGBA")
        y = 0.0
        while y < size[1]:  # plank joints
            y += rng.uniform(80, 150)
            draw.line((0, y, size[0], y), fill=(40, 24, 12, 120), width=2)
        return image
    if kind == "dark":
        return texture(rng, size, jitter(rng, (52, 52, 56)), 10)
    if kind == "linen":
        return texture(
            rng, size, jitter(rng, rng.choice([(232, 226, 214), (214, 222, 226), (236, 218, 212)])), 7
        )
    image = texture(rng, size, (236, 234, 230), 6)
    draw = ImageDraw.Draw(image, "RGBA")
    for _ in range(5):  # marble veins
        x, y = rng.uniform(0, size[0]), rng.uniform(0, size[1])
        points = []
        for _ in range(40):
            x += rng.uniform(-6, 14)
            y += rng.uniform(-4, 12)
            points.append((x, y))
        draw.line(points, fill=(150, 150, 160, 70), width=rng.randint(1, 3))
    return image.filter(ImageFilter.GaussianBlur(0.8))

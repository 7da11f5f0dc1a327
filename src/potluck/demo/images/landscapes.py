"""Scenes out of doors: mountains, the seaside, a city at dusk, lights at night."""

from __future__ import annotations

import random

from PIL import Image, ImageDraw, ImageFilter

from potluck.demo.images.canvas import SKIES, glow, gradient, jitter, mix, ridge, shade


def mountains(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    width, height = size
    sky = rng.choice(SKIES)
    horizon = rng.uniform(0.5, 0.68)
    image = gradient(size, [(t * horizon / 0.85, c) for t, c in sky] + [(1.0, sky[-1][1])])
    haze = sky[-1][1]
    sun_x = rng.uniform(0.2, 0.8) * width
    sun_y = horizon * height * rng.uniform(0.55, 0.9)
    glow(image, (sun_x, sun_y), width * 0.55, mix(haze, (255, 255, 255), 0.3), 0.55)
    glow(image, (sun_x, sun_y), width * 0.06, (255, 250, 235), 1.0)
    draw = ImageDraw.Draw(image, "RGBA")
    layers = rng.randint(4, 6)
    dark = jitter(rng, rng.choice([(28, 34, 52), (24, 40, 38), (44, 30, 46), (30, 38, 60)]))
    lake = rng.random() < 0.4
    for i in range(layers):
        t = i / (layers - 1)
        colour = mix(mix(haze, (90, 100, 130), 0.35), dark, t**0.8)
        base = height * (horizon - 0.08 + t * (0.34 if not lake else 0.12))
        amplitude = height * (0.16 - 0.08 * t) * rng.uniform(0.7, 1.2)
        heights = ridge(rng, roughness=rng.uniform(0.48, 0.6))
        top = max(heights)
        step = width / (len(heights) - 1)
        points = [(k * step, base - amplitude * (h - top + 1)) for k, h in enumerate(heights)]
        draw.polygon([*points, (width, height), (0, height)], fill=colour)
        if i < layers - 1:  # mist between the ridges
            mist = Image.new("L", (1, 64))
            mist.putdata([round(110 * (1 - abs(k - 40) / 40) ** 2) if k < 64 else 0 for k in range(64)])
            band_top = int(base - amplitude * 0.2)
            mask = mist.resize((width, int(height * 0.1)), Image.Resampling.BILINEAR)
            image.paste(haze, (0, band_top), mask)
    if lake:
        water_top = int(height * (horizon + 0.13))
        reflection = image.crop((0, 2 * water_top - height, width, water_top)).transpose(
            Image.Transpose.FLIP_TOP_BOTTOM
        )
        reflection = reflection.filter(ImageFilter.GaussianBlur(2))
        reflection = Image.blend(reflection, Image.new("RGB", reflection.size, (30, 50, 80)), 0.35)
        image.paste(reflection, (0, water_top))
        draw = ImageDraw.Draw(image, "RGBA")
        for _ in range(90):
            y = rng.uniform(water_top, height)
            x = rng.uniform(-50, width)
            draw.line((x, y, x + rng.uniform(20, 140), y), fill=(255, 255, 255, rng.randint(10, 40)), width=1)
    for _ in range(rng.randint(0, 5)):  # a few birds
        bx, by, s = rng.uniform(0.2, 0.8) * width, rng.uniform(0.1, 0.35) * height, rng.uniform(3, 6)
        draw.line([(bx - s, by - s * 0.5), (bx, by), (bx + s, by - s * 0.6)], fill=(30, 30, 40, 200), width=1)
    return image


def seaside(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    width, height = size
    horizon = rng.uniform(0.38, 0.55) * height
    sunset = rng.random() < 0.35
    if sunset:
        sky = [(0, (60, 70, 130)), (0.6, (240, 150, 120)), (1, (255, 210, 160))]
        sea_top, sea_bottom = (220, 150, 130), (40, 60, 100)
    else:
        sky = [(0, jitter(rng, (60, 130, 210))), (0.7, (150, 200, 235)), (1, (225, 238, 245))]
        sea_top, sea_bottom = jitter(rng, (90, 170, 200)), jitter(rng, (20, 110, 140))
    image = Image.new("RGB", size)
    image.paste(gradient((width, int(horizon) + 1), sky), (0, 0))
    image.paste(gradient((width, height - int(horizon)), [(0, sea_top), (1, sea_bottom)]), (0, int(horizon)))
    clouds = Image.new("L", size, 0)
    cloud_draw = ImageDraw.Draw(clouds)
    for _ in range(rng.randint(3, 9)):
        cx, cy = rng.uniform(-0.1, 1.1) * width, rng.uniform(0.05, 0.8) * horizon
        for _ in range(rng.randint(4, 9)):
            w, h = rng.uniform(30, 110), rng.uniform(12, 35)
            x, y = cx + rng.uniform(-70, 70), cy + rng.uniform(-12, 12)
            cloud_draw.ellipse((x - w, y - h, x + w, y + h), fill=rng.randint(120, 220))
    image.paste(
        (255, 240, 235) if sunset else (255, 255, 255), (0, 0), clouds.filter(ImageFilter.GaussianBlur(9))
    )
    sun_x = rng.uniform(0.25, 0.75) * width
    if sunset:
        glow(image, (sun_x, horizon - 10), width * 0.5, (255, 200, 150), 0.6)
        glow(image, (sun_x, horizon - 18), 26, (255, 246, 225), 1.0)
    draw = ImageDraw.Draw(image, "RGBA")
    for _ in range(260):  # glitter and wave lines
        y = rng.uniform(horizon + 2, height)
        depth = (y - horizon) / (height - horizon)
        near_sun = abs(rng.gauss(sun_x, 40 + 120 * depth) - sun_x) < 60
        x = rng.gauss(sun_x, 40 + 120 * depth) if near_sun else rng.uniform(0, width)
        length = 6 + 60 * depth * rng.random()
        alpha = rng.randint(40, 150) if near_sun else rng.randint(10, 45)
        draw.line(
            (x - length / 2, y, x + length / 2, y), fill=(255, 250, 235, alpha), width=1 + int(depth * 2)
        )
    if rng.random() < 0.65:  # a beach
        shore = rng.uniform(0.72, 0.85) * height
        heights = ridge(rng, points=5, roughness=0.5)
        step = width / (len(heights) - 1)
        edge = [(k * step, shore + h * 12) for k, h in enumerate(heights)]
        sand = jitter(rng, (238, 218, 190))
        draw.polygon([*edge, (width, height), (0, height)], fill=shade(sand, 0.82))
        draw.polygon([(x, y + 14) for x, y in edge] + [(width, height), (0, height)], fill=sand)
        draw.line(edge, fill=(255, 255, 255, 200), width=4)
        draw.line([(x, y - 5) for x, y in edge], fill=(255, 255, 255, 90), width=3)
    return image


def city_dusk(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    width, height = size
    horizon = rng.uniform(0.58, 0.72) * height
    sky = rng.choice(
        [
            [(0, (20, 24, 60)), (0.55, (110, 70, 130)), (0.85, (240, 130, 90)), (1, (255, 190, 120))],
            [(0, (12, 20, 48)), (0.6, (40, 70, 130)), (1, (120, 150, 200))],
            [(0, (40, 30, 80)), (0.6, (200, 100, 140)), (1, (255, 170, 130))],
        ]
    )
    image = gradient(size, [(t * horizon / height, c) for t, c in sky] + [(1.0, (20, 22, 40))])
    draw = ImageDraw.Draw(image, "RGBA")
    for _ in range(rng.randint(10, 40)):
        draw.point(
            (rng.uniform(0, width), rng.uniform(0, horizon * 0.4)), fill=(255, 255, 240, rng.randint(80, 200))
        )
    for layer in range(3):
        colour = mix((90, 80, 120), (14, 14, 28), layer / 2)
        x = rng.uniform(-30, 0)
        while x < width:
            w = rng.uniform(18, 55) * (1 + layer * 0.3)
            h = rng.uniform(0.08, 0.42 - layer * 0.08) * height
            top = horizon - h + layer * 10
            draw.rectangle((x, top, x + w, horizon + 40), fill=colour)
            if rng.random() < 0.2:
                draw.line((x + w / 2, top, x + w / 2, top - rng.uniform(10, 40)), fill=colour, width=2)
            if layer >= 1:
                for wy in range(int(top) + 6, int(horizon), 7):
                    for wx in range(int(x) + 4, int(x + w) - 4, 6):
                        if rng.random() < 0.28:
                            lamp = rng.choice([(255, 214, 140), (255, 240, 200), (190, 220, 255)])
                            draw.rectangle((wx, wy, wx + 2, wy + 3), fill=(*lamp, rng.randint(120, 240)))
            x += w + rng.uniform(0, 6)
    water_top = int(horizon + 40)
    if water_top < height:
        reflection = image.crop((0, 2 * water_top - height, width, water_top)).transpose(
            Image.Transpose.FLIP_TOP_BOTTOM
        )
        reflection = reflection.resize((width, max(1, reflection.height // 6))).resize(reflection.size)
        image.paste(
            Image.blend(reflection, Image.new("RGB", reflection.size, (10, 14, 30)), 0.45), (0, water_top)
        )
    for _ in range(rng.randint(6, 16)):  # out-of-focus street lights
        glow(
            image,
            (rng.uniform(0, width), rng.uniform(horizon, height)),
            rng.uniform(8, 30),
            rng.choice([(255, 200, 120), (255, 120, 90), (140, 200, 255)]),
            rng.uniform(0.3, 0.7),
        )
    return image


def bokeh_night(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    width, height = size
    image = gradient(size, [(0, jitter(rng, (20, 18, 40))), (1, jitter(rng, (50, 30, 60)))])
    palette = rng.choice(
        [
            [(255, 190, 90), (255, 140, 80), (255, 230, 170)],
            [(120, 180, 255), (255, 120, 180), (200, 160, 255)],
            [(255, 210, 120), (140, 220, 200), (255, 150, 120)],
        ]
    )
    for _ in range(rng.randint(40, 80)):
        glow(
            image,
            (rng.uniform(-20, width + 20), rng.gauss(height * 0.5, height * 0.22)),
            rng.uniform(10, 55),
            rng.choice(palette),
            rng.uniform(0.25, 0.8),
        )
    return image.filter(ImageFilter.GaussianBlur(2))

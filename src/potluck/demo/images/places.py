"""Scenes of rooms, pets and people's places: a balcony, a cosy room, cats, a gym, yoga,
a bookshelf, flowers, a picnic.
"""

from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw, ImageFilter

from potluck.demo.images.canvas import (
    SKIES,
    Shadows,
    glow,
    gradient,
    jitter,
    leaf,
    mix,
    pick,
    shade,
    streaks,
    texture,
)


def _plant(draw: ImageDraw.ImageDraw, rng: random.Random, x: float, base: float, scale: float) -> None:
    pot = pick(rng, [(190, 100, 70), (240, 238, 232), (150, 150, 146), (60, 60, 64)])
    w, h = 60 * scale, 70 * scale
    kind = rng.choice(["monstera", "snake", "bush"])
    green = jitter(rng, (60, 130, 70), 15)
    top = base - h
    if kind == "snake":
        for _ in range(7):
            angle = -math.pi / 2 + rng.uniform(-0.35, 0.35)
            draw.polygon(
                leaf(
                    x + rng.uniform(-w * 0.4, w * 0.4),
                    top + 5,
                    rng.uniform(120, 220) * scale,
                    22 * scale,
                    angle,
                ),
                fill=jitter(rng, (50, 110, 60), 12),
                outline=(200, 200, 90),
            )
    elif kind == "monstera":
        for _ in range(8):
            angle = -math.pi / 2 + rng.uniform(-1.2, 1.2)
            length = rng.uniform(90, 160) * scale
            stem_end = (x + math.cos(angle) * length * 0.6, top + math.sin(angle) * length * 0.6)
            draw.line((x, top, *stem_end), fill=shade(green, 0.8), width=max(2, int(4 * scale)))
            draw.polygon(leaf(*stem_end, length * 0.7, length * 0.55, angle), fill=jitter(rng, green, 15))
    else:
        for _ in range(40):
            angle = rng.uniform(-math.pi, 0)
            d = rng.uniform(0, 90) * scale
            draw.polygon(
                leaf(
                    x + math.cos(angle) * d,
                    top + math.sin(angle) * d * 0.9,
                    34 * scale,
                    16 * scale,
                    rng.uniform(0, 6.28),
                ),
                fill=jitter(rng, green, 25),
            )
    draw.polygon([(x - w / 2, top), (x + w / 2, top), (x + w * 0.38, base), (x - w * 0.38, base)], fill=pot)
    draw.rectangle((x - w / 2 - 3, top - 4, x + w / 2 + 3, top + 8), fill=shade(pot, 0.9))


def balcony(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    width, height = size
    sky = rng.choice(SKIES)
    image = gradient(size, sky)
    draw = ImageDraw.Draw(image, "RGBA")
    x = 0.0
    skyline = height * rng.uniform(0.42, 0.55)
    while x < width:  # buildings across the street, hazy
        w = rng.uniform(40, 110)
        draw.rectangle(
            (x, skyline - rng.uniform(0, 160), x + w, height),
            fill=(*mix(sky[-1][1], (120, 130, 150), 0.5), 255),
        )
        x += w + rng.uniform(4, 20)
    image = image.filter(ImageFilter.GaussianBlur(3))  # far away and out of focus
    draw = ImageDraw.Draw(image, "RGBA")
    floor = height * 0.8
    rail_top = height * 0.55
    wall = pick(rng, [(236, 230, 220), (220, 214, 206), (200, 190, 180)])
    draw.rectangle(
        (0, floor, width, height), fill=pick(rng, [(190, 170, 150), (170, 160, 150), (200, 120, 90)])
    )
    for k in range(0, width, 60):
        draw.line((k, floor, k - 40, height), fill=(0, 0, 0, 40), width=2)
    draw.rectangle((0, rail_top, width, rail_top + 10), fill=(60, 60, 64))
    for k in range(0, width, 26):
        draw.line((k, rail_top, k, floor), fill=(60, 60, 64), width=4)
    draw.rectangle((0, 0, width * 0.08, height), fill=wall)
    draw.rectangle((width * 0.92, 0, width, height), fill=wall)
    light = Image.new("L", size, 0)  # late sun across the floor
    ImageDraw.Draw(light).polygon(
        [(width * 0.3, floor), (width, floor - 40), (width, height), (width * 0.5, height)], fill=60
    )
    image.paste((255, 230, 180), (0, 0), light.filter(ImageFilter.GaussianBlur(20)))
    draw = ImageDraw.Draw(image, "RGBA")
    for k in range(rng.randint(3, 5)):
        px = width * (0.14 + k * 0.2 + rng.uniform(-0.04, 0.04))
        _plant(draw, rng, px, floor + rng.uniform(20, 70), rng.uniform(0.9, 1.5))
    if rng.random() < 0.7:  # string lights
        for k in range(14):
            t = k / 13
            lx, ly = width * t, height * (0.08 + 0.1 * math.sin(t * math.pi))
            glow(image, (lx, ly), 16, (255, 210, 140), 0.8)
            glow(image, (lx, ly), 4, (255, 250, 230), 1.0)
    return image


def cozy_room(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    width, height = size
    wall = pick(rng, [(232, 222, 208), (206, 214, 204), (214, 200, 196), (226, 226, 222)])
    image = gradient(size, [(0, shade(wall, 0.85)), (0.7, wall), (1, wall)])
    draw = ImageDraw.Draw(image, "RGBA")
    floor = height * 0.74
    wood = jitter(rng, (170, 120, 80))
    image.paste(
        streaks(
            rng, (width, int(height - floor)), shade(wood, 0.7), mix(wood, (255, 240, 220), 0.2), stretch=30
        ),
        (0, int(floor)),
    )
    draw = ImageDraw.Draw(image, "RGBA")
    wx0, wx1 = width * 0.55, width * 0.92
    window = gradient((int(wx1 - wx0), int(height * 0.4)), rng.choice(SKIES))
    image.paste(window, (int(wx0), int(height * 0.12)))
    draw.rectangle((wx0, height * 0.12, wx1, height * 0.52), outline=(250, 250, 248), width=8)
    draw.line(((wx0 + wx1) / 2, height * 0.12, (wx0 + wx1) / 2, height * 0.52), fill=(250, 250, 248), width=6)
    shaft = Image.new("L", size, 0)
    ImageDraw.Draw(shaft).polygon(
        [(wx0, height * 0.52), (wx1, height * 0.52), (width * 0.7, height), (width * 0.2, height)], fill=50
    )
    image.paste((255, 240, 210), (0, 0), shaft.filter(ImageFilter.GaussianBlur(18)))
    draw = ImageDraw.Draw(image, "RGBA")
    frame = (width * 0.1, height * 0.16, width * 0.42, height * 0.4)
    draw.rectangle(frame, fill=(40, 36, 32))
    art = gradient((int(frame[2] - frame[0] - 24), int(frame[3] - frame[1] - 24)), rng.choice(SKIES))
    image.paste(art, (int(frame[0] + 12), int(frame[1] + 12)))
    draw = ImageDraw.Draw(image, "RGBA")
    sofa = pick(rng, [(120, 140, 150), (190, 160, 130), (90, 100, 80), (210, 200, 190), (150, 80, 70)])
    shadows = Shadows(size, (0, 14), 14, 0.4)
    shadows.rect((width * 0.02, height * 0.52, width * 0.7, height * 0.82), 30)
    shadows.cast(image)
    draw = ImageDraw.Draw(image, "RGBA")
    draw.rounded_rectangle(
        (width * 0.02, height * 0.5, width * 0.7, height * 0.66), 30, fill=shade(sofa, 0.9)
    )
    draw.rounded_rectangle((width * 0.0, height * 0.62, width * 0.72, height * 0.8), 24, fill=sofa)
    for k in range(2):
        cx = width * (0.16 + k * 0.3)
        draw.rounded_rectangle(
            (cx - 60, height * 0.52, cx + 60, height * 0.64),
            26,
            fill=pick(rng, [(240, 220, 180), (230, 200, 200), (250, 248, 240), (200, 170, 120)]),
        )
    draw.ellipse(
        (width * 0.05, height * 0.86, width * 0.95, height * 1.02),
        fill=(*pick(rng, [(230, 220, 200), (200, 180, 160)]), 230),
    )
    lamp_x = width * rng.uniform(0.78, 0.9)
    draw.line((lamp_x, height * 0.3, lamp_x, floor + 20), fill=(40, 40, 40), width=4)
    draw.polygon(
        [
            (lamp_x - 50, height * 0.3),
            (lamp_x + 50, height * 0.3),
            (lamp_x + 30, height * 0.22),
            (lamp_x - 30, height * 0.22),
        ],
        fill=(250, 236, 200),
    )
    glow(image, (lamp_x, height * 0.3), width * 0.35, (255, 210, 150), 0.45)
    draw = ImageDraw.Draw(image, "RGBA")
    _plant(draw, rng, width * 0.8, floor + 60, 1.2)
    return image


def _cat(
    draw: ImageDraw.ImageDraw, x: float, base: float, *, scale: float, colour: tuple[int, ...], facing: int
) -> None:
    """A sitting cat seen from behind, ``facing`` -1 (left) or 1 (right)."""
    s = scale
    draw.ellipse((x - 70 * s, base - 150 * s, x + 70 * s, base), fill=colour)  # body
    draw.ellipse((x - 60 * s, base - 40 * s, x + 60 * s, base + 6 * s), fill=colour)  # haunches
    hx, hy = x + facing * 8 * s, base - 175 * s
    draw.ellipse((hx - 46 * s, hy - 42 * s, hx + 46 * s, hy + 40 * s), fill=colour)
    for side in (-1, 1):
        ex = hx + side * 28 * s
        draw.polygon(
            [(ex - 18 * s, hy - 22 * s), (ex + side * 10 * s, hy - 72 * s), (ex + 20 * s, hy - 16 * s)],
            fill=colour,
        )
    for k in range(40):  # the tail, curling up: a string of discs reads as a round tail
        t = k / 39
        tx = x - facing * (60 + 70 * t) * s
        ty = base - 10 * s - math.sin(t * math.pi * 0.9) * 70 * s
        r = (9 - 3 * t) * s
        draw.ellipse((tx - r, ty - r, tx + r, ty + r), fill=colour)


def cat_window(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    width, height = size
    sky = rng.choice(SKIES[:1] + SKIES[2:4])
    image = gradient(size, sky)
    draw = ImageDraw.Draw(image, "RGBA")
    skyline = height * 0.62
    x = 0.0
    while x < width:
        w = rng.uniform(30, 90)
        draw.rectangle(
            (x, skyline - rng.uniform(0, 140), x + w, height),
            fill=(*mix(sky[-1][1], (60, 50, 80), 0.6), 255),
        )
        x += w + rng.uniform(2, 14)
    sun = (rng.uniform(0.25, 0.75) * width, skyline - rng.uniform(20, 120))
    glow(image, sun, width * 0.45, (255, 200, 150), 0.5)
    glow(image, sun, 30, (255, 245, 220), 1.0)
    image = image.filter(ImageFilter.GaussianBlur(2.5))
    draw = ImageDraw.Draw(image, "RGBA")
    sill = height * rng.uniform(0.76, 0.84)
    dark = (24, 20, 26)
    frame = 0.07 * width
    draw.rectangle((0, 0, width, frame), fill=dark)
    draw.rectangle((0, 0, frame, height), fill=dark)
    draw.rectangle((width - frame, 0, width, height), fill=dark)
    draw.rectangle((width * 0.5 - 6, 0, width * 0.5 + 6, sill), fill=dark)
    draw.rectangle((0, sill, width, height), fill=(36, 30, 34))
    cat_x = width * rng.uniform(0.3, 0.7)
    facing = rng.choice([-1, 1])
    scale = rng.uniform(1.1, 1.5)
    rim = Image.new("L", size, 0)  # back light round the fur
    _cat(ImageDraw.Draw(rim), cat_x, sill, scale=scale * 1.03, colour=(255,), facing=facing)
    image.paste((255, 200, 150), (0, 0), rim.filter(ImageFilter.GaussianBlur(6)).point(lambda v: v * 7 // 10))
    draw = ImageDraw.Draw(image, "RGBA")
    _cat(draw, cat_x, sill, scale=scale, colour=dark, facing=facing)
    if rng.random() < 0.6:
        _plant(draw, rng, width * (0.85 if cat_x < width / 2 else 0.18), sill, 0.8)
        draw.rectangle((0, sill, width, height), fill=(36, 30, 34))
    return image


def cat_nap(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """A cat asleep on a blanket, from above."""
    width, height = size
    blanket = pick(rng, [(230, 222, 210), (180, 196, 210), (214, 190, 200), (200, 210, 190)])
    image = texture(rng, size, blanket, 10, blur=1.5)
    draw = ImageDraw.Draw(image, "RGBA")
    for k in range(-height, width, 46):  # knit ridges
        draw.line((k, 0, k + height, height), fill=(*shade(blanket, 0.9), 90), width=10)
    fur, stripe = rng.choice(
        [
            ((226, 150, 80), (180, 100, 50)),
            ((120, 120, 126), (80, 80, 86)),
            ((40, 38, 40), (20, 20, 22)),
            ((240, 236, 230), (200, 190, 180)),
        ]
    )
    cx, cy, r = width * 0.5, height * rng.uniform(0.45, 0.55), width * 0.3
    shadows = Shadows(size, (10, 16), 22, 0.5)
    shadows.ellipse((cx - r, cy - r * 0.8, cx + r, cy + r * 0.8))
    shadows.cast(image)
    draw = ImageDraw.Draw(image, "RGBA")
    draw.ellipse((cx - r, cy - r * 0.8, cx + r, cy + r * 0.8), fill=fur)
    for k in range(9):
        a0 = 200 + k * 14
        draw.arc(
            (cx - r * 0.9, cy - r * 0.7, cx + r * 0.9, cy + r * 0.7),
            a0,
            a0 + 6,
            fill=stripe,
            width=int(r * 0.25),
        )
    draw.arc(
        (cx - r * 1.05, cy - r * 0.9, cx + r * 1.05, cy + r * 0.9), 20, 160, fill=fur, width=int(r * 0.2)
    )
    hx, hy = cx + r * 0.45, cy + r * 0.35
    draw.ellipse((hx - r * 0.42, hy - r * 0.36, hx + r * 0.42, hy + r * 0.36), fill=shade(fur, 1.05))
    for side in (-1, 1):
        ex = hx + side * r * 0.26
        draw.polygon(
            [
                (ex - r * 0.14, hy - r * 0.2),
                (ex + side * r * 0.12, hy - r * 0.55),
                (ex + r * 0.16, hy - r * 0.18),
            ],
            fill=fur,
        )
        draw.arc(
            (hx + side * r * 0.16 - r * 0.08, hy - r * 0.04, hx + side * r * 0.16 + r * 0.08, hy + r * 0.06),
            20,
            160,
            fill=(40, 30, 30),
            width=3,
        )
    draw.polygon([(hx - 8, hy + r * 0.1), (hx + 8, hy + r * 0.1), (hx, hy + r * 0.16)], fill=(220, 130, 130))
    for _ in range(3):  # paws
        px = hx + rng.uniform(-r * 0.5, r * 0.2)
        draw.ellipse((px - 26, hy + r * 0.28, px + 26, hy + r * 0.28 + 40), fill=shade(fur, 1.08))
    return image


def gym(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    width, height = size
    wall = jitter(rng, (70, 70, 76))
    image = gradient(size, [(0, shade(wall, 0.6)), (0.6, wall), (0.62, (30, 30, 32)), (1, (20, 20, 22))])
    draw = ImageDraw.Draw(image, "RGBA")
    for k in range(4):
        glow(image, (width * (0.15 + k * 0.25), height * 0.02), width * 0.25, (255, 230, 200), 0.5)
    draw = ImageDraw.Draw(image, "RGBA")
    floor = height * 0.62
    for row in range(2):  # dumbbell rack
        y = floor - 40 - row * 90
        draw.rectangle((width * 0.05, y + 24, width * 0.95, y + 34), fill=(30, 30, 32))
        x = width * 0.08
        while x < width * 0.9:
            head = rng.uniform(20, 34)
            colour = rng.choice([(30, 30, 32), (40, 40, 44), (150, 30, 30), (30, 60, 140)])
            for dx in (0, 70):
                draw.rounded_rectangle(
                    (x + dx, y + 24 - head * 2, x + dx + head * 1.2, y + 24), 6, fill=colour
                )
                draw.line(
                    (x + dx + 4, y + 24 - head * 2 + 6, x + dx + 4, y + 18), fill=(255, 255, 255, 50), width=2
                )
            draw.rectangle((x + head * 1.2, y + 24 - head, x + 70, y + 24 - head + 8), fill=(150, 150, 156))
            x += 90 + head
    mat = pick(rng, [(120, 80, 160), (60, 160, 150), (230, 120, 130)])
    draw.polygon(
        [
            (width * 0.15, height * 0.98),
            (width * 0.85, height * 0.98),
            (width * 0.7, height * 0.72),
            (width * 0.3, height * 0.72),
        ],
        fill=mat,
    )
    kb = (width * rng.uniform(0.2, 0.8), height * 0.85)
    draw.ellipse((kb[0] - 55, kb[1] - 50, kb[0] + 55, kb[1] + 50), fill=(24, 24, 26))
    draw.arc((kb[0] - 36, kb[1] - 100, kb[0] + 36, kb[1] - 30), 180, 360, fill=(24, 24, 26), width=14)
    draw.arc((kb[0] - 40, kb[1] - 40, kb[0] + 20, kb[1] + 20), 200, 260, fill=(255, 255, 255, 70), width=4)
    bottle = (width * rng.uniform(0.1, 0.9), height * 0.8)
    draw.rounded_rectangle(
        (bottle[0] - 18, bottle[1] - 70, bottle[0] + 18, bottle[1] + 20),
        10,
        fill=pick(rng, [(80, 180, 220), (250, 120, 140), (240, 240, 240)]),
    )
    return image


def yoga(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    width, height = size
    wood = jitter(rng, (196, 150, 104))
    image = streaks(rng, size, shade(wood, 0.75), mix(wood, (255, 240, 220), 0.25), stretch=20)
    image = image.rotate(90, expand=True).resize(size) if rng.random() < 0.5 else image
    draw = ImageDraw.Draw(image, "RGBA")
    light = Image.new("L", size, 0)
    light_draw = ImageDraw.Draw(light)
    for k in range(3):  # window light on the floor
        x0 = width * (0.1 + k * 0.28)
        light_draw.polygon(
            [(x0, 0), (x0 + width * 0.2, 0), (x0 + width * 0.45, height), (x0 + width * 0.25, height)],
            fill=80,
        )
    image.paste((255, 244, 220), (0, 0), light.filter(ImageFilter.GaussianBlur(10)))
    shadows = Shadows(size, (8, 12), 10, 0.35)
    mat = (width * 0.22, height * 0.08, width * 0.72, height * 0.94)
    shadows.rect(mat, 20)
    bells = [(width * 0.84, height * (0.4 + k * 0.12)) for k in range(2)]
    for bx, by in bells:
        shadows.rect((bx - 50, by - 18, bx + 50, by + 18), 10)
    shadows.cast(image)
    draw = ImageDraw.Draw(image, "RGBA")
    colour = pick(rng, [(120, 90, 170), (70, 160, 150), (232, 130, 140), (110, 140, 110)])
    draw.rounded_rectangle(mat, 20, fill=colour)
    for k in range(1, 12):
        y = mat[1] + k * (mat[3] - mat[1]) / 12
        draw.line((mat[0] + 10, y, mat[2] - 10, y), fill=(*shade(colour, 0.9), 120), width=2)
    bell = pick(rng, [(240, 160, 170), (160, 200, 230), (250, 220, 120)])
    for bx, by in bells:
        draw.rounded_rectangle((bx - 50, by - 18, bx - 20, by + 18), 10, fill=bell)
        draw.rounded_rectangle((bx + 20, by - 18, bx + 50, by + 18), 10, fill=bell)
        draw.rectangle((bx - 20, by - 7, bx + 20, by + 7), fill=shade(bell, 0.8))
    draw.rounded_rectangle(
        (width * 0.05, height * 0.7, width * 0.17, height * 0.76), 12, fill=(250, 250, 250, 230)
    )
    return image


def bookshelf(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    width, height = size
    wood = jitter(rng, (120, 80, 50))
    image = streaks(rng, size, shade(wood, 0.6), wood)
    draw = ImageDraw.Draw(image, "RGBA")
    shelf_h = height / 4
    for shelf in range(4):
        bottom = (shelf + 1) * shelf_h - 14
        draw.rectangle((0, bottom, width, bottom + 14), fill=shade(wood, 1.2))
        x = rng.uniform(0, 20)
        while x < width:
            w = rng.uniform(16, 40)
            h = rng.uniform(0.55, 0.85) * shelf_h
            colour = pick(
                rng,
                [
                    (160, 40, 40),
                    (40, 60, 110),
                    (220, 200, 160),
                    (60, 100, 80),
                    (200, 150, 60),
                    (90, 60, 100),
                    (230, 230, 225),
                    (30, 30, 34),
                ],
            )
            if rng.random() < 0.08:  # a leaning book
                draw.polygon(
                    [
                        (x, bottom),
                        (x + w, bottom),
                        (x + w + h * 0.35, bottom - h * 0.95),
                        (x + h * 0.35, bottom - h),
                    ],
                    fill=colour,
                )
                x += w + h * 0.4
                continue
            draw.rectangle((x, bottom - h, x + w, bottom), fill=colour)
            draw.rectangle(
                (x + 3, bottom - h * 0.8, x + w - 3, bottom - h * 0.76),
                fill=(*mix(colour, (240, 210, 120), 0.6), 200),
            )
            draw.line((x + 1, bottom - h, x + 1, bottom), fill=(255, 255, 255, 40), width=2)
            x += w + rng.uniform(0, 3)
    glow(
        image,
        (width * rng.uniform(0.2, 0.8), height * rng.uniform(0.2, 0.5)),
        width * 0.6,
        (255, 200, 140),
        0.35,
    )
    return image


def flowers(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    width, height = size
    wall = pick(rng, [(236, 230, 222), (214, 224, 230), (240, 226, 222), (226, 232, 220)])
    image = gradient(
        size, [(0, shade(wall, 0.88)), (0.75, wall), (0.76, shade(wall, 0.8)), (1, shade(wall, 0.7))]
    )
    glow(image, (width * 0.3, height * 0.3), width * 0.7, (255, 248, 236), 0.5)
    vx, table = width * 0.5, height * 0.82
    shadows = Shadows(size, (40, 6), 20, 0.3)
    shadows.rect((vx - 80, height * 0.5, vx + 80, table), 40)
    shadows.cast(image)
    draw = ImageDraw.Draw(image, "RGBA")
    bloom = pick(rng, [(240, 120, 140), (250, 200, 80), (240, 240, 236), (200, 120, 200), (250, 150, 100)])
    heads = []
    for _ in range(rng.randint(6, 10)):
        hx, hy = vx + rng.uniform(-200, 200), height * rng.uniform(0.12, 0.42)
        heads.append((hx, hy))
        draw.line(
            [
                (vx + rng.uniform(-20, 20), height * 0.6),
                ((vx + hx) / 2, (hy + height * 0.6) / 2 + 20),
                (hx, hy),
            ],
            fill=(80, 130, 70),
            width=5,
        )
    for _ in range(5):
        draw.polygon(
            leaf(vx, height * 0.55, rng.uniform(100, 160), 40, rng.uniform(-2.6, -0.5)),
            fill=jitter(rng, (80, 140, 80), 15),
        )
    for hx, hy in heads:
        colour = jitter(rng, bloom, 18)
        draw.ellipse((hx - 34, hy - 44, hx + 34, hy + 30), fill=colour)
        draw.polygon(leaf(hx - 34, hy - 10, 50, 30, -1.2), fill=shade(colour, 0.88))
        draw.polygon(leaf(hx + 34, hy - 10, 50, 30, -1.9), fill=shade(colour, 0.92))
        draw.ellipse((hx - 16, hy - 40, hx, hy - 16), fill=(255, 255, 255, 70))
    glass = (*pick(rng, [(200, 226, 230), (230, 230, 236), (180, 210, 190)]), 170)
    draw.rounded_rectangle((vx - 80, height * 0.5, vx + 80, table), 40, fill=glass)
    draw.rounded_rectangle((vx - 70, height * 0.62, vx + 70, table - 10), 34, fill=(170, 210, 220, 110))
    draw.line((vx - 50, height * 0.54, vx - 50, table - 30), fill=(255, 255, 255, 140), width=6)
    return image


def picnic(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    width, height = size
    image = gradient(
        size, [(0, (150, 200, 235)), (0.3, (220, 236, 240)), (0.32, (120, 170, 90)), (1, (70, 130, 60))]
    )
    draw = ImageDraw.Draw(image, "RGBA")
    for _ in range(600):  # grass blades
        x, y = rng.uniform(0, width), rng.uniform(height * 0.32, height)
        draw.line(
            (x, y, x + rng.uniform(-4, 4), y - rng.uniform(6, 18)),
            fill=(*jitter(rng, (90, 160, 70), 30), 160),
            width=2,
        )
    trees = Image.new("RGBA", size, (0, 0, 0, 0))  # a row of trees, out of focus behind
    tree_draw = ImageDraw.Draw(trees)
    for _ in range(rng.randint(4, 7)):
        tx, crown = rng.uniform(-0.1, 1.1) * width, rng.uniform(35, 60)
        cy0 = height * 0.32 - crown * 1.6
        tree_draw.rectangle((tx - 5, cy0, tx + 5, height * 0.33), fill=(70, 55, 40, 255))
        for _ in range(26):
            cx, cy = tx + rng.gauss(0, crown * 0.4), cy0 + rng.gauss(0, crown * 0.3)
            r = rng.uniform(crown * 0.2, crown * 0.4)
            tree_draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*jitter(rng, (60, 110, 55), 12), 255))
    image.paste(trees.filter(ImageFilter.GaussianBlur(3)), (0, 0), trees.filter(ImageFilter.GaussianBlur(3)))
    draw = ImageDraw.Draw(image, "RGBA")
    check = pick(rng, [(220, 60, 60), (70, 120, 200), (240, 180, 60)])
    blanket = [
        (width * 0.05, height * 0.55),
        (width * 0.95, height * 0.5),
        (width * 1.1, height * 0.95),
        (width * -0.1, height),
    ]
    draw.polygon(blanket, fill=(250, 248, 240))
    cells = 8
    for i in range(cells):
        for j in range(cells):
            if (i + j) % 2 == 0:
                continue

            def corner(u: float, v: float) -> tuple[float, float]:
                top = (
                    blanket[0][0] + (blanket[1][0] - blanket[0][0]) * u,
                    blanket[0][1] + (blanket[1][1] - blanket[0][1]) * u,
                )
                bottom = (
                    blanket[3][0] + (blanket[2][0] - blanket[3][0]) * u,
                    blanket[3][1] + (blanket[2][1] - blanket[3][1]) * u,
                )
                return (top[0] + (bottom[0] - top[0]) * v, top[1] + (bottom[1] - top[1]) * v)

            u0, u1, v0, v1 = i / cells, (i + 1) / cells, j / cells, (j + 1) / cells
            draw.polygon([corner(u0, v0), corner(u1, v0), corner(u1, v1), corner(u0, v1)], fill=(*check, 150))
    basket = (width * rng.uniform(0.2, 0.6), height * 0.62)
    draw.rounded_rectangle((basket[0], basket[1], basket[0] + 200, basket[1] + 120), 16, fill=(190, 140, 80))
    draw.arc(
        (basket[0] + 30, basket[1] - 70, basket[0] + 170, basket[1] + 60),
        180,
        360,
        fill=(150, 100, 50),
        width=10,
    )
    for _ in range(rng.randint(2, 4)):
        fx, fy = width * rng.uniform(0.15, 0.85), height * rng.uniform(0.72, 0.9)
        draw.ellipse(
            (fx - 24, fy - 22, fx + 24, fy + 22),
            fill=pick(rng, [(220, 40, 40), (250, 180, 40), (120, 190, 60)]),
        )
    return image

"""Scenes of things on a surface: an outfit, make-up, a desk, toys."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw

from potluck.demo.images.canvas import Shadows, jitter, leaf, mix, pick, rotated_rect, shade, table, texture
from potluck.demo.images.cards import latin_font


def outfit(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    width, height = size
    image = texture(
        rng, size, pick(rng, [(238, 234, 226), (246, 244, 240), (226, 218, 206), (214, 204, 190)]), 6
    )
    palette = rng.choice(
        [
            [(196, 160, 120), (120, 90, 70), (240, 232, 220), (60, 60, 60)],
            [(230, 190, 200), (180, 200, 230), (250, 250, 245), (200, 170, 140)],
            [(30, 30, 34), (240, 240, 236), (150, 150, 150), (120, 30, 40)],
            [(90, 110, 80), (210, 190, 150), (250, 246, 236), (140, 80, 50)],
        ]
    )
    top_colour, bottom_colour, shoe_colour, bag_colour = (jitter(rng, c, 8) for c in rng.sample(palette, 4))
    shadows = Shadows(size, (8, 12), 10, 0.35)
    # a top: body, sleeves
    tx, ty, tw = width * 0.36, height * 0.26, width * 0.34
    top = [
        (tx - tw * 0.5, ty - tw * 0.55),
        (tx - tw * 0.18, ty - tw * 0.65),
        (tx, ty - tw * 0.55),
        (tx + tw * 0.18, ty - tw * 0.65),
        (tx + tw * 0.5, ty - tw * 0.55),
        (tx + tw * 0.95, ty - tw * 0.05),
        (tx + tw * 0.72, ty + tw * 0.12),
        (tx + tw * 0.48, ty - tw * 0.15),
        (tx + tw * 0.48, ty + tw * 0.75),
        (tx - tw * 0.48, ty + tw * 0.75),
        (tx - tw * 0.48, ty - tw * 0.15),
        (tx - tw * 0.72, ty + tw * 0.12),
        (tx - tw * 0.95, ty - tw * 0.05),
    ]
    # trousers or a skirt
    bx, by, bw = width * 0.38, height * 0.62, width * 0.3
    if rng.random() < 0.5:
        bottom = [
            (bx - bw * 0.5, by - bw * 0.6),
            (bx + bw * 0.5, by - bw * 0.6),
            (bx + bw * 0.62, by + bw * 1.5),
            (bx + bw * 0.1, by + bw * 1.5),
            (bx, by - bw * 0.1),
            (bx - bw * 0.1, by + bw * 1.5),
            (bx - bw * 0.62, by + bw * 1.5),
        ]
    else:
        bottom = [
            (bx - bw * 0.45, by - bw * 0.6),
            (bx + bw * 0.45, by - bw * 0.6),
            (bx + bw * 0.9, by + bw * 0.8),
            (bx - bw * 0.9, by + bw * 0.8),
        ]
    bag = (width * 0.62, height * 0.42, width * 0.9, height * 0.6)
    shoes = [(width * 0.7 + k * width * 0.12, height * 0.78) for k in range(2)]
    for points in (top, bottom):
        shadows.polygon(points)
    shadows.rect(bag, 20)
    for sx, sy in shoes:
        shadows.rect((sx - 28, sy - 70, sx + 28, sy + 70), 26)
    shadows.cast(image)
    draw = ImageDraw.Draw(image, "RGBA")
    draw.polygon(top, fill=top_colour)
    draw.line(
        [(tx - tw * 0.18, ty - tw * 0.65), (tx, ty - tw * 0.5), (tx + tw * 0.18, ty - tw * 0.65)],
        fill=shade(top_colour, 0.8),
        width=4,
    )
    for _ in range(6):  # folds
        fx = tx + rng.uniform(-tw * 0.4, tw * 0.4)
        draw.line(
            (fx, ty, fx + rng.uniform(-20, 20), ty + tw * 0.6), fill=(*shade(top_colour, 0.9), 90), width=3
        )
    draw.polygon(bottom, fill=bottom_colour)
    draw.line(
        (bx - bw * 0.5, by - bw * 0.5, bx + bw * 0.5, by - bw * 0.5), fill=shade(bottom_colour, 0.8), width=4
    )
    draw.rounded_rectangle(bag, 20, fill=bag_colour)
    draw.arc(
        (bag[0] + 30, bag[1] - 80, bag[2] - 30, bag[1] + 60), 180, 360, fill=shade(bag_colour, 0.8), width=8
    )
    draw.rectangle(
        ((bag[0] + bag[2]) / 2 - 16, bag[1] + 30, (bag[0] + bag[2]) / 2 + 16, bag[1] + 46),
        fill=(214, 180, 90),
    )
    for sx, sy in shoes:
        draw.rounded_rectangle((sx - 28, sy - 70, sx + 28, sy + 70), 26, fill=shoe_colour)
        draw.ellipse((sx - 18, sy - 30, sx + 18, sy + 40), fill=shade(shoe_colour, 0.75))
    if rng.random() < 0.7:  # sunglasses
        gx, gy = width * 0.78, height * 0.15
        for k in (-1, 1):
            draw.ellipse((gx + k * 40 - 32, gy - 24, gx + k * 40 + 32, gy + 24), fill=(30, 26, 24, 230))
        draw.line((gx - 10, gy - 6, gx + 10, gy - 6), fill=(30, 26, 24), width=4)
    if rng.random() < 0.5:  # a necklace
        draw.arc(
            (width * 0.6, height * 0.66, width * 0.8, height * 0.74), 0, 360, fill=(210, 180, 100), width=2
        )
    return image


def beauty(rng: random.Random, size: tuple[int, int]) -> Image.Image:  # noqa: PLR0912 - a painting is a long list of shapes
    width, height = size
    base = pick(rng, [(244, 214, 210), (246, 226, 214), (226, 214, 236), (214, 232, 226), (250, 236, 226)])
    image = texture(rng, size, base, 5)
    if rng.random() < 0.5:  # two-tone backdrop
        ImageDraw.Draw(image).polygon(
            [(0, height * 0.7), (width, height * 0.35), (width, height), (0, height)], fill=shade(base, 0.93)
        )
    shadows = Shadows(size, (10, 14), 10, 0.3)
    items = [
        (kind, rng.uniform(0.2, 0.8) * width, rng.uniform(0.18, 0.82) * height, rng.uniform(-0.7, 0.7))
        for kind in rng.sample(["lipstick", "lipstick", "compact", "bottle", "jar", "brush", "palette"], 5)
    ]
    for kind, x, y, angle in items:
        if kind in ("compact", "jar"):
            shadows.ellipse((x - 70, y - 70, x + 70, y + 70))
        elif kind == "palette":
            shadows.rect((x - 110, y - 70, x + 110, y + 70), 10)
        else:
            shadows.polygon(rotated_rect(x, y, 200 if kind == "brush" else 150, 40, angle + 1.2))
    shadows.cast(image, (90, 50, 50))
    draw = ImageDraw.Draw(image, "RGBA")
    for _ in range(rng.randint(4, 12)):  # petals
        px, py = rng.uniform(0, width), rng.uniform(0, height)
        draw.polygon(
            leaf(px, py, rng.uniform(24, 40), rng.uniform(14, 22), rng.uniform(0, 6.28)),
            fill=(*jitter(rng, (236, 150, 160), 20), 220),
        )
    lip = pick(rng, [(190, 30, 50), (210, 80, 80), (160, 40, 60), (230, 110, 100)])
    for _ in range(rng.randint(1, 3)):  # swatches
        sx, sy = rng.uniform(0.1, 0.9) * width, rng.uniform(0.1, 0.9) * height
        draw.line([(sx + k * 8, sy + math.sin(k / 2) * 6) for k in range(14)], fill=(*lip, 200), width=14)
    for kind, x, y, angle in items:
        if kind == "lipstick":
            case = pick(rng, [(30, 30, 30), (210, 170, 90), (240, 240, 240)])
            draw.polygon(rotated_rect(x, y, 110, 36, angle + 1.2), fill=case)
            dx, dy = math.cos(angle + 1.2), math.sin(angle + 1.2)
            tip_x, tip_y = x - dx * 80, y - dy * 80
            draw.polygon(rotated_rect(tip_x, tip_y, 50, 26, angle + 1.2), fill=lip)
            draw.polygon(rotated_rect(x + dx * 10, y + dy * 10, 80, 4, angle + 1.2), fill=(255, 255, 255, 90))
        elif kind == "compact":
            draw.ellipse((x - 70, y - 70, x + 70, y + 70), fill=(220, 190, 130))
            draw.ellipse(
                (x - 58, y - 58, x + 58, y + 58),
                fill=pick(rng, [(240, 170, 160), (236, 200, 170), (220, 140, 150)]),
            )
            draw.arc((x - 50, y - 50, x + 50, y + 50), 200, 260, fill=(255, 255, 255, 150), width=6)
        elif kind == "jar":
            draw.ellipse((x - 70, y - 70, x + 70, y + 70), fill=(250, 250, 250))
            draw.ellipse((x - 60, y - 60, x + 60, y + 60), fill=pick(rng, [(246, 230, 226), (230, 240, 236)]))
            draw.ellipse((x - 30, y - 30, x + 10, y - 10), fill=(255, 255, 255, 140))
        elif kind == "bottle":
            glass = pick(rng, [(200, 120, 50), (230, 220, 210), (180, 200, 210), (236, 190, 190)])
            draw.polygon(rotated_rect(x, y, 130, 70, angle + 1.2), fill=(*glass, 230))
            dx, dy = math.cos(angle + 1.2), math.sin(angle + 1.2)
            draw.polygon(rotated_rect(x - dx * 90, y - dy * 90, 50, 30, angle + 1.2), fill=(40, 36, 34))
            draw.polygon(
                rotated_rect(x + 14 * dy, y - 14 * dx, 100, 6, angle + 1.2), fill=(255, 255, 255, 110)
            )
        elif kind == "palette":
            draw.rounded_rectangle((x - 110, y - 70, x + 110, y + 70), 10, fill=(40, 36, 36))
            for k in range(8):
                col, row = k % 4, k // 4
                pan = jitter(
                    rng,
                    rng.choice(
                        [(220, 160, 130), (180, 110, 90), (240, 200, 170), (150, 90, 100), (210, 170, 120)]
                    ),
                    20,
                )
                draw.ellipse(
                    (x - 95 + col * 50, y - 55 + row * 60, x - 55 + col * 50, y - 15 + row * 60), fill=pan
                )
        else:
            dx, dy = math.cos(angle + 1.2), math.sin(angle + 1.2)
            draw.polygon(rotated_rect(x, y, 160, 14, angle + 1.2), fill=(40, 30, 26))
            draw.polygon(leaf(x - dx * 80, y - dy * 80, 80, 40, angle + 1.2 + math.pi), fill=(220, 190, 160))
    return image


def desk(rng: random.Random, size: tuple[int, int]) -> Image.Image:  # noqa: PLR0912, PLR0915 - a painting is a long list of shapes
    width, height = size
    if rng.random() < 0.5:
        image = texture(rng, size, pick(rng, [(244, 243, 240), (226, 230, 234)]), 5)
    else:
        image = table(rng, size)
    shadows = Shadows(size, (10, 16), 12, 0.4)
    laptop = (width * 0.5, -height * 0.05, width * 1.08, height * 0.3)
    notebook = (width * 0.08, height * 0.34, width * 0.7, height * 0.74)
    mug = (width * 0.8, height * 0.5, width * 0.12)
    books = (width * 0.04, height * 0.78, width * 0.5, height * 0.98)
    shadows.rect(laptop, 16)
    shadows.rect(notebook, 6)
    shadows.ellipse((mug[0] - mug[2], mug[1] - mug[2], mug[0] + mug[2], mug[1] + mug[2]))
    shadows.rect(books, 4)
    shadows.cast(image)
    draw = ImageDraw.Draw(image, "RGBA")
    draw.rounded_rectangle(laptop, 16, fill=pick(rng, [(200, 202, 206), (60, 62, 68), (220, 210, 200)]))
    for row in range(4):
        for col in range(12):
            kx = laptop[0] + 20 + col * 24
            ky = laptop[1] + 40 + row * 24
            draw.rounded_rectangle((kx, ky, kx + 19, ky + 19), 3, fill=(40, 40, 44, 160))
    draw.rounded_rectangle(
        (laptop[0] + 90, laptop[3] - 90, laptop[0] + 220, laptop[3] - 14), 8, fill=(255, 255, 255, 40)
    )
    draw.rectangle(notebook, fill=(250, 248, 240))
    mid = (notebook[0] + notebook[2]) / 2
    draw.line((mid, notebook[1], mid, notebook[3]), fill=(200, 196, 186), width=3)
    ink = pick(rng, [(30, 50, 120), (30, 30, 30), (120, 30, 40)])
    y = notebook[1] + 30
    while y < notebook[3] - 20:
        draw.line((notebook[0] + 14, y, notebook[2] - 14, y), fill=(200, 214, 230), width=1)
        for start, end in ((notebook[0] + 24, mid - 14), (mid + 14, notebook[2] - 24)):
            if rng.random() < 0.85:
                x = start
                stop = rng.uniform(start + 40, end)
                points = []
                while x < stop:
                    points.append((x, y - 4 + rng.uniform(-4, 4)))
                    x += rng.uniform(3, 6)
                if len(points) > 1:
                    draw.line(points, fill=ink, width=1)
        y += 20
    draw.rectangle((notebook[0] + 30, notebook[1] + 60, mid - 40, notebook[1] + 74), fill=(255, 230, 90, 110))
    pen_angle = rng.uniform(-0.6, 0.6)
    draw.polygon(
        rotated_rect(notebook[2] + 30, (notebook[1] + notebook[3]) / 2, 200, 12, pen_angle + 1.4),
        fill=pick(rng, [(30, 30, 30), (200, 60, 60), (60, 90, 200)]),
    )
    draw.ellipse(
        (mug[0] - mug[2], mug[1] - mug[2], mug[0] + mug[2], mug[1] + mug[2]),
        fill=pick(rng, [(250, 250, 250), (230, 120, 90), (90, 140, 180)]),
    )
    draw.ellipse(
        (mug[0] - mug[2] * 0.82, mug[1] - mug[2] * 0.82, mug[0] + mug[2] * 0.82, mug[1] + mug[2] * 0.82),
        fill=(90, 52, 28),
    )
    draw.ellipse((mug[0] - mug[2] * 0.5, mug[1] - mug[2] * 0.5, mug[0], mug[1]), fill=(150, 100, 60, 120))
    by = books[1]
    for k in range(3):
        colour = pick(rng, [(180, 60, 50), (40, 70, 110), (230, 200, 120), (60, 110, 90), (200, 150, 160)])
        inset = rng.uniform(0, 20)
        draw.rectangle((books[0] + inset, by + k * 20, books[2] - inset, books[3]), fill=colour)
        draw.rectangle(
            (books[0] + inset, by + k * 20, books[2] - inset, by + k * 20 + 4), fill=shade(colour, 1.2)
        )
    for _ in range(rng.randint(1, 3)):  # sticky notes
        sx, sy = rng.uniform(0.6, 0.92) * width, rng.uniform(0.68, 0.92) * height
        draw.polygon(
            rotated_rect(sx, sy, 90, 90, rng.uniform(-0.3, 0.3)),
            fill=pick(rng, [(255, 230, 100), (255, 170, 190), (160, 220, 200)]),
        )
    if rng.random() < 0.6:  # a plant in the corner
        for _ in range(9):
            draw.polygon(
                leaf(
                    width * 0.02,
                    height * 0.02,
                    rng.uniform(100, 200),
                    rng.uniform(40, 70),
                    rng.uniform(0.1, 1.4),
                ),
                fill=jitter(rng, (60, 130, 70), 18),
            )
    return image


def toys(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    width, height = size
    image = texture(rng, size, pick(rng, [(236, 226, 210), (220, 230, 236), (240, 230, 236)]), 8, blur=2)
    draw = ImageDraw.Draw(image, "RGBA")
    stripe = pick(rng, [(200, 220, 236), (240, 210, 200), (220, 236, 210)])
    for k in range(0, width, 70):  # rug stripes
        draw.rectangle((k, 0, k + 30, height), fill=(*stripe, 90))
    shadows = Shadows(size, (8, 12), 8, 0.35)
    blocks = []
    for _ in range(rng.randint(6, 10)):
        bx, by, s = rng.uniform(0.1, 0.9) * width, rng.uniform(0.1, 0.9) * height, rng.uniform(50, 80)
        angle = rng.uniform(0, 1.5)
        blocks.append((bx, by, s, angle))
        shadows.polygon(rotated_rect(bx, by, s, s, angle))
    duck = (rng.uniform(0.2, 0.8) * width, rng.uniform(0.2, 0.8) * height)
    shadows.ellipse((duck[0] - 60, duck[1] - 45, duck[0] + 60, duck[1] + 45))
    shadows.cast(image)
    draw = ImageDraw.Draw(image, "RGBA")
    font = latin_font(44)
    for bx, by, s, angle in blocks:
        colour = pick(rng, [(230, 80, 70), (250, 190, 60), (80, 150, 220), (100, 190, 120), (240, 140, 180)])
        draw.polygon(rotated_rect(bx, by, s, s, angle), fill=colour)
        draw.polygon(rotated_rect(bx, by, s * 0.74, s * 0.74, angle), fill=mix(colour, (255, 255, 255), 0.25))
        draw.text((bx, by), rng.choice("ABCXYZ123"), fill=(255, 255, 255), font=font, anchor="mm")
    draw.ellipse((duck[0] - 60, duck[1] - 40, duck[0] + 50, duck[1] + 45), fill=(250, 210, 40))
    draw.ellipse((duck[0] + 10, duck[1] - 70, duck[0] + 70, duck[1] - 10), fill=(250, 214, 50))
    draw.polygon(
        [(duck[0] + 66, duck[1] - 44), (duck[0] + 96, duck[1] - 38), (duck[0] + 66, duck[1] - 30)],
        fill=(240, 120, 30),
    )
    draw.ellipse((duck[0] + 40, duck[1] - 54, duck[0] + 50, duck[1] - 44), fill=(20, 20, 20))
    return image

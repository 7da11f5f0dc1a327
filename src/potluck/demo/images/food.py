"""Scenes of food from above: noodles, hot pot, a latte, a fruit bowl."""

from __future__ import annotations

import math
import random

from PIL import Image, ImageDraw, ImageFilter

from potluck.demo.images.canvas import (
    Shadows,
    inner_shadow,
    jitter,
    leaf,
    mix,
    pick,
    radial,
    rotated_rect,
    round_shading,
    shade,
    table,
    texture,
)


def _chopsticks(
    draw: ImageDraw.ImageDraw, shadows: Shadows, rng: random.Random, size: tuple[int, int]
) -> None:
    width, height = size
    angle = rng.uniform(-0.5, 0.5) + math.pi / 2 * rng.choice([0, 1])
    cx, cy = width * rng.uniform(0.55, 0.85), height * rng.uniform(0.7, 0.88)
    colour = rng.choice([(196, 150, 96), (60, 40, 30), (230, 222, 205)])
    for offset in (-9, 9):
        points = rotated_rect(
            cx + offset * math.sin(angle), cy - offset * math.cos(angle), width * 0.8, 7, angle
        )
        shadows.polygon(points)
        draw.polygon(points, fill=colour)


def noodles(rng: random.Random, size: tuple[int, int]) -> Image.Image:  # noqa: PLR0912, PLR0915 - a painting is a long list of shapes
    width, height = size
    image = table(rng, size)
    cx, cy = width * rng.uniform(0.45, 0.55), height * rng.uniform(0.42, 0.5)
    r = width * rng.uniform(0.36, 0.42)
    shadows = Shadows(size, (r * 0.08, r * 0.12), r * 0.09, 0.55)
    shadows.ellipse((cx - r, cy - r, cx + r, cy + r))
    draw = ImageDraw.Draw(image, "RGBA")
    _chopsticks(draw, shadows, rng, size)
    shadows.cast(image)
    draw = ImageDraw.Draw(image, "RGBA")
    bowl = pick(rng, [(245, 243, 238), (40, 44, 52), (200, 220, 230), (220, 90, 60)])
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=bowl)
    round_shading(image, (cx - r, cy - r, cx + r, cy + r), 0.5)
    draw = ImageDraw.Draw(image, "RGBA")
    draw.arc((cx - r, cy - r, cx + r, cy + r), 200, 320, fill=(255, 255, 255, 120), width=4)
    inner = r * 0.82
    broth = pick(rng, [(214, 84, 34), (226, 190, 130), (238, 200, 110), (180, 60, 30), (120, 76, 46)])
    soup = Image.new("RGB", (int(inner * 2), int(inner * 2)), shade(broth, 0.8))
    soup.paste(broth, (0, 0), radial(int(inner * 2), 0.6))
    disc = Image.new("L", soup.size, 0)
    ImageDraw.Draw(disc).ellipse((0, 0, soup.width - 1, soup.height - 1), fill=255)
    image.paste(soup, (int(cx - inner), int(cy - inner)), disc)
    draw = ImageDraw.Draw(image, "RGBA")
    for _ in range(30):  # oil drops
        a, d, s = rng.uniform(0, 6.28), rng.uniform(0, inner * 0.9), rng.uniform(2, 7)
        x, y = cx + math.cos(a) * d, cy + math.sin(a) * d
        draw.ellipse((x - s, y - s, x + s, y + s), fill=(*mix(broth, (255, 220, 120), 0.5), 120))
    noodle = pick(rng, [(244, 222, 160), (236, 210, 140), (250, 240, 210)])
    nr = inner * 0.7
    for _ in range(rng.randint(110, 160)):  # a nest of noodles
        a, d = rng.uniform(0, 6.28), rng.uniform(0, nr * 0.55)
        x, y = cx + math.cos(a) * d + nr * 0.12, cy + math.sin(a) * d
        rr = rng.uniform(nr * 0.3, nr * 0.7)
        start = rng.uniform(0, 360)
        sweep = rng.uniform(60, 160)
        box = (x - rr, y - rr * rng.uniform(0.6, 1), x + rr, y + rr * rng.uniform(0.6, 1))
        draw.arc(box, start, start + sweep, fill=(*shade(noodle, 0.6), 200), width=6)
        draw.arc(box, start, start + sweep, fill=jitter(rng, noodle, 8), width=4)
    inner_shadow(image, (cx, cy), inner, inner * 0.12, 0.45)
    draw = ImageDraw.Draw(image, "RGBA")
    toppings = rng.sample(["egg", "meat", "greens", "scallion", "chili", "sesame"], 4)
    for topping in toppings:
        a = rng.uniform(0, 6.28)
        tx, ty = cx + math.cos(a) * inner * 0.5, cy + math.sin(a) * inner * 0.5
        if topping == "egg":
            for k in range(2):
                ex = tx + k * 34
                draw.ellipse((ex - 22, ty - 28, ex + 22, ty + 28), fill=(250, 248, 240))
                draw.ellipse((ex - 13, ty - 14, ex + 13, ty + 12), fill=(242, 150, 40))
                draw.ellipse((ex - 8, ty - 9, ex + 4, ty), fill=(250, 190, 90, 160))
        elif topping == "meat":
            for k in range(4):
                mx, my = tx + k * 14 - 20, ty + k * 6
                draw.rounded_rectangle(
                    (mx - 24, my - 16, mx + 24, my + 16), 8, fill=jitter(rng, (150, 80, 60))
                )
                draw.line((mx - 18, my - 4, mx + 18, my + 2), fill=(220, 180, 160, 180), width=2)
        elif topping == "greens":
            for _ in range(5):
                outline = leaf(tx, ty, rng.uniform(40, 70), rng.uniform(20, 30), rng.uniform(0, 6.28))
                draw.polygon(outline, fill=jitter(rng, (60, 140, 60), 20))
        elif topping == "scallion":
            for _ in range(25):
                sx, sy = tx + rng.gauss(0, 26), ty + rng.gauss(0, 26)
                draw.ellipse((sx - 5, sy - 5, sx + 5, sy + 5), outline=(110, 190, 80), width=2)
        elif topping == "chili":
            for _ in range(40):
                sx, sy = tx + rng.gauss(0, 30), ty + rng.gauss(0, 30)
                draw.ellipse((sx - 2, sy - 2, sx + 3, sy + 2), fill=(180, 20, 10, 220))
        else:
            for _ in range(50):
                sx, sy = tx + rng.gauss(0, 35), ty + rng.gauss(0, 35)
                draw.ellipse((sx - 1.5, sy - 1, sx + 1.5, sy + 1), fill=(250, 240, 210))
    return image


def hotpot(rng: random.Random, size: tuple[int, int]) -> Image.Image:  # noqa: PLR0912, PLR0915 - a painting is a long list of shapes
    width, height = size
    image = texture(rng, size, jitter(rng, (46, 40, 38)), 8)
    cx, cy = width * 0.5, height * rng.uniform(0.42, 0.5)
    r = width * 0.4
    shadows = Shadows(size, (10, 16), 14, 0.6)
    plates = []
    for k in range(7):
        a = k / 7 * 6.28 + rng.uniform(-0.2, 0.2)
        pr = width * rng.uniform(0.12, 0.16)
        px, py = cx + math.cos(a) * (r + pr * 1.1), cy + math.sin(a) * (r + pr * 1.1) * 1.25
        plates.append((px, py, pr))
        shadows.ellipse((px - pr, py - pr, px + pr, py + pr))
    shadows.ellipse((cx - r, cy - r, cx + r, cy + r))
    shadows.cast(image, (0, 0, 0))
    draw = ImageDraw.Draw(image, "RGBA")
    for px, py, pr in plates:
        draw.ellipse((px - pr, py - pr, px + pr, py + pr), fill=pick(rng, [(240, 238, 232), (220, 226, 232)]))
        food = rng.choice(["beef", "greens", "tofu", "shrimp", "mushroom", "beef"])
        fr = pr * 0.7
        if food == "beef":
            for k in range(6):
                a = k / 6 * 6.28
                fx, fy = px + math.cos(a) * fr * 0.35, py + math.sin(a) * fr * 0.35
                draw.ellipse(
                    (fx - fr * 0.5, fy - fr * 0.35, fx + fr * 0.5, fy + fr * 0.35),
                    fill=jitter(rng, (190, 60, 70)),
                )
                draw.line((fx - fr * 0.3, fy, fx + fr * 0.3, fy + 3), fill=(250, 220, 220, 200), width=2)
        elif food == "greens":
            for _ in range(8):
                draw.polygon(
                    leaf(px, py, fr, fr * 0.5, rng.uniform(0, 6.28)), fill=jitter(rng, (70, 150, 70), 20)
                )
        elif food == "tofu":
            for _ in range(6):
                fx, fy = px + rng.uniform(-fr, fr) * 0.6, py + rng.uniform(-fr, fr) * 0.6
                draw.rectangle(
                    (fx - 12, fy - 12, fx + 12, fy + 12), fill=(246, 236, 200), outline=(220, 200, 150)
                )
        elif food == "shrimp":
            for _ in range(5):
                fx, fy = px + rng.uniform(-fr, fr) * 0.5, py + rng.uniform(-fr, fr) * 0.5
                draw.arc(
                    (fx - 14, fy - 14, fx + 14, fy + 14),
                    rng.uniform(0, 360),
                    rng.uniform(0, 360),
                    fill=(240, 120, 80),
                    width=8,
                )
        else:
            for _ in range(40):
                fx = px + rng.uniform(-fr, fr) * 0.7
                draw.line(
                    (fx, py - fr * 0.6, fx + rng.uniform(-6, 6), py + fr * 0.6), fill=(245, 240, 225), width=2
                )
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(150, 152, 158))
    draw.ellipse((cx - r * 0.97, cy - r * 0.97, cx + r * 0.97, cy + r * 0.97), fill=(196, 198, 204))
    round_shading(image, (cx - r, cy - r, cx + r, cy + r), 0.6)
    draw = ImageDraw.Draw(image, "RGBA")
    inner = r * 0.9
    red, pale = (180, 36, 20), (232, 214, 170)
    box = (cx - inner, cy - inner, cx + inner, cy + inner)
    draw.ellipse(box, fill=red)
    draw.pieslice(box, 90, 270, fill=pale)
    half = inner / 2
    draw.ellipse((cx - half, cy - inner, cx + half, cy), fill=red)
    draw.ellipse((cx - half, cy, cx + half, cy + inner), fill=pale)
    draw.arc((cx - half, cy - inner, cx + half, cy), 90, 270, fill=(200, 200, 205), width=6)
    draw.arc((cx - half, cy, cx + half, cy + inner), 270, 450, fill=(200, 200, 205), width=6)
    for _ in range(160):
        a, d = rng.uniform(0, 6.28), rng.uniform(0, inner * 0.95)
        x, y = cx + math.cos(a) * d, cy + math.sin(a) * d
        spicy = image.getpixel((int(x), int(y)))[1] < 100  # type: ignore[index]
        if spicy:
            kind = rng.random()
            if kind < 0.3:
                draw.polygon(leaf(x, y, 26, 9, rng.uniform(0, 6.28)), fill=(150, 10, 10))
            elif kind < 0.6:
                draw.ellipse((x - 3, y - 3, x + 3, y + 3), fill=(70, 20, 10))
            else:
                draw.ellipse((x - 6, y - 4, x + 6, y + 4), fill=(230, 110, 40, 140))
        else:
            kind = rng.random()
            if kind < 0.2:
                draw.ellipse((x - 4, y - 4, x + 4, y + 4), fill=(200, 50, 40))  # goji
            elif kind < 0.5:
                draw.ellipse((x - 5, y - 5, x + 5, y + 5), outline=(255, 255, 240, 160), width=1)
            elif kind < 0.6:
                draw.ellipse((x - 10, y - 7, x + 10, y + 7), fill=(180, 140, 100))  # mushroom
    inner_shadow(image, (cx, cy), inner, inner * 0.1, 0.5)
    return image


def latte(rng: random.Random, size: tuple[int, int]) -> Image.Image:  # noqa: PLR0912, PLR0915 - a painting is a long list of shapes
    width, height = size
    image = table(rng, size)
    cx, cy = width * rng.uniform(0.4, 0.6), height * rng.uniform(0.4, 0.55)
    saucer = width * 0.38
    cup = width * 0.26
    shadows = Shadows(size, (14, 20), 16, 0.5)
    shadows.ellipse((cx - saucer, cy - saucer, cx + saucer, cy + saucer))
    extra = rng.choice(["croissant", "book", "none", "phone"])
    ex, ey = width * rng.choice([0.2, 0.8]), height * rng.choice([0.12, 0.88])
    if extra == "book":
        shadows.rect((ex - 150, ey - 110, ex + 150, ey + 110), 4)
    elif extra == "phone":
        shadows.rect((ex - 55, ey - 110, ex + 55, ey + 110), 14)
    elif extra == "croissant":
        shadows.ellipse((ex - 120, ey - 60, ex + 120, ey + 60))
    shadows.cast(image)
    draw = ImageDraw.Draw(image, "RGBA")
    if extra == "book":
        cover = pick(rng, [(180, 60, 50), (40, 70, 110), (220, 200, 160), (60, 110, 90)])
        draw.rectangle((ex - 150, ey - 110, ex + 150, ey + 110), fill=(246, 242, 232))
        draw.rectangle((ex - 150, ey - 110, ex + 150, ey + 110), outline=cover, width=8)
        for k in range(10):
            draw.line((ex - 130, ey - 80 + k * 16, ex - 10, ey - 80 + k * 16), fill=(150, 150, 150), width=2)
            draw.line((ex + 10, ey - 80 + k * 16, ex + 130, ey - 80 + k * 16), fill=(150, 150, 150), width=2)
    elif extra == "phone":
        draw.rounded_rectangle((ex - 55, ey - 110, ex + 55, ey + 110), 14, fill=(24, 24, 28))
        draw.rounded_rectangle(
            (ex - 49, ey - 104, ex + 49, ey + 104), 10, fill=pick(rng, [(250, 90, 90), (90, 140, 230)])
        )
    elif extra == "croissant":
        for k in range(7):
            t = k / 6
            px = ex - 110 + t * 220
            py = ey + 30 * math.sin(t * math.pi) * -1
            s = 24 + 34 * math.sin(t * math.pi)
            draw.ellipse(
                (px - s, py - s * 0.8, px + s, py + s * 0.8),
                fill=mix((196, 120, 40), (236, 180, 90), math.sin(t * math.pi)),
            )
            draw.arc((px - s, py - s * 0.8, px + s, py + s * 0.8), 200, 340, fill=(250, 210, 140), width=3)
    ceramic = pick(rng, [(248, 246, 240), (236, 228, 214), (40, 42, 46), (214, 228, 222)])
    draw.ellipse((cx - saucer, cy - saucer, cx + saucer, cy + saucer), fill=shade(ceramic, 0.96))
    draw.ellipse(
        (cx - saucer * 0.8, cy - saucer * 0.8, cx + saucer * 0.8, cy + saucer * 0.8),
        outline=shade(ceramic, 0.88),
        width=3,
    )
    handle = rng.uniform(-0.6, 0.6)
    hx, hy = cx + math.cos(handle) * cup * 1.15, cy + math.sin(handle) * cup * 1.15
    draw.polygon(rotated_rect(hx, hy, cup * 0.45, cup * 0.22, handle), fill=ceramic)
    spoon = handle + rng.uniform(1.8, 2.6)
    sx, sy = cx + math.cos(spoon) * saucer * 0.78, cy + math.sin(spoon) * saucer * 0.78
    draw.polygon(rotated_rect(sx, sy, saucer * 0.5, 8, spoon + math.pi / 2), fill=(190, 192, 198))
    round_shading(image, (cx - saucer, cy - saucer, cx + saucer, cy + saucer), 0.3)
    draw = ImageDraw.Draw(image, "RGBA")
    draw.ellipse((cx - cup, cy - cup, cx + cup, cy + cup), fill=ceramic)
    round_shading(image, (cx - cup, cy - cup, cx + cup, cy + cup), 0.5)
    coffee = cup * 0.86
    brew = Image.new("RGB", (int(coffee * 2), int(coffee * 2)), (98, 56, 30))
    brew.paste((196, 136, 84), (0, 0), radial(brew.width, 0.35).point(lambda v: 255 - v))
    art = ImageDraw.Draw(brew)
    c = coffee
    milk = (246, 232, 210)
    style = rng.choice(["heart", "rosetta", "tulip"])
    if style == "heart":
        art.ellipse((c * 0.45, c * 0.5, c * 1.05, c * 1.1), fill=milk)
        art.ellipse((c * 0.95, c * 0.5, c * 1.55, c * 1.1), fill=milk)
        art.polygon([(c * 0.47, c * 0.9), (c * 1.53, c * 0.9), (c, c * 1.55)], fill=milk)
    elif style == "rosetta":
        for k in range(8):
            w = c * (0.55 - k * 0.055)
            y = c * (1.45 - k * 0.12)
            art.arc(
                (c - w, y - w * 0.45, c + w, y + w * 0.45), 180, 360, fill=milk, width=max(3, int(c * 0.05))
            )
        art.line((c, c * 0.45, c, c * 1.6), fill=milk, width=3)
    else:
        for k in range(3):
            s = c * (0.42 - k * 0.1)
            y = c * (1.25 - k * 0.32)
            art.ellipse((c - s, y - s * 0.7, c + s, y + s * 0.7), fill=milk)
        art.line((c, c * 0.4, c, c * 1.55), fill=(150, 96, 56), width=3)
    brew = brew.rotate(rng.uniform(-40, 40), resample=Image.Resampling.BILINEAR, fillcolor=(98, 56, 30))
    brew = brew.filter(ImageFilter.GaussianBlur(1.6))
    disc = Image.new("L", brew.size, 0)
    ImageDraw.Draw(disc).ellipse((0, 0, brew.width - 1, brew.height - 1), fill=255)
    image.paste(brew, (int(cx - coffee), int(cy - coffee)), disc)
    inner_shadow(image, (cx, cy), coffee, coffee * 0.1, 0.4)
    draw = ImageDraw.Draw(image, "RGBA")
    draw.arc((cx - cup, cy - cup, cx + cup, cy + cup), 200, 300, fill=(255, 255, 255, 150), width=3)
    return image


def fruit_bowl(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    width, height = size
    image = table(rng, size)
    cx, cy = width * 0.5, height * rng.uniform(0.42, 0.52)
    r = width * 0.42
    shadows = Shadows(size, (12, 18), 16, 0.5)
    shadows.ellipse((cx - r, cy - r, cx + r, cy + r))
    shadows.cast(image)
    draw = ImageDraw.Draw(image, "RGBA")
    draw.ellipse(
        (cx - r, cy - r, cx + r, cy + r), fill=pick(rng, [(246, 244, 238), (170, 200, 220), (230, 200, 160)])
    )
    round_shading(image, (cx - r, cy - r, cx + r, cy + r), 0.45)
    draw = ImageDraw.Draw(image, "RGBA")
    inner = r * 0.86
    base = pick(rng, [(120, 50, 110), (230, 140, 160), (250, 220, 150), (140, 190, 120)])
    draw.ellipse((cx - inner, cy - inner, cx + inner, cy + inner), fill=base)
    rows = rng.sample(["banana", "strawberry", "blueberry", "kiwi", "granola", "coconut", "mango"], 5)
    for k, fruit in enumerate(rows):
        band_y = cy - inner + (k + 0.5) * inner * 2 / 5
        half = math.sqrt(max(inner**2 - (band_y - cy) ** 2, 1)) * 0.85
        x = cx - half
        while x < cx + half:
            y = band_y + rng.uniform(-8, 8)
            if fruit == "banana":
                draw.ellipse(
                    (x - 18, y - 18, x + 18, y + 18), fill=(250, 236, 180), outline=(230, 210, 150), width=2
                )
                draw.ellipse((x - 4, y - 4, x + 4, y + 4), fill=(220, 200, 140))
                x += 30
            elif fruit == "strawberry":
                draw.ellipse((x - 20, y - 16, x + 20, y + 16), fill=jitter(rng, (220, 40, 50)))
                draw.ellipse((x - 12, y - 9, x + 12, y + 9), fill=(250, 170, 170))
                x += 34
            elif fruit == "blueberry":
                draw.ellipse((x - 10, y - 10, x + 10, y + 10), fill=jitter(rng, (50, 50, 110)))
                draw.ellipse((x - 5, y - 6, x - 1, y - 2), fill=(140, 140, 200))
                x += 16
            elif fruit == "kiwi":
                draw.ellipse((x - 24, y - 24, x + 24, y + 24), fill=(130, 180, 50))
                draw.ellipse((x - 8, y - 8, x + 8, y + 8), fill=(240, 240, 200))
                for s in range(10):
                    a = s / 10 * 6.28
                    draw.ellipse(
                        (
                            x + math.cos(a) * 13 - 2,
                            y + math.sin(a) * 13 - 2,
                            x + math.cos(a) * 13 + 2,
                            y + math.sin(a) * 13 + 2,
                        ),
                        fill=(30, 30, 20),
                    )
                x += 42
            elif fruit == "mango":
                draw.rounded_rectangle((x - 14, y - 14, x + 14, y + 14), 5, fill=jitter(rng, (250, 170, 40)))
                x += 26
            elif fruit == "granola":
                for _ in range(4):
                    gx, gy = x + rng.uniform(-10, 10), y + rng.uniform(-18, 18)
                    draw.ellipse((gx - 6, gy - 5, gx + 6, gy + 5), fill=jitter(rng, (170, 110, 50), 25))
                x += 12
            else:
                for _ in range(3):
                    gx, gy = x + rng.uniform(-10, 10), y + rng.uniform(-18, 18)
                    draw.polygon(leaf(gx, gy, 16, 6, rng.uniform(0, 6.28)), fill=(252, 250, 244))
                x += 12
    inner_shadow(image, (cx, cy), inner, inner * 0.1, 0.35)
    return image

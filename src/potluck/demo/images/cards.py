"""Text covers (a big title on a coloured card, the most common Xiaohongshu cover) and the
fonts to draw them with. Drawn at full size so the letters stay sharp.
"""

from __future__ import annotations

import functools
import math
import random
import shutil
import subprocess
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from potluck.demo.images.canvas import shade, texture


@functools.cache
def _cjk_font_path() -> str | None:
    """A CJK font on this system (Noto Sans CJK, WenQuanYi, Source Han), or None."""
    if shutil.which("fc-list"):
        try:
            found = subprocess.run(
                ["fc-list", ":lang=zh", "file", "style"],  # noqa: S607
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            ).stdout.splitlines()
        except (OSError, subprocess.SubprocessError):
            found = []
        files = sorted({line.split(":")[0].strip() for line in found if line.strip()})
        bold = [f for f in files if "Bold" in f and "Serif" not in f and "Mono" not in f]
        sans = [f for f in files if "Serif" not in f and "Mono" not in f]
        for choice in (bold, sans, files):
            if choice:
                return choice[0]
    for pattern in ("**/NotoSansCJK*Bold*", "**/NotoSansCJK*", "**/wqy*", "**/SourceHanSans*"):
        for root in (
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts"),
        ):
            if root.is_dir():
                for match in sorted(root.glob(pattern)):
                    return str(match)
    return None


# Index of each language's face in a Noto Sans CJK collection (JP, KR, SC, TC, HK).
_CJK_INDEX = {"ja": 0, "ko": 1, "zh": 2}

FontType = ImageFont.FreeTypeFont | ImageFont.ImageFont


@functools.cache
def font_for(language: str, size: int) -> FontType:
    if language in _CJK_INDEX and (path := _cjk_font_path()):
        index = _CJK_INDEX[language] if path.endswith(".ttc") and "CJK" in path else 0
        try:
            return ImageFont.truetype(path, size, index=index)
        except OSError:
            pass
    return latin_font(size)


@functools.cache
def latin_font(size: int) -> FontType:
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ):
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def can_draw(text: str, language: str) -> bool:
    """Whether a card in ``language`` can show ``text`` here (CJK needs a CJK font)."""
    needs_cjk = language in _CJK_INDEX or any(unicodedata.east_asian_width(c) in "WF" for c in drawable(text))
    return not needs_cjk or _cjk_font_path() is not None


def drawable(text: str) -> str:
    """The text without emoji and pictographs, which the fonts here cannot draw (nor the
    invisible joiners and variation selectors that go with them)."""
    kept = "".join(
        c
        for c in text
        if (ord(c) < 0x2600 or 0x3000 <= ord(c) < 0xFFF0)
        and not 0xFE00 <= ord(c) <= 0xFE0F
        and unicodedata.category(c) != "Cf"
    )
    return " ".join(kept.split())


def _wrap(text: str, font: FontType, max_width: float) -> list[str]:
    """Lines of at most ``max_width`` pixels: by word for spaced scripts; by character,
    evened out so no line is left with one character, for Chinese and Japanese."""
    draw = ImageDraw.Draw(Image.new("L", (1, 1)))
    if " " not in text:
        per_line = max(1, int(max_width // max(draw.textlength(text[:1], font=font), 1)))
        count = -(-len(text) // per_line)
        even = -(-len(text) // count)
        return [text[i : i + even] for i in range(0, len(text), even)]
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and draw.textlength(candidate, font=font) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


CARD_STYLES = [
    ((255, 236, 92), (30, 30, 30), (255, 90, 90)),
    ((255, 214, 222), (60, 30, 40), (255, 255, 255)),
    ((214, 236, 255), (20, 40, 80), (255, 220, 90)),
    ((232, 246, 222), (30, 60, 40), (255, 160, 120)),
    ((40, 40, 44), (255, 255, 255), (255, 80, 100)),
    ((255, 92, 92), (255, 255, 255), (255, 230, 100)),
    ((246, 240, 230), (40, 34, 30), (255, 200, 90)),
]


def card(
    rng: random.Random, size: tuple[int, int], *, title: str, subtitle: str, language: str
) -> Image.Image:
    """A Xiaohongshu text cover: a big title on a coloured card, marker under the words."""
    width, height = size
    background, ink, accent = rng.choice(CARD_STYLES)
    image = texture(rng, size, background, 4, blur=0)
    draw = ImageDraw.Draw(image, "RGBA")
    grid = rng.random() < 0.5
    if grid:  # squared notebook paper
        for k in range(0, max(width, height), 54):
            draw.line((k, 0, k, height), fill=(*shade(background, 0.9), 120), width=2)
            draw.line((0, k, width, k), fill=(*shade(background, 0.9), 120), width=2)
    title = drawable(title) or "Potluck"
    cjk = any(unicodedata.east_asian_width(c) in "WF" for c in title)
    size_px = int(width / (6.2 if cjk else 7.5))
    font = font_for(language, size_px)
    lines = _wrap(title, font, width * 0.8)
    while len(lines) > 4 and size_px > 40:
        size_px = int(size_px * 0.85)
        font = font_for(language, size_px)
        lines = _wrap(title, font, width * 0.8)
    line_height = size_px * 1.35
    top = height * 0.42 - len(lines) * line_height / 2
    for k, line in enumerate(lines):
        y = top + k * line_height
        length = draw.textlength(line, font=font)
        x = (width - length) / 2
        if k % 2 == (0 if rng.random() < 0.5 else 1):
            draw.rounded_rectangle(
                (x - 10, y + size_px * 0.55, x + length + 10, y + size_px * 1.15), 8, fill=(*accent, 170)
            )
        draw.text((x, y), line, font=font, fill=ink)
    small = font_for(language, int(width / 22))
    if subtitle := drawable(subtitle):
        sub_width = draw.textlength(subtitle, font=small)
        pill = (
            width / 2 - sub_width / 2 - 30,
            height * 0.78,
            width / 2 + sub_width / 2 + 30,
            height * 0.78 + width / 22 + 36,
        )
        draw.rounded_rectangle(pill, 40, fill=ink)
        draw.text((width / 2, (pill[1] + pill[3]) / 2), subtitle, font=small, fill=background, anchor="mm")
    for _ in range(rng.randint(2, 5)):  # stickers: stars and dots
        sx, sy, r = (
            rng.uniform(0.08, 0.92) * width,
            rng.choice([rng.uniform(0.05, 0.2), rng.uniform(0.66, 0.74)]) * height,
            rng.uniform(14, 34),
        )
        if rng.random() < 0.5:
            star = [
                (
                    sx + math.cos(a) * (r if k % 2 == 0 else r * 0.45),
                    sy + math.sin(a) * (r if k % 2 == 0 else r * 0.45),
                )
                for k, a in enumerate(-math.pi / 2 + i * math.pi / 5 for i in range(10))
            ]
            draw.polygon(star, fill=accent)
        else:
            draw.ellipse((sx - r / 2, sy - r / 2, sx + r / 2, sy + r / 2), fill=(*accent, 200))
    return image

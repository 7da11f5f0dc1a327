"""Media response bodies."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from potluck.kit.schemas import Id, Schema


class VariantOut(Schema):
    url: str
    width: int
    height: int
    type: str


class MediaFailure(Schema):
    reason: str
    message: str


class MediaOut(Schema):
    """An upload and, once ready, its files. ``variants`` has ``grid`` (about 540 px wide)
    and ``detail`` (about 1440 px) WebP pictures; videos add ``video`` (H.264/AAC MP4) and
    their poster frame as ``grid``/``detail``."""

    id: Id
    kind: Literal["image", "video"]
    status: Literal["processing", "ready", "failed"]
    failure: MediaFailure | None = None
    width: int | None = None
    height: int | None = None
    duration_ms: int | None = None
    blurhash: str | None = None
    dominant_color: str | None = None
    variants: dict[str, VariantOut] = Field(default_factory=dict)
    created_at: datetime

"""What the translation API answers."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from potluck.kit.schemas import Id


class TranslationOut(BaseModel):
    """``done``: the translation, with the engine that made it; ``pending``: being made,
    ask again after ``retry_after_ms`` (the HTTP status is 202 then)."""

    status: Literal["done", "pending"]
    source: str = Field(description="BCP-47 code of the original's language")
    target: str
    engine: str | None = Field(None, description="local, libretranslate, deepl, or human (the demo's)")
    engine_label: str | None = Field(None, description="The engine's name as readers are told it")
    retry_after_ms: int | None = None


class NoteTranslationOut(TranslationOut):
    note_id: Id
    title: str | None = None
    body: str | None = None


class CommentTranslationOut(TranslationOut):
    comment_id: Id
    body: str | None = None


class BatchError(BaseModel):
    code: str
    reason: str | None
    message: str


class CommentBatchItem(BaseModel):
    comment_id: Id
    status: Literal["done", "pending", "error"]
    source: str | None = None
    target: str | None = None
    engine: str | None = None
    engine_label: str | None = None
    body: str | None = None
    error: BatchError | None = None


class CommentBatchOut(BaseModel):
    """One item per comment asked for that the reader may see (others are left out)."""

    items: list[CommentBatchItem]
    retry_after_ms: int | None = Field(None, description="Set when any item is pending")

"""Pydantic building blocks shared by every domain's schemas."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema


def _parse_id(value: object) -> int:
    if isinstance(value, bool):
        raise ValueError("an id is a string of digits")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit() and len(value) <= 19:
        return int(value)
    raise ValueError("an id is a string of digits")


# IDs are 64-bit integers in the database and strings in JSON (JavaScript numbers lose
# precision above 2**53).
Id = Annotated[
    int,
    BeforeValidator(_parse_id),
    PlainSerializer(str, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "pattern": "^[0-9]{1,19}$", "examples": ["7301234567890123456"]}),
]


class Schema(BaseModel):
    model_config = ConfigDict(from_attributes=True, extra="forbid")


class FieldError(Schema):
    field: str | None = None
    reason: str | None = None
    message: str


class ErrorBody(Schema):
    code: str
    message: str
    field: str | None = None
    reason: str | None = None
    errors: list[FieldError] | None = None


class ErrorResponse(Schema):
    error: ErrorBody

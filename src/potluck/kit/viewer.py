"""Who is looking: what permission checks need to know about the person asking."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Viewer:
    """The person making a request, or an anonymous visitor (``id`` None)."""

    id: int | None = None
    is_admin: bool = False

    @property
    def is_anonymous(self) -> bool:
        return self.id is None

    def is_user(self, user_id: int) -> bool:
        return self.id is not None and self.id == user_id


ANONYMOUS = Viewer()

"""Change marks: when something a personal kept copy depends on last changed.

A shared copy (a note for logged-out visitors) is forgotten by its key when the note
changes. A personal copy, such as one person's first page of Following or who their
session cookie belongs to, cannot be: a note appears on the pages of thousands of people
and nobody keeps a list of them. Instead such a copy records whose notes it shows
(``author:7``), whose it is (``reader:9``) or whose credential it holds
(``credentials:9``), and when it was made. A change marks what changed with the time of
the change, once its transaction commits, and a copy is used only while none of its
subjects was marked since the copy was made.

Marks are broadcast, not stored: every process keeps a table of the marks of the last
:data:`MARK_SECONDS` in memory, fed by the ``marks`` channel of the pub/sub component
(in-process in embedded mode, Redis in distributed mode), so checking a copy costs no
round trip. A process marks its own table at once and tells the others; they hear it
within the time a Redis message takes (well under the time a person needs for their next
request). A process that is not listening (starting, or its Redis connection lost)
cannot know what it missed: it trusts no copy made before it last started listening.

Marks are kept longer than any copy that uses them (:data:`MAX_VIEW_SECONDS`), so a mark
is never forgotten while a copy it spoils is still in use. Times are wall-clock seconds,
which all processes share.

What marks what:

- ``author:<id>``: one of the person's notes was edited, deleted or its visibility
  changed; what cards show of the person changed (name, avatar, suspension); or they
  posted while being an account whose notes are merged in when read rather than pushed;
- ``reader:<id>``: what the person sees changed by their own doing (they liked or
  unliked a note, followed, unfollowed, muted or blocked someone, changed their
  interests or feed settings, followed a topic), or someone blocked them;
- ``credentials:<id>``: a session or token of theirs ended, or what requests carry of
  them changed (:mod:`potluck.accounts.credential_cache`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from potluck.db.session import after_commit
from potluck.kit.ids import new_id
from potluck.realtime.interface import Event, PubSub

logger = logging.getLogger(__name__)

MARKS_KEY = "potluck.marks"
CHANNEL = "marks"
MAX_VIEW_SECONDS = 60.0
MARK_SECONDS = MAX_VIEW_SECONDS + 30.0
RETRY_SECONDS = 1.0


def author(user_id: int) -> str:
    return f"author:{user_id}"


def reader(user_id: int) -> str:
    return f"reader:{user_id}"


def credentials(user_id: int) -> str:
    return f"credentials:{user_id}"


class Marks:
    """This process's table of recent marks, and its link to every other process's."""

    def __init__(self, pubsub: PubSub, *, clock: Callable[[], float] = time.time) -> None:
        self.pubsub = pubsub
        self._clock = clock
        self._latest: dict[str, float] = {}
        self._order: deque[tuple[float, str]] = deque()
        # Copies made before this time are not trusted; None while not listening.
        self._trusted_since: float | None = None
        self._listening = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    # --- checking ----------------------------------------------------------------------

    def changed_since(self, subjects: Iterable[str], since: float) -> bool:
        """Whether a copy made at ``since`` that depends on ``subjects`` may be stale."""
        if self._trusted_since is None or since < self._trusted_since:
            return True
        latest = self._latest
        return any(latest.get(subject, 0.0) >= since for subject in subjects)

    # --- marking -----------------------------------------------------------------------

    async def mark(self, subjects: Iterable[str]) -> None:
        """Mark ``subjects`` changed now, here and in every other process."""
        wanted = list(dict.fromkeys(subjects))
        if not wanted:
            return
        at = self._clock()
        self._apply(wanted, at)
        event = Event(id=str(new_id()), type="marks", data={"subjects": wanted, "at": at})
        try:
            await self.pubsub.publish(CHANNEL, event)
        except Exception:
            logger.exception("marks could not be sent: other processes may use stale copies")

    def _apply(self, subjects: Iterable[str], at: float) -> None:
        for subject in subjects:
            if at > self._latest.get(subject, 0.0):
                self._latest[subject] = at
            self._order.append((at, subject))
        horizon = self._clock() - MARK_SECONDS
        while self._order and self._order[0][0] < horizon:
            old, subject = self._order.popleft()
            if self._latest.get(subject, 0.0) <= old:
                del self._latest[subject]

    # --- listening ---------------------------------------------------------------------

    async def start(self, *, wait: float = 5.0) -> None:
        """Listen to the other processes' marks (waiting up to ``wait`` seconds for it)."""
        if self._task is None:
            self._task = asyncio.create_task(self._listen(), name="marks-listener")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._listening.wait(), wait)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._trusted_since = None
        self._listening.clear()

    async def _listen(self) -> None:
        while True:
            try:
                async with self.pubsub.subscribe(CHANNEL) as events:
                    self._trusted_since = self._clock()
                    self._listening.set()
                    async for event in events:
                        data: Mapping[str, Any] = event["data"]
                        self._apply([str(subject) for subject in data["subjects"]], float(data["at"]))
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("marks: not listening, kept copies are not used meanwhile", exc_info=True)
            self._trusted_since = None
            self._listening.clear()
            await asyncio.sleep(RETRY_SECONDS)


def marks_of(info: Mapping[str, Any]) -> Marks:
    """The process's marks from a session's ``info`` or a job's ``resources``."""
    found = info.get(MARKS_KEY)
    if found is None:
        raise RuntimeError("no marks here: was this session or job made by a Runtime?")
    return found  # type: ignore[no-any-return]


def mark_on_commit(session: AsyncSession, *subjects: str) -> None:
    """Mark ``subjects`` changed once ``session`` commits (nothing if it rolls back)."""
    board = marks_of(session.info)

    async def send() -> None:
        await board.mark(subjects)

    after_commit(session, send)

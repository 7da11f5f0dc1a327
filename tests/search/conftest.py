"""People the search tests share (alice is the test's ``client``, as in the notes tests)
and an onlooker who is not logged in."""

from __future__ import annotations

from tests.notes.conftest import alice, bob, carol
from tests.topics.conftest import onlooker

__all__ = ["alice", "bob", "carol", "onlooker"]

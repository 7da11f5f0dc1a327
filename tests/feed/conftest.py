"""People the feed tests share: alice (the test's ``client``) reads her Following feed;
bob and carol post."""

from tests.notes.conftest import alice, bob, carol

__all__ = ["alice", "bob", "carol"]

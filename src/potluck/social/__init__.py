"""The social graph: follows, follow requests for private accounts, blocks and mutes."""

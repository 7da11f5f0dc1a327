"""Feeds: the Following timeline (this package), built on notes and the social graph."""

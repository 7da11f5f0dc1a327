"""Photos and videos: sniffed by content, refused early, re-encoded without metadata.

``sniff``, ``images`` and ``video`` are pure functions over files (no database, no web);
the service and the ``media.process`` job build on them.
"""

"""The demo: a lively site on a fresh install, made through the services.

Thirty-odd people writing in Chinese, English, Spanish, Japanese, Korean, French and
Portuguese (:mod:`.content`) post two hundred notes across every category, with painted
photos (:mod:`.images`), and like, collect, comment on and reply to each other's notes.
:mod:`.plan` decides all of it before the database is touched; :mod:`.loader` carries it
out through the same use cases as the API (counters, topics, mentions and all), with the
rate limits lifted for this process only. ``potluck demo`` (:mod:`potluck.cli.demo`) runs
it.

Deterministic (seeded): the same people, notes, comments and pictures on every machine
that has the same fonts. Idempotent: a person who already has notes gets no new ones, and
a second run with everything in place only looks and returns.
"""

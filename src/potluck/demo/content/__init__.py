"""What the demo's people say: who they are, their notes, comments and boards.

Plain data in the authors' own languages (:mod:`.people`, :mod:`.notes_zh`,
:mod:`.notes_en`, :mod:`.notes_other`, :mod:`.comments`), gathered here by language. Notes
are written as a title and an opening line; :mod:`potluck.demo.plan` adds a detail or two
from the category, a question to readers, topics and now and then a mention, so two
hundred notes read like two hundred people rather than one template.
"""

from __future__ import annotations

from potluck.demo.content import notes_en, notes_other, notes_zh
from potluck.demo.content.comments import ANSWERS, CHIME_INS, COMMENTS, INFO_ANSWERS, PINNED, THANKS
from potluck.demo.content.people import BOARDS, DEMO_PASSWORD, USERS, DemoUser

__all__ = [
    "ANSWERS",
    "BOARDS",
    "CARD_LABELS",
    "CATEGORIES",
    "CHIME_INS",
    "COMMENTS",
    "DEMO_PASSWORD",
    "DETAILS",
    "GUIDE_LABELS",
    "INFO_ANSWERS",
    "MENTIONS",
    "NOTES",
    "PINNED",
    "QUESTIONS",
    "SCENES",
    "THANKS",
    "TOPICS",
    "USERS",
    "DemoUser",
]

CATEGORIES = ("food", "travel", "beauty", "fashion", "home", "fitness", "pets", "parenting", "study", "other")

# The scenes of :mod:`potluck.demo.images` that suit each category.
SCENES = {
    "food": ("noodles", "hotpot", "latte", "fruit_bowl"),
    "travel": ("mountains", "seaside", "city_dusk", "picnic"),
    "beauty": ("beauty", "flowers"),
    "fashion": ("outfit", "city_dusk"),
    "home": ("balcony", "cozy_room", "flowers", "bookshelf"),
    "fitness": ("gym", "yoga", "seaside", "mountains"),
    "pets": ("cat_window", "cat_nap"),
    "parenting": ("toys", "picnic", "fruit_bowl", "bookshelf"),
    "study": ("desk", "bookshelf", "latte"),
    "other": ("bokeh_night", "city_dusk", "flowers", "mountains"),
}

# Each by language, in this order (the plan draws from them in turn, so the order is part of
# the seed).
NOTES = {"zh": notes_zh.NOTES, "en": notes_en.NOTES, **notes_other.NOTES}
DETAILS = {"zh": notes_zh.DETAILS, "en": notes_en.DETAILS, **notes_other.DETAILS}
QUESTIONS = {"zh": notes_zh.QUESTIONS, "en": notes_en.QUESTIONS, **notes_other.QUESTIONS}
MENTIONS = {"zh": notes_zh.MENTIONS, "en": notes_en.MENTIONS, **notes_other.MENTIONS}
TOPICS = {"zh": notes_zh.TOPICS, "en": notes_en.TOPICS, **notes_other.TOPICS}
CARD_LABELS = {"zh": notes_zh.CARD_LABELS, "en": notes_en.CARD_LABELS, **notes_other.CARD_LABELS}
GUIDE_LABELS = {"zh": notes_zh.GUIDE_LABELS, "en": notes_en.GUIDE_LABELS, **notes_other.GUIDE_LABELS}

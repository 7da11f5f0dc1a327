"""Imports every domain's models so ``Base.metadata`` is complete (Alembic, tests)."""

from potluck.accounts import models as accounts_models
from potluck.boards import models as boards_models
from potluck.comments import models as comments_models
from potluck.db.base import Base
from potluck.explore import models as explore_models
from potluck.jobs import models as jobs_models
from potluck.media import models as media_models
from potluck.notes import models as notes_models
from potluck.notifications import models as notifications_models
from potluck.search import models as search_models
from potluck.social import models as social_models
from potluck.topics import models as topics_models
from potluck.translation import models as translation_models

metadata = Base.metadata

__all__ = [
    "accounts_models",
    "boards_models",
    "comments_models",
    "explore_models",
    "jobs_models",
    "media_models",
    "metadata",
    "notes_models",
    "notifications_models",
    "search_models",
    "social_models",
    "topics_models",
    "translation_models",
]

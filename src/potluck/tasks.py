"""Imports every domain's ``tasks`` module so their jobs are registered in one place."""

from potluck.accounts import tasks as accounts_tasks
from potluck.explore import tasks as explore_tasks
from potluck.feed import tasks as feed_tasks
from potluck.media import tasks as media_tasks
from potluck.notes import tasks as notes_tasks
from potluck.search import tasks as search_tasks
from potluck.topics import tasks as topics_tasks
from potluck.translation import tasks as translation_tasks

__all__ = [
    "accounts_tasks",
    "explore_tasks",
    "feed_tasks",
    "media_tasks",
    "notes_tasks",
    "search_tasks",
    "topics_tasks",
    "translation_tasks",
]

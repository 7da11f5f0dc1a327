"""Imports every domain's ``tasks`` module so their jobs are registered in one place."""

from potluck.accounts import tasks as accounts_tasks

__all__ = ["accounts_tasks"]

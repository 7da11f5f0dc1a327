"""Imports every domain's models so ``Base.metadata`` is complete (Alembic, tests)."""

from potluck.accounts import models as accounts_models
from potluck.db.base import Base
from potluck.jobs import models as jobs_models

metadata = Base.metadata

__all__ = ["accounts_models", "jobs_models", "metadata"]

"""Alembic migrations, shipped inside the package so ``potluck db upgrade`` works anywhere."""

"""Potluck: a self-hostable lifestyle-notes community."""

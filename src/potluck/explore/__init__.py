"""Explore: the personalised feed, its signals, and newcomers ' onboarding."""

"""Notifications: likes, collects, comments, replies, mentions and follows, grouped."""

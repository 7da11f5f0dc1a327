"""Realtime events: one pub/sub interface (in-process and Redis) and the WebSocket stream."""

from potluck.realtime.interface import Event, PubSub, publish_on_commit, user_channel

__all__ = ["Event", "PubSub", "publish_on_commit", "user_channel"]

"""Short-lived shared copies of expensive reads: one interface, memory and Redis backends."""

from potluck.cache.interface import CACHE_KEY, Cache, CacheBackend, cache_of, forget_on_commit
from potluck.cache.memory import MemoryCache
from potluck.cache.redis import RedisCache
from potluck.cache.tiered import TieredCache

__all__ = [
    "CACHE_KEY",
    "Cache",
    "CacheBackend",
    "MemoryCache",
    "RedisCache",
    "TieredCache",
    "cache_of",
    "forget_on_commit",
]

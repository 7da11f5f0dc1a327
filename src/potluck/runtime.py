"""The long-lived components of one process, built from settings.

Embedded mode (no ``POTLUCK_REDIS_URL``): SQLite or PostgreSQL, a database-backed job
queue run inside the web process, in-process pub/sub. Distributed mode: the same code with
arq on Redis for jobs and Redis pub/sub for events, so any number of web and worker
processes can run side by side.
"""

from __future__ import annotations

import logging
from typing import Any

from redis.asyncio import Redis

from potluck import tasks as _tasks  # noqa: F401 - registers every domain's jobs
from potluck.accounts import passwords
from potluck.cache import CACHE_KEY, Cache, MemoryCache, RedisCache, TieredCache
from potluck.cache.marks import MARKS_KEY, Marks
from potluck.db.engine import Database, create_sessionmaker
from potluck.feed.timeline import TIMELINES_KEY, Timelines
from potluck.feed.timeline_query import QueryTimelines
from potluck.feed.timeline_redis import RedisTimelines
from potluck.jobs.embedded import EmbeddedJobQueue
from potluck.jobs.interface import JOB_QUEUE_KEY, JobQueue
from potluck.jobs.redis import RedisJobQueue
from potluck.kit.ids import MAX_NODE, configure_node
from potluck.kit.redis_pool import redis_client
from potluck.ratelimit import RATE_LIMITER_KEY, RateLimiter
from potluck.realtime.embedded import InProcessPubSub
from potluck.realtime.interface import PUBSUB_KEY, PubSub
from potluck.realtime.redis import RedisPubSub
from potluck.settings import SETTINGS_KEY, Mode, Settings
from potluck.storage import STORAGE_KEY, Storage, storage_from_settings
from potluck.translation.engines import TRANSLATOR_KEY, build_translator

logger = logging.getLogger(__name__)

NODE_COUNTER_KEY = "potluck:snowflake:node"


class Runtime:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.database = Database(settings.resolved_database_url)
        self.storage: Storage = storage_from_settings(settings)
        # Shared with every session (``session.info``) and every job (``ctx.resources``).
        self.resources: dict[str, Any] = {SETTINGS_KEY: settings, STORAGE_KEY: self.storage}
        self.redis: Redis | None = None
        self.jobs: JobQueue
        self.pubsub: PubSub
        self.rate_limiter: RateLimiter
        self.cache: Cache
        self.timelines: Timelines
        if settings.mode is Mode.DISTRIBUTED:
            self.redis = redis_client(settings.redis_url)
            self.timelines = RedisTimelines(self.redis, settings)
            self.jobs = RedisJobQueue(self.database, settings, resources=self.resources)
            self.pubsub = RedisPubSub(settings.redis_url)
            self.rate_limiter = RateLimiter.on_redis(settings.redis_url, settings.rate_limits)
            self.cache = Cache(TieredCache(RedisCache(self.redis), MemoryCache(settings.cache_memory_bytes)))
        else:
            self.jobs = EmbeddedJobQueue(self.database, settings, resources=self.resources)
            self.pubsub = InProcessPubSub()
            self.rate_limiter = RateLimiter.in_memory(settings.rate_limits)
            self.cache = Cache(MemoryCache(settings.cache_memory_bytes))
            self.timelines = QueryTimelines()
        self.marks = Marks(self.pubsub)
        self.resources[CACHE_KEY] = self.cache
        self.resources[MARKS_KEY] = self.marks
        self.resources[TIMELINES_KEY] = self.timelines
        self.translator = build_translator(settings)
        self.resources[TRANSLATOR_KEY] = self.translator
        self.database.sessionmaker = create_sessionmaker(self.database.engine, info=self.session_info())
        passwords.configure_pool(
            threads=settings.password_hash_threads or None, niceness=settings.password_hash_niceness
        )
        self.worker_running = False

    def session_info(self) -> dict[str, Any]:
        """What every session of this process carries: where to stage jobs and events, and
        the rate limiter its use cases count against."""
        return {
            JOB_QUEUE_KEY: self.jobs,
            PUBSUB_KEY: self.pubsub,
            RATE_LIMITER_KEY: self.rate_limiter,
            **self.resources,
        }

    async def start(self, *, run_worker: bool = False) -> None:
        if self.redis is not None:
            # Each live process needs its own Snowflake node number.
            node = int(await self.redis.incr(NODE_COUNTER_KEY)) & MAX_NODE
            configure_node(node)
        await self.pubsub.start()
        await self.marks.start()
        if run_worker:
            await self.jobs.start_worker()
            self.worker_running = True

    async def stop(self) -> None:
        await self.jobs.stop()
        await self.storage.close()
        await self.translator.close()
        await self.cache.close()
        await self.marks.stop()
        await self.pubsub.stop()
        if self.redis is not None:
            await self.redis.aclose()
        await self.database.dispose()

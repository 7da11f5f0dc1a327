"""Exit 0 when the PostgreSQL and Redis given as arguments answer, else 1 (used by `make`)."""

from __future__ import annotations

import asyncio
import sys

import asyncpg
import redis.asyncio as aioredis


async def _check(pg_url: str, redis_url: str) -> bool:
    try:
        connection = await asyncio.wait_for(asyncpg.connect(pg_url), 5)
        await connection.close()
        client = aioredis.Redis.from_url(redis_url)
        try:
            await asyncio.wait_for(client.ping(), 5)
        finally:
            await client.aclose()
    except Exception as error:
        print(f"unreachable: {error}", file=sys.stderr)
        return False
    return True


if __name__ == "__main__":
    sys.exit(0 if asyncio.run(_check(sys.argv[1], sys.argv[2])) else 1)

"""Operations: structured logs, request IDs, health checks and metrics."""

"""The registry of job functions and periodic schedules, filled by domain ``tasks.py``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

JobFunction = Callable[..., Awaitable[None]]


@dataclass(frozen=True)
class JobDefinition:
    name: str
    function: JobFunction
    timeout_seconds: float | None = None
    max_attempts: int | None = None


@dataclass(frozen=True)
class PeriodicDefinition:
    """Enqueue ``job_name`` once per ``every`` across the whole deployment."""

    job_name: str
    every: timedelta
    payload: dict[str, Any] = field(default_factory=dict)


class JobRegistry:
    def __init__(self) -> None:
        self.jobs: dict[str, JobDefinition] = {}
        self.periodic: dict[str, PeriodicDefinition] = {}

    def job(
        self, name: str, *, timeout_seconds: float | None = None, max_attempts: int | None = None
    ) -> Callable[[JobFunction], JobFunction]:
        """Register ``async def f(ctx: JobContext, **payload) -> None`` under ``name``."""

        def decorate(function: JobFunction) -> JobFunction:
            if name in self.jobs and self.jobs[name].function is not function:
                raise ValueError(f"job {name!r} is registered twice")
            self.jobs[name] = JobDefinition(name, function, timeout_seconds, max_attempts)
            return function

        return decorate

    def add_periodic(self, job_name: str, *, every: timedelta, **payload: Any) -> None:
        if every < timedelta(seconds=1):
            raise ValueError("periodic jobs run at most once a second")
        self.periodic[job_name] = PeriodicDefinition(job_name, every, payload)

    def get(self, name: str) -> JobDefinition:
        try:
            return self.jobs[name]
        except KeyError:
            raise LookupError(f"no job named {name!r}; is its tasks module imported?") from None


registry = JobRegistry()
job = registry.job
periodic = registry.add_periodic

__all__ = ["JobDefinition", "JobRegistry", "PeriodicDefinition", "job", "periodic", "registry"]

"""Background jobs: one interface, an embedded (database-backed) and a Redis (arq) queue.

Domains declare jobs in their ``tasks.py`` with :func:`job` and :func:`periodic`, and
enqueue them from services with :func:`enqueue_job`; jobs reach a worker only after the
enqueuing transaction commits.
"""

from potluck.jobs.interface import JobContext, JobQueue, JobRequest, enqueue_job
from potluck.jobs.registry import job, periodic, registry

__all__ = ["JobContext", "JobQueue", "JobRequest", "enqueue_job", "job", "periodic", "registry"]

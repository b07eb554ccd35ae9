"""An in-process asyncio job queue: priorities, a concurrency limit, retries with backoff, timeouts."""

from .job import Job, JobCancelled, JobStatus
from .queue import DEFAULT_BACKOFF, JobQueue, QueueClosed

__all__ = ["DEFAULT_BACKOFF", "Job", "JobCancelled", "JobQueue", "JobStatus", "QueueClosed"]

"""A small dispatch queue for work items such as call-outs or print jobs.

Priority 1 is the most urgent and 5 the least. Jobs of the same priority leave in the order they arrived. With
``age_after`` set, a job waiting that many seconds counts as one priority more urgent, then another for each further
``age_after`` seconds, but never more urgent than 1.
"""

import time
from dataclasses import dataclass, field
from itertools import count
from typing import Any, Callable

HIGHEST, LOWEST = 1, 5


class Empty(Exception):
    """pop() or peek() on a queue with no waiting jobs."""


class QueueFull(Exception):
    """push() on a queue that already holds max_size jobs."""


class DuplicateJob(ValueError):
    """push() with the id of a job that is still waiting."""


@dataclass
class Job:
    id: str
    priority: int
    enqueued_at: float
    payload: Any = None
    seq: int = field(default=0, repr=False)


class DispatchQueue:
    def __init__(self, max_size: int | None = None, age_after: float | None = None,
                 clock: Callable[[], float] = time.monotonic):
        if max_size is not None and max_size < 1:
            raise ValueError("max_size must be at least 1")
        if age_after is not None and age_after <= 0:
            raise ValueError("age_after must be positive")
        self.max_size = max_size
        self.age_after = age_after
        self._clock = clock
        self._jobs: dict[str, Job] = {}
        self._seq = count()

    def __len__(self) -> int:
        return len(self._jobs)

    def __contains__(self, job_id: object) -> bool:
        return job_id in self._jobs

    def push(self, job_id: str, priority: int = 3, payload: Any = None) -> Job:
        if not HIGHEST <= priority <= LOWEST:
            raise ValueError(f"priority must be between {HIGHEST} and {LOWEST}")
        if job_id in self._jobs:
            raise DuplicateJob(job_id)
        if self.max_size is not None and len(self._jobs) >= self.max_size:
            raise QueueFull(f"queue holds {self.max_size} jobs")
        job = Job(job_id, priority, self._clock(), payload, next(self._seq))
        self._jobs[job_id] = job
        return job

    def effective_priority(self, job: Job) -> int:
        if self.age_after is None:
            return job.priority
        steps = int((self._clock() - job.enqueued_at) // self.age_after)
        return max(HIGHEST, job.priority - steps)

    def _next(self) -> Job:
        if not self._jobs:
            raise Empty("no jobs waiting")
        return min(self._jobs.values(), key=lambda job: (self.effective_priority(job), job.seq))

    def peek(self) -> Job:
        return self._next()

    def pop(self) -> Job:
        job = self._next()
        del self._jobs[job.id]
        return job

    def cancel(self, job_id: str) -> bool:
        return self._jobs.pop(job_id, None) is not None

    def drain(self, limit: int | None = None) -> list[Job]:
        taken = []
        while self._jobs and (limit is None or len(taken) < limit):
            taken.append(self.pop())
        return taken

    def counts(self) -> dict[int, int]:
        """Waiting jobs per (declared) priority, every priority listed."""
        result = {p: 0 for p in range(HIGHEST, LOWEST + 1)}
        for job in self._jobs.values():
            result[job.priority] += 1
        return result

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from .job import Job, JobStatus

DEFAULT_BACKOFF: tuple[float, ...] = (1.0, 2.0, 4.0, 8.0)

Sleep = Callable[[float], Awaitable[Any]]


class QueueClosed(RuntimeError):
    """Raised by `submit()` after `close()`."""


class JobQueue:
    """Run async jobs, lowest `priority` number first (first in, first out within a priority), with at most
    `concurrency` of them running at once.

    A job that raises is retried up to its `retries` count; before retry n it waits `backoff[n - 1]` seconds
    (the last delay repeats once the schedule runs out) using the queue's `sleep`, which tests replace. A job with
    a `timeout` that runs longer fails with `TimeoutError` (and is retried like any other failure).
    """

    def __init__(
        self,
        concurrency: int = 1,
        *,
        retries: int = 0,
        backoff: Sequence[float] = DEFAULT_BACKOFF,
        timeout: float | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        if retries < 0:
            raise ValueError("retries must be zero or more")
        if not backoff or any(delay < 0 for delay in backoff):
            raise ValueError("backoff needs one or more non-negative delays")
        self.concurrency = concurrency
        self.default_retries = retries
        self.backoff = tuple(backoff)
        self.default_timeout = timeout
        self._sleep = sleep
        self._heap: list[tuple[int, int, Job]] = []
        self._order = itertools.count()
        self._jobs: list[Job] = []
        self._running = 0
        self._retried = 0
        self._closed = False

    # -- submitting -------------------------------------------------------------------------------------------

    def submit(
        self,
        fn: Callable[..., Awaitable[Any]],
        *args: Any,
        priority: int = 0,
        retries: int | None = None,
        timeout: float | None = None,
        name: str | None = None,
        **kwargs: Any,
    ) -> Job:
        if self._closed:
            raise QueueClosed("the queue is closed")
        job = Job(
            fn,
            args,
            kwargs,
            priority=priority,
            retries=self.default_retries if retries is None else retries,
            timeout=timeout if timeout is not None else self.default_timeout,
            name=name,
        )
        heapq.heappush(self._heap, (job.priority, next(self._order), job))
        self._jobs.append(job)
        return job

    def cancel(self, job: Job) -> bool:
        """Cancel a job that has not started. Answers False for a job that is running or finished."""
        if job.status is not JobStatus.PENDING:
            return False
        job._finish(JobStatus.CANCELLED)
        return True

    def close(self) -> None:
        """Refuse new jobs; the ones already submitted still run on the next `join()`."""
        self._closed = True

    # -- running ----------------------------------------------------------------------------------------------

    def delay_for(self, retry: int) -> float:
        """The wait before retry number `retry` (1 for the first retry)."""
        if retry < 1:
            raise ValueError("retries are numbered from 1")
        return self.backoff[min(retry, len(self.backoff)) - 1]

    async def join(self) -> None:
        """Run jobs until none is pending, `concurrency` at a time."""
        while self._heap:
            workers = [asyncio.create_task(self._worker()) for _ in range(self.concurrency)]
            try:
                await asyncio.gather(*workers)
            except BaseException:
                for worker in workers:
                    worker.cancel()
                raise

    async def _worker(self) -> None:
        while self._heap:
            _, _, job = heapq.heappop(self._heap)
            if job.status is not JobStatus.PENDING:
                continue  # cancelled while it waited
            self._running += 1
            try:
                await self._run(job)
            finally:
                self._running -= 1

    async def _run(self, job: Job) -> None:
        job.status = JobStatus.RUNNING
        while True:
            job.attempts += 1
            try:
                if job.timeout is None:
                    result = await job.fn(*job.args, **job.kwargs)
                else:
                    result = await asyncio.wait_for(job.fn(*job.args, **job.kwargs), job.timeout)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the job's own failure (TimeoutError included)
                if job.attempts > job.retries:
                    job._finish(JobStatus.FAILED, exception=exc)
                    return
                self._retried += 1
                await self._sleep(self.delay_for(job.attempts))
            else:
                job._finish(JobStatus.DONE, result=result)
                return

    # -- reporting --------------------------------------------------------------------------------------------

    @property
    def jobs(self) -> list[Job]:
        return list(self._jobs)

    def pending(self) -> int:
        return sum(1 for job in self._jobs if job.status is JobStatus.PENDING)

    def stats(self) -> dict[str, int]:
        """How many jobs are in each status, plus `retried` (retries made) and `total`."""
        counts = {status.value: 0 for status in JobStatus}
        for job in self._jobs:
            counts[job.status.value] += 1
        counts["retried"] = self._retried
        counts["total"] = len(self._jobs)
        return counts

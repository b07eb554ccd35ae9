from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any

_ids = itertools.count(1)


class JobStatus(str, Enum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in (JobStatus.DONE, JobStatus.FAILED, JobStatus.CANCELLED)


class JobCancelled(Exception):
    """Raised by `Job.wait()` for a job that was cancelled before it ran."""


class Job:
    """One unit of work: an async callable with its arguments, and what became of it."""

    def __init__(
        self,
        fn: Callable[..., Awaitable[Any]],
        args: tuple[Any, ...] = (),
        kwargs: dict[str, Any] | None = None,
        *,
        priority: int = 0,
        retries: int = 0,
        timeout: float | None = None,
        name: str | None = None,
    ) -> None:
        if retries < 0:
            raise ValueError("retries must be zero or more")
        if timeout is not None and timeout <= 0:
            raise ValueError("timeout must be positive")
        self.id = next(_ids)
        self.fn = fn
        self.args = args
        self.kwargs = dict(kwargs or {})
        self.priority = priority
        self.retries = retries
        self.timeout = timeout
        self.name = name or getattr(fn, "__name__", f"job-{self.id}")
        self.status = JobStatus.PENDING
        self.result: Any = None
        self.exception: BaseException | None = None
        self.attempts = 0
        self._finished: asyncio.Event | None = None

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.name!r} {self.status.value}>"

    def done(self) -> bool:
        return self.status.finished

    def _event(self) -> asyncio.Event:
        if self._finished is None:
            self._finished = asyncio.Event()
        return self._finished

    def _finish(self, status: JobStatus, *, result: Any = None, exception: BaseException | None = None) -> None:
        self.status = status
        self.result = result
        self.exception = exception
        self._event().set()

    async def wait(self) -> Any:
        """Wait for the job to finish; answers its result or raises what made it fail."""
        if not self.done():
            await self._event().wait()
        if self.status is JobStatus.CANCELLED:
            raise JobCancelled(f"job {self.id} ({self.name}) was cancelled")
        if self.status is JobStatus.FAILED:
            assert self.exception is not None
            raise self.exception
        return self.result

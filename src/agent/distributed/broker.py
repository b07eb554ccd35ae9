"""The Celery app over Redis, its settings, and the Redis primitives jobs share: leases and visibility renewal.

Redis is both the broker (the `assay` queue) and the result backend. The settings follow Celery's guide for
long, idempotent tasks: a message is acknowledged only when its task has finished (`acks_late`), a worker
takes one message at a time per slot (prefetch 1), a task whose worker process died is given back to the
queue (`task_reject_on_worker_lost`), and an unacknowledged message whose worker vanished (the machine died)
is redelivered after the visibility timeout. A running task renews its message's visibility while it runs, so
the timeout bounds how long a dead worker's job waits, not how long a job may take.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import redis
from celery import Celery
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

from agent.errors import UsageError

QUEUE = "assay"
ATTEMPT_TASK = "assay.eval_attempt"
GITHUB_TASK = "assay.github_job"

# kombu's Redis transport keeps unacknowledged messages in this hash, indexed by delivery time in this sorted set.
_UNACKED, _UNACKED_INDEX = "unacked", "unacked_index"


def shown_url(url: str) -> str:
    """The URL with any password masked, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def client(url: str, *, retries: int, timeout_s: float = 3.0) -> redis.Redis:
    """A Redis client that retries a command through a short outage (Redis restarting) `retries` times."""
    return redis.Redis.from_url(url, socket_connect_timeout=timeout_s, socket_timeout=30, health_check_interval=30,
                                retry=Retry(ExponentialBackoff(cap=5.0, base=0.2), retries),
                                retry_on_error=[redis.ConnectionError, redis.TimeoutError])


def connect(url: str, *, retries: int = 2, timeout_s: float = 3.0) -> redis.Redis:
    """A client of the Redis at `url` (see `client`), after one PING; a one-line `UsageError` when it does not
    answer."""
    if urlsplit(url).scheme not in ("redis", "rediss", "unix"):
        raise UsageError(f"broker URL must be redis://, rediss:// or unix://, not {shown_url(url)!r}")
    try:
        found = client(url, retries=0, timeout_s=timeout_s)
        found.ping()
        found.close()
        return client(url, retries=retries, timeout_s=timeout_s)
    except (redis.RedisError, OSError, ValueError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UsageError(f"broker {shown_url(url)} does not answer: {reason}") from None


@dataclass(frozen=True)
class BrokerSettings:
    """Where the queue is and how long a dead worker's message waits before another worker gets it."""

    url: str
    visibility_timeout_s: float = 7200.0
    """A message unacknowledged this long (and not renewed by its running task) is redelivered. Above the
    longest job, so a slow job is never handed out twice even if its renewals stop reaching Redis."""
    restore_interval_s: float = 10.0
    """How often each worker looks for such messages."""


def make_app(settings: BrokerSettings) -> Celery:
    """The Celery app both sides use; workers register the tasks (`agent.distributed.worker`)."""
    app = Celery("assay", broker=settings.url, backend=settings.url, set_as_current=False)
    transport = {"visibility_timeout": settings.visibility_timeout_s,
                 "unacked_restore_interval": settings.restore_interval_s, "unacked_restore_throttle": 1}
    app.conf.update(
        task_serializer="json", result_serializer="json", accept_content=["json"],
        task_default_queue=QUEUE, task_acks_late=True, task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1, broker_transport_options=transport,
        result_backend_transport_options={"retry_policy": {"timeout": 30.0}},
        result_expires=7 * 24 * 3600, result_backend_always_retry=True, result_backend_max_retries=20,
        broker_connection_retry_on_startup=True, broker_connection_max_retries=None,
        worker_cancel_long_running_tasks_on_connection_loss=False,
        task_publish_retry=True, task_publish_retry_policy={"max_retries": 10, "interval_start": 0.5,
                                                             "interval_step": 1, "interval_max": 5},
        worker_hijack_root_logger=False, worker_send_task_events=True, task_send_sent_event=True,
        enable_utc=True,
    )
    return app


_RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0"
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"


class Lease:
    """A Redis lock that expires unless renewed: held by one live process, free again soon after it dies."""

    def __init__(self, client: redis.Redis, key: str, ttl_s: float) -> None:
        self.client, self.key, self.ttl_ms = client, key, max(1000, int(ttl_s * 1000))
        self.token = uuid.uuid4().hex

    def acquire(self) -> bool:
        return bool(self.client.set(self.key, self.token, nx=True, px=self.ttl_ms))

    def renew(self) -> bool:
        return bool(self.client.eval(_RENEW, 1, self.key, self.token, self.ttl_ms))

    def release(self) -> None:
        self.client.eval(_RELEASE, 1, self.key, self.token)


def delivery_tag(client: redis.Redis, task_id: str) -> str | None:
    """The kombu delivery tag of the unacknowledged message carrying `task_id` (None when there is none)."""
    for tag, raw in client.hscan_iter(_UNACKED, count=100):
        try:
            message = json.loads(raw)[0]
        except (ValueError, IndexError, TypeError):
            continue
        if isinstance(message, dict) and (message.get("headers") or {}).get("id") == task_id:
            return tag.decode() if isinstance(tag, bytes) else str(tag)
    return None


class Heartbeat:
    """While a task runs: renew its leases and push its message's visibility deadline forward."""

    def __init__(self, client: redis.Redis, task_id: str, leases: list[Lease], every_s: float) -> None:
        self.client, self.task_id, self.leases, self.every_s = client, task_id, leases, every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="assay-heartbeat", daemon=True)
        self._tag: str | None = None

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._stop.set()
        self._thread.join(5)

    def _loop(self) -> None:
        while not self._stop.wait(self.every_s):
            try:
                for lease in self.leases:
                    lease.renew()
                self._tag = self._tag or delivery_tag(self.client, self.task_id)
                if self._tag is not None:
                    self.client.zadd(_UNACKED_INDEX, {self._tag: time.time()}, xx=True)
            except (redis.RedisError, OSError):
                continue  # Redis is restarting: the next beat tries again

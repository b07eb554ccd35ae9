"""Past one machine: eval attempts and GitHub jobs on Celery workers over Redis.

The local executor (the eval harness's thread pool, `assay serve`'s SQLite queue) stays the default and needs
none of this; `--executor celery` (or `ASSAY_BROKER_URL`) sends the same jobs to `assay worker` processes.
Importing this package needs no Celery; its modules do (the `celery` extra).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING

from agent.errors import UsageError

if TYPE_CHECKING:
    from agent.distributed.evals import CeleryAttempts
    from agent.distributed.github import CeleryIntake

__all__ = ["DEFAULT_BROKER_URL", "EXECUTORS", "broker_url", "celery_attempts", "celery_intake", "executor_choice"]

DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/0"
EXECUTORS = ("local", "celery")


def broker_url(explicit: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """`--broker`, else `$ASSAY_BROKER_URL`, else a Redis on this host."""
    env = os.environ if env is None else env
    return explicit or env.get("ASSAY_BROKER_URL") or DEFAULT_BROKER_URL


def executor_choice(explicit: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """`--executor`, else `$ASSAY_EXECUTOR`, else `celery` when `$ASSAY_BROKER_URL` is set, else `local`."""
    env = os.environ if env is None else env
    choice = explicit or env.get("ASSAY_EXECUTOR") or ("celery" if env.get("ASSAY_BROKER_URL") else "local")
    if choice not in EXECUTORS:
        raise UsageError(f"unknown executor {choice!r} (choose local or celery)")
    return choice


def require_celery(what: str) -> None:
    """A one-line `UsageError` when the `celery` extra is not installed."""
    try:
        import celery  # noqa: F401
        import redis  # noqa: F401
    except ImportError:
        raise UsageError(f"{what} needs the celery extra: pip install 'assay[celery]'") from None


def celery_attempts(broker: str | None = None) -> CeleryAttempts:
    """The eval executor on the Celery workers behind `broker`, once that broker answered a PING."""
    require_celery("--executor celery")
    from agent.distributed.broker import BrokerSettings, connect, make_app
    from agent.distributed.evals import CeleryAttempts

    url = broker_url(broker)
    connect(url).close()
    return CeleryAttempts(make_app(BrokerSettings(url)))


def celery_intake(broker: str | None = None) -> tuple[CeleryIntake, str]:
    """`assay serve`'s intake for the Celery workers behind `broker` (checked first), and the URL to show."""
    require_celery("--executor celery")
    from agent.distributed.broker import BrokerSettings, connect, make_app, shown_url
    from agent.distributed.github import CeleryIntake

    url = broker_url(broker)
    client = connect(url)
    return CeleryIntake(make_app(BrokerSettings(url)), client), shown_url(url)

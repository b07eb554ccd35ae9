"""Charges a card through the provider's HTTP API, retrying 5xx answers with the policy's delays."""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable

from payments.retry import backoff_delays

RETRYABLE = {500, 502, 503, 504}


def charge(url: str, amount_cents: int, *, retries: int = 4, sleep: Callable[[float], None] = time.sleep,
           opener: Callable[..., object] = urllib.request.urlopen) -> dict[str, object]:
    body = json.dumps({"amount": amount_cents}).encode()
    for delay in [0.0, *backoff_delays(retries)]:
        sleep(delay)
        try:
            with opener(urllib.request.Request(url, data=body, method="POST"), timeout=10) as resp:  # type: ignore[attr-defined]
                return json.loads(resp.read())  # type: ignore[no-any-return]
        except urllib.error.HTTPError as exc:
            if exc.code not in RETRYABLE:
                raise
    raise RuntimeError("payment provider kept failing")

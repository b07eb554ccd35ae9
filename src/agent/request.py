"""The user's request as the runtime reads it: checked for size, and taken apart into the items it names.

The parser is deterministic (no model): it finds routes (`POST /items/`), backticked or called functions
(`line_total()`), files (`app/orders.py`), status-code rules ("409 for a duplicate") and rules stated in
words ("the balance can never go negative"). Each item is later matched against the tests that ran, so the
outcome says which named behaviours are tested and which are not.
"""

from __future__ import annotations

from agent.errors import UsageError

MAX_REQUEST_CHARS = 20_000
"""Longest request accepted, in characters: a request is an instruction, not a document to paste."""


def check_request(text: str) -> str:
    """The request, stripped; a one-line `UsageError` when it is empty or over `MAX_REQUEST_CHARS`."""
    stripped = text.strip()
    if not stripped:
        raise UsageError('the request is empty; say what to test, e.g. assay run "add tests for the orders '
                         'endpoint"')
    if len(stripped) > MAX_REQUEST_CHARS:
        raise UsageError(f"the request is {len(stripped):,} characters; the limit is {MAX_REQUEST_CHARS:,} "
                         "(say what to test, and let assay read the code)")
    return stripped

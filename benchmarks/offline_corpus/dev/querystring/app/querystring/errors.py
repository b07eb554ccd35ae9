from __future__ import annotations


class QueryStringError(ValueError):
    """A query string that strict parsing refuses; `key` is the offending key as it was decoded."""

    def __init__(self, message: str, key: str) -> None:
        self.key = key
        super().__init__(f"{message}: {key!r}")

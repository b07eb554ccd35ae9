"""Cursor pagination over a sorted list of products: the cursor is the id of the last item already seen."""

from __future__ import annotations

from dataclasses import dataclass

MAX_LIMIT = 100


@dataclass(frozen=True)
class Page:
    items: list[dict[str, object]]
    next_cursor: int | None
    """Pass it back to get the next page; None on the last page."""


def paginate(products: list[dict[str, object]], limit: int = 20, cursor: int | None = None) -> Page:
    """Products with an id greater than `cursor`, in id order, at most `limit` of them."""
    if not 1 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be between 1 and {MAX_LIMIT}")
    ordered = sorted(products, key=lambda p: int(p["id"]))  # type: ignore[call-overload]
    remaining = [p for p in ordered if cursor is None or int(p["id"]) > cursor]  # type: ignore[call-overload]
    page = remaining[:limit]
    more = len(remaining) > limit
    return Page(page, int(page[-1]["id"]) if more else None)  # type: ignore[call-overload]

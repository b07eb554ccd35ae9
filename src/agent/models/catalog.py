"""Model names and prices, without importing any SDK (the offline path never pays for it)."""

from __future__ import annotations

from agent.models.base import TokenUsage

DEFAULT_MODEL = "claude-sonnet-5-5"
"""A current Claude model that the installed SDK does not list as deprecated (checked by a test)."""

# USD per million tokens: input, output. Cache writes cost 1.25x input, cache reads 0.1x.
_PRICES = {"opus": (5.0, 25.0), "sonnet": (3.0, 15.0), "haiku": (1.0, 5.0)}


def estimate_cost(model: str, usage: TokenUsage) -> float:
    """Estimated cost in USD for `usage` on `model` (by family; unknown families priced as sonnet)."""
    family = next((f for f in _PRICES if f in model), "sonnet")
    price_in, price_out = _PRICES[family]
    dollars = (
        usage.input_tokens * price_in
        + usage.cache_creation_input_tokens * price_in * 1.25
        + usage.cache_read_input_tokens * price_in * 0.1
        + usage.output_tokens * price_out
    ) / 1_000_000
    return round(dollars, 6)

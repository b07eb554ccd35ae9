"""Subscription billing: the provider's webhooks in, subscription records out."""

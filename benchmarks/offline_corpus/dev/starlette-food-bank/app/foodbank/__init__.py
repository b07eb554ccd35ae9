"""Food bank visits."""

from foodbank.app import create_app

__all__ = ["create_app"]

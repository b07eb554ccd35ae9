"""Parking permits API."""

from permits.main import create_app

__all__ = ["create_app"]

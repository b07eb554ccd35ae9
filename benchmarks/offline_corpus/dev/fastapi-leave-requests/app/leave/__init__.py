"""Leave requests for small teams."""

from leave.app import create_app

__all__ = ["create_app"]

from .app import Caller, create_app

__all__ = ["Caller", "create_app"]

from .main import create_app, get_clock

__all__ = ["create_app", "get_clock"]

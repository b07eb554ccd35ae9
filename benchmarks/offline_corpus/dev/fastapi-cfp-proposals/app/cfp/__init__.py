from cfp.main import create_app

__all__ = ["create_app"]

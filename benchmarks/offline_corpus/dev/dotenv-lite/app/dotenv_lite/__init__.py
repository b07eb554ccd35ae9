"""A small reader for `.env` files.

    >>> from dotenv_lite import parse, Settings
    >>> parse("export NAME=world\nGREETING=\"hello ${NAME}\"")
    {'NAME': 'world', 'GREETING': 'hello world'}
"""

from .parser import ParseError, parse
from .settings import MissingKey, Settings

__all__ = ["MissingKey", "ParseError", "Settings", "parse"]

"""Parse and build nested query strings in the bracket style (`a[b][c]=1`, `a[]=1&a[]=2`, `a[0]=x`)."""

from .encode import encode
from .errors import QueryStringError
from .parse import parse

__all__ = ["QueryStringError", "encode", "parse"]

"""Small text helpers: slugs, truncation, wrapping and a tiny template class."""

from textkit.slug import slugify
from textkit.template import MissingKey, Template
from textkit.text import truncate, wrap

__all__ = ["MissingKey", "Template", "slugify", "truncate", "wrap"]

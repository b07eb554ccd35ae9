"""URL slugs."""

from __future__ import annotations

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_length: int | None = None, separator: str = "-") -> str:
    """Turn `text` into a lowercase ASCII slug.

    Accented letters are folded to their base letter ("Crème" -> "creme"), anything that is not a letter or a
    digit becomes one `separator`, and separators never lead, trail or repeat. With `max_length` the slug is cut
    to at most that many characters, without leaving a separator at the end.
    """
    if max_length is not None and max_length < 1:
        raise ValueError("max_length must be at least 1")
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_ALNUM.sub(separator, folded.lower()).strip(separator)
    if max_length is not None:
        slug = slug[:max_length].rstrip(separator)
    return slug

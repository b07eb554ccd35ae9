"""Sample values: a valid value for a body field or parameter (patterns, formats, bounds) and path filling."""

import re
from typing import Any

PATTERNS: dict[str, Any] = {}
"""Field name -> the regex its samples were generated for (`vary` keeps new values matching)."""


def pattern_example(pattern, index=0):
    """The `index`-th string matching a simple regex (character classes, literals, {n}, +, ?), or None."""
    body = pattern.removeprefix("^").removesuffix("$")
    classes = {"\\d": "0123456789", "[0-9]": "0123456789", "[A-Z]": "ABCDEFGHIJ", "[a-z]": "abcdefghij",
               "\\w": "abcdefghij", "[a-zA-Z]": "abcdefghij", "[A-Za-z]": "ABCDEFGHIJ", "[a-z0-9]": "abcdefgh01",
               "[A-Z0-9]": "ABCDEFGH01"}
    out, pos, counter = [], 0, index + 1
    token = re.compile(r"(\\d|\\w|\[[^\]]+\]|\\.|[^\\\[\](){}+*?|^$.])(\{(\d+)(?:,(\d*))?\}|\+|\?|\*)?")
    while pos < len(body):
        match = token.match(body, pos)
        if not match:
            return None
        atom, _, low, _ = match.groups()
        quant = match.group(2) or ""
        count = int(low) if low else (1 if quant in ("", "+") else 0 if quant in ("?", "*") else 1)
        if atom in classes:
            chars = classes[atom]
            for _ in range(count):
                out.append(chars[counter % len(chars)])
                counter //= len(chars)
        elif atom.startswith("[") and not atom.startswith("[^"):
            chars = class_chars(atom[1:-1])
            if not chars:
                return None
            for _ in range(count):
                out.append(chars[counter % len(chars)])
                counter //= len(chars)
        else:
            out.append(atom[-1] * count)
        pos = match.end()
    text = "".join(out)
    try:
        return text if re.fullmatch(pattern, text) else None
    except re.error:
        return None


def padded_example(pattern, index, min_length):
    """The `index`-th example of `pattern`, its last character repeated up to `min_length` (`^[a-z]+$` with
    min_length=3), or None when that does not match."""
    example = pattern_example(pattern, index)
    if example is not None and len(example) < min_length:
        longer = example + (example[-1:] or "a") * (min_length - len(example))
        example = longer if re.fullmatch(pattern, longer) else None
    return example


def class_chars(inner):
    """The characters of a regex character class's inside (`a-z0-9_`), letters first, or "" when unsure."""
    chars: list[str] = []
    i = 0
    while i < len(inner):
        if inner[i] == "\\" and i + 1 < len(inner):
            escaped = {"d": "0123456789", "w": "abcdefghij_", "s": " ", "-": "-", ".": "."}.get(inner[i + 1])
            if escaped is None:
                return ""
            chars += escaped
            i += 2
        elif i + 2 < len(inner) and inner[i + 1] == "-":
            chars += [chr(c) for c in range(ord(inner[i]), ord(inner[i + 2]) + 1)][:10]
            i += 3
        else:
            chars.append(inner[i])
            i += 1
    return "".join(sorted(dict.fromkeys(chars), key=lambda c: (not c.isalpha(), c)))


LATER = re.compile(r"(^|_)(end|ends|finish|until|to|stop|expires?|closes?|last|checkout|out|returns?)(_|$)")


ID_NAME = re.compile(r"(^|_)id$")
"""A field that holds a record's id (`id`, `product_id`): no number to vary."""


def fits(pattern, text):
    """True when `text` matches `pattern` (False for a pattern Python's `re` cannot read)."""
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return False


MONEY = re.compile(r"(^|_)(amount|price|cost|total|fee|balance)$")
"""Names of an amount of money; sent as text (a `Decimal` a view parses) it is written with two decimals."""


def sample(field, index=0):
    kind, name = field.get("type"), field["name"].lower()
    if "enum" in field:
        return field["enum"][0]
    if kind == "integer":
        low = field.get("minimum", field.get("exclusiveMinimum", 0) + 1 if "exclusiveMinimum" in field else 1)
        return max(int(low), 1) + index if name.endswith("id") else int(max(low, min(2, field.get("maximum", 2))))
    if kind == "number":
        low = field.get("minimum", 1.0)
        return float(max(low, min(9.99, field.get("maximum", 9.99))))
    if kind == "boolean":
        return True
    if kind == "array":  # as many as it needs (at least one) of its declared item, else two different texts
        if "items" not in field:
            return [f"{name.replace('_', '-')}-{index + 1}-{n}" for n in "ab"]
        if "enum" in field["items"] and index == 0:  # a list of choices (scopes): first every one the app takes
            return list(field["items"]["enum"])[:max(field.get("maxItems", 8), 1)]
        return [sample(field["items"], index + n) for n in range(max(field.get("minItems", 1), 1))]
    if kind == "object":  # its required properties (all of them when none is required)
        props = field.get("properties", [])
        return {p["name"]: sample(p, index) for p in props if p["required"] or not any(q["required"] for q in props)}
    if field.get("format") == "email" or ("email" in name and ("pattern" not in field or fits(
            field["pattern"], "user@example.com"))):
        return "user@example.com"
    shortest, longest = field.get("lengths") or (0, 10_000)  # a length the code's `len()` checks let through
    if "pattern" in field:
        example = padded_example(field["pattern"], index, max(field.get("minLength", 0), shortest))
        if example is not None:
            PATTERNS[field["name"]] = field["pattern"]
            return example
    if "email" in name:
        return "user@example.com"
    if field.get("format") in ("uri", "url") or re.search(r"(^|_)(url|uri|link|website|homepage)$", name):
        return "https://example.com/page-1"
    later = bool(LATER.search(name))  # the end of a span comes after its start
    if field.get("format") == "date" or re.search(r"(^|_)(date|due|day|birthday)$|_on$", name):
        return "2030-01-16" if later else "2030-01-15"
    if field.get("format") == "date-time" or name.endswith("_at"):  # every other attempt with its offset
        return ("2030-01-15T11:00:00" if later else "2030-01-15T10:00:00") + ("+00:00" if index % 2 else "")
    if field.get("format") == "time":  # within the usual opening hours, the end after the start
        return "17:00:00" if later else "09:00:00"
    if re.fullmatch(r"time_?zone|tz|tz_?name|zone", name):
        return "UTC"
    if kind == "string" and MONEY.search(name):  # money read as text, so no float rounds it: "12.50"
        return "12.50"
    text = name.replace("_", "-") + "-1"
    if "minLength" in field or shortest:
        text = text.ljust(max(field.get("minLength", 0), shortest), "x")
    if "maxLength" in field or longest < len(text):
        text = text[: min(field.get("maxLength", longest), longest)]
    return text


def fill_path(path, value):
    return re.sub(r"\{[^}]+\}", str(value), path)


UNDER: dict[str, str] = {}
"""Collections under a parent record's path (`/boards/{board_id}/cards`), each with the path the last POST to it
was sent to (`/boards/7/cards`): the parent the records just made live under."""


def fill_item(path, value):
    """`path` of a record just made, with its id: under the parent it was made under when its collection is
    nested (`/boards/{board_id}/cards/{number}` -> `/boards/7/cards/1`)."""
    for collection, filled in UNDER.items():
        if path.startswith(collection + "/{"):
            return filled + fill_path(path[len(collection):], value)
    return fill_path(path, value)

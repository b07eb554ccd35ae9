"""The user's request as the runtime reads it: checked for size, and taken apart into the items it names.

The parser is deterministic (no model): it finds routes (`POST /items/`), backticked or called functions
(`line_total()`), files (`app/orders.py`), status-code rules ("409 for a duplicate") and rules stated in
words ("the balance can never go negative"). Each item is later matched against the tests that ran, so the
outcome says which named behaviours are tested and which are not.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Literal

from agent.errors import UsageError

MAX_REQUEST_CHARS = 20_000
"""Longest request accepted, in characters: a request is an instruction, not a document to paste."""


def check_request(text: str) -> str:
    """The request, stripped; a one-line `UsageError` when it is empty or over `MAX_REQUEST_CHARS`."""
    stripped = text.strip()
    if not stripped:
        raise UsageError('the request is empty; say what to test, e.g. assay run "add tests for the orders '
                         'endpoint"')
    if len(stripped) > MAX_REQUEST_CHARS:
        raise UsageError(f"the request is {len(stripped):,} characters; the limit is {MAX_REQUEST_CHARS:,} "
                         "(say what to test, and let assay read the code)")
    return stripped


Kind = Literal["route", "function", "file", "rule", "behaviour"]

_ROUTE = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(/[\w/{}<>:.\-]*)")
_BARE_PATH = re.compile(r"(?:(?<=\s)|(?<=\()|(?<=^))(/[a-z][\w{}<>:\-]*(?:/[\w{}<>:\-]+)*/?)(?=[\s,;.)]|$)")
_FILE = re.compile(r"(?<![\w/.-])((?:[\w.-]+/)*[\w-]+\.(?:py|js|mjs|cjs|ts|jsx|tsx|go))\b")
_FUNCTION = re.compile(r"`([A-Za-z_]\w*(?:\.\w+)*)(?:\(\))?`|\b([A-Za-z_]\w*)\(\)|"
                       r"\b([a-z][a-z0-9]*_[a-z0-9_]*[a-z0-9]|[a-z]+[A-Z]\w*)\b")
_STATUS = re.compile(r"\b([1-5][0-9]{2})\b")
_RULE = re.compile(r"\b(must|never|always|cannot|can't|can ?not|should|shall|only|at (?:most|least)|no more than|"
                   r"not (?:allowed|permitted)|refused?|rejecte?d?|forbidden|nothing|negative|exceed\w*|limit\w*|"
                   r"unique|duplicate\w*)\b", re.I)
_MODAL = frozenset({"must", "never", "always", "cannot", "can't", "should", "shall", "only", "sometimes", "most",
    "least", "more"})
_PAREN = re.compile(r"\(([^()]*)\)")
_STAND_IN, _STAND_INS = 0xE000, 6400
"""Routes, files and functions stand in a clause as one private-use character each (no word, no status code)."""
_LEAD = re.compile(r"^(?:also\s+)?(?:please\s+)?(?:(?:add|write|create|generate|cover|test)\s+(?:\w+\s+){0,3}?"
                   r"(?:tests?\s+)?(?:for|of|on|that)?\s*)?", re.I)
_STOP = frozenset({"a", "an", "the", "and", "or", "but", "of", "to", "for", "in", "on", "at", "by", "with", "from",
    "into", "that", "this", "these", "those", "it", "its", "is", "are", "be", "been", "was", "were", "as", "when",
    "then", "than", "so", "if", "not", "no", "do", "does", "did", "can", "could", "should", "would", "must", "may",
    "might", "shall", "will", "also", "please", "add", "write", "create", "generate", "cover", "test", "tests",
    "testing", "unit", "integration", "really", "behave", "behaves", "work", "works", "correctly", "properly",
    "case", "cases", "endpoint", "endpoints", "api", "route", "routes", "service", "app", "our", "their", "there",
    "what", "which", "who", "them", "they", "him", "her", "we", "us", "you", "your", "my", "me", "one", "ones",
    "each", "every"})


@dataclass(frozen=True)
class RequestItem:
    """One thing the request names: a route, a function, a file, a rule or a behaviour in words."""

    kind: Kind
    text: str
    """As the request says it, e.g. `POST /items/`, `line_total`, `409 for a duplicate`."""
    method: str | None = None
    path: str | None = None
    status: int | None = None
    keywords: tuple[str, ...] = ()
    """Content words a test's name or body must show (rules and behaviours)."""


def parse_request(text: str) -> list[RequestItem]:
    """The routes, functions, files, rules and behaviours `text` names, in order, without duplicates."""
    items: list[RequestItem] = []
    named: list[str] = []  # what the clauses' stand-ins stand for: "the token with GET /me" reads as it was written

    def stand_in(match: re.Match[str]) -> str:
        if len(named) >= _STAND_INS:
            return " "
        named.append(match.group(0))
        return chr(_STAND_IN + len(named) - 1)

    rest = text
    for match in _ROUTE.finditer(text):
        items.append(RequestItem("route", f"{match.group(1)} {match.group(2)}", method=match.group(1),
                                 path=match.group(2)))
    rest = _ROUTE.sub(stand_in, rest)
    for match in _FILE.finditer(rest):
        items.append(RequestItem("file", match.group(1), path=match.group(1)))
    rest = _FILE.sub(stand_in, rest)
    for match in _BARE_PATH.finditer(rest):
        items.append(RequestItem("route", match.group(1), path=match.group(1)))
    rest = _BARE_PATH.sub(stand_in, rest)
    for match in _FUNCTION.finditer(rest):
        name = next(g for g in match.groups() if g)
        if name.lower() not in _STOP and not re.fullmatch(r"[A-Z][a-z]+", name):
            items.append(RequestItem("function", name))
    rest = re.sub(r"'s\b", "", _FUNCTION.sub(stand_in, rest))
    for clause, listed in _clauses(rest):
        item = _clause_item(clause, listed)
        if item is not None:
            shown = re.sub(f"[{chr(_STAND_IN)}-{chr(_STAND_IN + _STAND_INS - 1)}]",
                           lambda m: named[ord(m.group(0)) - _STAND_IN], item.text)
            items.append(dataclasses.replace(item, text=shown[:120]))
    seen: set[tuple[str, str]] = set()
    return [i for i in items if not ((i.kind, i.text.lower()) in seen or seen.add((i.kind, i.text.lower())))]  # type: ignore[func-returns-value]


def _clauses(text: str) -> list[tuple[str, bool]]:
    """Clauses, each with whether it is a part of a list after a colon (a behaviour even without a rule word).

    Parentheticals and whole sentences become items only when they state a rule; a list after a colon, or after
    "add tests for", splits on commas and `and` into one item per part.
    """
    out = [(m.group(1), False) for m in _PAREN.finditer(text)]
    text = _PAREN.sub(" ", text)
    for sentence in re.split(r"[.;!?\n]+(?:\s|$)", text):
        head, colon, tail = sentence.partition(":")
        parts = _parts(head)
        # "add tests for logging in, adding notes and deleting notes" lists behaviours as a colon would
        lead = _LEAD.match(head.strip())
        listed = not colon and len(parts) >= 2 and lead is not None and lead.end() > 0
        out += [(part, listed) for part in parts]
        out += [(part, True) for part in _parts(tail)] if colon else []
    return [(c.strip(" ,:-"), listed) for c, listed in out if c.strip(" ,:-")]


def _parts(text: str) -> list[str]:
    """`text` split on commas, then on `and` between two parts that each say something on their own."""
    parts: list[str] = []
    for part in re.split(r",\s*", text):
        part = re.sub(r"^(and|or|also)\s+", "", part.strip(), flags=re.I)
        pieces = re.split(r"\s+and\s+(?=\w)", part)
        statuses = [bool(_STATUS.search(p)) for p in pieces]
        # "reject a duplicate with 409 and a wrong token with 400" is two rules; "read or delete" stays one
        parts += pieces if all(statuses) or not any(_RULE.search(p) or _STATUS.search(p) for p in pieces) else [part]
    return parts


def _clause_item(clause: str, listed: bool) -> RequestItem | None:
    clause = re.sub(r"\s+", " ", _LEAD.sub("", clause.strip())).strip(" ,")
    words = [w.removesuffix("'s").strip("'-") for w in re.findall(r"[a-z][a-z0-9'-]*", clause.lower())]
    keywords = tuple(dict.fromkeys(w for w in words if len(w) > 2 and w not in _STOP and w not in _MODAL))
    status = _STATUS.search(clause)
    if status:
        return RequestItem("rule", clause[:120], status=int(status.group(1)), keywords=keywords)
    if _RULE.search(clause) and keywords:
        return RequestItem("rule", clause[:120], keywords=keywords)
    if listed and keywords and len(clause.split()) <= 12:
        return RequestItem("behaviour", clause[:120], keywords=keywords)
    return None

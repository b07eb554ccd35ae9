"""Which webhook deliveries start a run, and the request text with everything a human would not see removed.

The comment body comes from the payload GitHub signed, never from a re-fetch: a comment edited after
the trigger must not change what runs. Hidden text (HTML comments, hidden elements and attributes, the
content of a collapsed `<details>`, invisible and bidi characters, Markdown link definitions that render as
nothing, image alt text, link targets and titles) is stripped before the request reaches the model, so what
the maintainer read is what the model gets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

DEFAULT_PREFIX = "/assay"
TRIGGER_EVENTS = frozenset({"issue_comment", "pull_request_review_comment"})
"""A comment in an issue's or PR's conversation, or a review comment on a PR's diff."""
PUSH_TO_PR_FLAG = "--push-to-pr"
"""`/assay --push-to-pr add tests for …` on a PR asks for the commit on the PR's own branch, not a new PR."""

_HIDDEN_TAGS = frozenset({"script", "style", "template", "noscript", "head", "title", "iframe", "object"})
_VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                        "track", "wbr"})
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|opacity\s*:\s*0(?![.\d]*[1-9])", re.I)
# `[//]: # (note)` and other link reference definitions render as nothing at all.
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.M)
_UNCLOSED_COMMENT = re.compile(r"<!--.*\Z", re.S)
# Markdown links and images: `[text](target "title")`, `[text][ref]`, `![alt](src)`. Only a link's text is on
# screen; its target and title show on hover at most, and an image shows no text at all (its alt neither).
_BRACKETED = r"\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]"
_TARGET = r"(?:\((?:[^()]|\([^()]*\))*\)|\[[^\[\]\n]*\])"
_IMAGE = re.compile(rf"!{_BRACKETED}{_TARGET}")
_LINK = re.compile(rf"({_BRACKETED}){_TARGET}")
# Invisible code points that are not category Cf: variation selectors (used to smuggle bytes), Hangul fillers,
# the braille blank, combining grapheme joiner.
_INVISIBLE_EXTRA = frozenset({0x034F, 0x115F, 0x1160, 0x2800, 0x3164, 0xFFA0, 0x180B, 0x180C, 0x180D, 0x180F,
                              *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)})


@dataclass(frozen=True)
class Trigger:
    """A comment that asks for a run: who, where, and the cleaned request."""

    repo: str
    """`owner/name` of the repository the comment is in."""
    issue_number: int
    is_pull_request: bool
    comment_id: int
    author: str
    comment_url: str
    """The comment's `html_url` (its anchor in the thread), or "" when the payload has none."""
    request: str
    """The comment after the command prefix, with hidden content stripped."""
    issue_title: str
    default_branch: str
    installation_id: int | None
    created_at: datetime | None
    push_to_pr: bool = False
    """The request began with `--push-to-pr`: commit onto the PR's branch if the repository allows it."""
    review_comment: bool = False
    """The comment is a review comment on the PR's diff (its reactions live under `pulls/comments`)."""
    head_sha: str | None = None
    """The PR's head commit as the event gave it (review comments carry it; issue comments do not)."""

    @property
    def key(self) -> str:
        """What identifies the request across deliveries: one comment is answered once."""
        return f"{self.repo.lower()}#{'review-' if self.review_comment else ''}comment-{self.comment_id}"


class MalformedEvent(ValueError):
    """A payload without the shape GitHub gives `issue_comment` deliveries; the message is one line."""


@dataclass(frozen=True)
class Ignored:
    """A delivery that starts nothing, and why (logged, never answered)."""

    reason: str


def is_bot(user: dict[str, Any] | None, own_logins: frozenset[str] = frozenset()) -> bool:
    """Bots, GitHub Apps and assay's own account never trigger a run (no loops)."""
    if not user:
        return True
    login = str(user.get("login", ""))
    return user.get("type") == "Bot" or login.lower().endswith("[bot]") or login.lower() in own_logins


def parse_event(event_name: str, payload: dict[str, Any], *, prefix: str = DEFAULT_PREFIX,
                own_logins: frozenset[str] = frozenset()) -> Trigger | Ignored:
    """A `Trigger` for a new comment that starts with `prefix` by a human; otherwise `Ignored` with the reason.

    `MalformedEvent` when a triggering payload lacks a field GitHub always sends (or has the wrong type).
    """
    if event_name not in TRIGGER_EVENTS:
        return Ignored(f"event {event_name!r} is not an issue or review comment")
    action = payload.get("action")
    if action != "created":
        return Ignored(f"comment {action}: only new comments trigger a run")
    review = event_name == "pull_request_review_comment"
    comment, repo = payload.get("comment"), payload.get("repository")
    issue = payload.get("pull_request" if review else "issue")
    if not isinstance(comment, dict) or not isinstance(issue, dict) or not isinstance(repo, dict):
        return Ignored("payload has no comment, issue or repository")
    lowered = frozenset(login.lower() for login in own_logins)
    user, sender = comment.get("user"), payload.get("sender")
    if is_bot(user, lowered):
        return Ignored(f"comment by a bot ({_login(user)})")
    if sender is not None and is_bot(sender, lowered):  # GitHub always sends one; a payload without it is judged
        return Ignored(f"delivered by a bot ({_login(sender)})")  # by the comment's author alone
    request = command_request(str(comment.get("body") or ""), prefix)
    if request is None:
        return Ignored(f"comment does not start with {prefix}")
    request, push_to_pr = split_push_flag(request)
    installation = payload.get("installation")
    return Trigger(
        repo=_text(repo, "full_name", pattern=r"[\w.-]+/[\w.-]+"),
        issue_number=_number(issue, "number"),
        is_pull_request=review or bool(issue.get("pull_request")),
        comment_id=_number(comment, "id"),
        author=_text(user, "login", pattern=r"[\w.\[\]-]+"),
        comment_url=str(comment.get("html_url") or ""),
        request=request,
        issue_title=strip_hidden(str(issue.get("title") or "")),
        default_branch=str(repo.get("default_branch") or "main"),
        installation_id=(_number(installation, "id") if isinstance(installation, dict) and "id" in installation
                         else None),
        created_at=_timestamp(comment.get("created_at")),
        push_to_pr=push_to_pr,
        review_comment=review,
        head_sha=_text(issue.get("head"), "sha", pattern=r"[0-9a-f]{40}") if review else None,
    )


def _login(user: object) -> str:
    return str(user.get("login", "?")) if isinstance(user, dict) else "?"


def _number(data: dict[str, Any], key: str) -> int:
    """A positive integer field (`issue.number`, `comment.id`), as GitHub sends it; `MalformedEvent` otherwise."""
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise MalformedEvent(f"payload field {key!r} is {str(value)[:40]!r}, not a positive integer")
    return value


def _text(data: object, key: str, *, pattern: str) -> str:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, str) or not re.fullmatch(pattern, value):
        raise MalformedEvent(f"payload field {key!r} is {str(value)[:40]!r}, not what GitHub sends")
    return value


def command_request(body: str, prefix: str) -> str | None:
    """The text after `prefix` when the cleaned comment starts with it (`/assay` alone gives ""), else None."""
    text = strip_hidden(body).strip()
    if not text.startswith(prefix):
        return None
    rest = text[len(prefix):]
    if rest and not rest[0].isspace():  # `/assayx` is another command
        return None
    return rest.strip()


def split_push_flag(request: str) -> tuple[str, bool]:
    """`request` without a leading `--push-to-pr`, and whether it was there (only as the first word)."""
    parts = request.split(maxsplit=1)
    if not parts or parts[0] != PUSH_TO_PR_FLAG:
        return request, False
    return (parts[1] if len(parts) > 1 else "").strip(), True


def strip_hidden(text: str) -> str:
    """`text` without content a reader of the rendered comment cannot see."""
    text = "".join(ch for ch in text if _visible(ch))
    stripper = _HiddenStripper()
    stripper.feed(text)
    stripper.close()
    text = _UNCLOSED_COMMENT.sub("", stripper.text())
    text = _LINK_DEFINITION.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1)[1:-1], text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _visible(ch: str) -> bool:
    if ch in "\n\t":
        return True
    category = unicodedata.category(ch)
    # Cf holds zero-width spaces/joiners, bidi embeddings/overrides/isolates, BOM, soft hyphen and tag characters.
    return category not in ("Cf", "Cc", "Cs", "Co", "Cn") and ord(ch) not in _INVISIBLE_EXTRA


class _HiddenStripper(HTMLParser):
    """Keeps the text of visible elements; drops comments, every tag with its attributes, and hidden elements.

    A collapsed `<details>` shows only its `<summary>` until a reader opens it: the rest counts as hidden.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._out: list[str] = []
        self._open: list[tuple[str, bool]] = []
        """Elements that change visibility, innermost last: (tag, whether its content shows)."""

    def _shows(self) -> bool:
        return not self._open or self._open[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            return
        if not self._shows():
            summary = tag == "summary" and self._open[-1][0] == "details" and self._parent_shows()
            self._open.append((tag, summary))
        elif _hides(tag, attrs) or tag == "details":
            self._open.append((tag, False))

    def _parent_shows(self) -> bool:
        """Whether the element around the innermost `<details>` shows (its summary then shows too)."""
        return len(self._open) < 2 or self._open[-2][1]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        return

    def handle_endtag(self, tag: str) -> None:
        if any(name == tag for name, _ in self._open):
            while self._open and self._open.pop()[0] != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._shows():
            self._out.append(data)

    def handle_comment(self, data: str) -> None:
        return

    def unknown_decl(self, data: str) -> None:
        return

    def text(self) -> str:
        # An unterminated construct at the end (`<div hidden>…`, `<!-- …`) stays in rawdata: keep it out.
        return "".join(self._out)


def _hides(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    if tag in _HIDDEN_TAGS:
        return True
    values = {name.lower(): (value or "") for name, value in attrs}
    return ("hidden" in values or values.get("aria-hidden", "").lower() == "true"
            or bool(_HIDDEN_STYLE.search(values.get("style", ""))))


def _timestamp(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)

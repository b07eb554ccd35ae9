"""The Task value: one line of a todo.txt file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

TAG = re.compile(r"^([^\s:]+):([^\s:]+)$")


def _words(text: str) -> list[str]:
    return [word for word in text.split(" ") if word]


def is_tag(word: str) -> bool:
    """True if `word` is a key:value tag. URLs such as https://example.com are not tags."""
    match = TAG.match(word)
    return bool(match) and not match.group(2).startswith("/")


@dataclass(frozen=True)
class Task:
    """One task. `text` is everything after the completion mark, priority and dates, tokens included.

    >>> Task("Call mom +family @phone due:2026-05-04").projects
    ('family',)
    """

    text: str
    done: bool = False
    priority: str | None = None
    created: date | None = None
    completed: date | None = None

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise ValueError("a task needs some text")
        if "\n" in self.text or "\r" in self.text:
            raise ValueError("a task is a single line")
        if self.priority is not None:
            if len(self.priority) != 1 or not ("A" <= self.priority <= "Z"):
                raise ValueError(f"priority must be one letter A-Z, not {self.priority!r}")
            if self.done:
                raise ValueError("a completed task has no priority (it is kept as a pri: tag)")
        if self.completed is not None and not self.done:
            raise ValueError("only a completed task has a completion date")
        if self.done and self.created is not None and self.completed is None:
            raise ValueError("a completed task with a creation date needs a completion date")

    @property
    def projects(self) -> tuple[str, ...]:
        """The +project names in order of first appearance, without duplicates."""
        return self._prefixed("+")

    @property
    def contexts(self) -> tuple[str, ...]:
        """The @context names in order of first appearance, without duplicates."""
        return self._prefixed("@")

    @property
    def tags(self) -> dict[str, str]:
        """The key:value tags; a repeated key keeps its last value."""
        tags: dict[str, str] = {}
        for word in _words(self.text):
            if is_tag(word):
                key, value = word.split(":", 1)
                tags[key] = value
        return tags

    @property
    def due(self) -> date | None:
        """The date of the due: tag, if any."""
        value = self.tags.get("due")
        return None if value is None else date.fromisoformat(value)

    def _prefixed(self, mark: str) -> tuple[str, ...]:
        names: list[str] = []
        for word in _words(self.text):
            if len(word) > 1 and word.startswith(mark) and word[1:] not in names:
                names.append(word[1:])
        return tuple(names)

    def __str__(self) -> str:
        from .parser import render

        return render(self)

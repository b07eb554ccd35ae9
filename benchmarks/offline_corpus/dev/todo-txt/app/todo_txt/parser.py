"""Reading and writing the todo.txt line format.

    x 2026-05-03 2026-05-01 Call mom +family @phone
    (A) 2026-05-01 Pay rent due:2026-05-05

A line is: an optional completion mark `x `, then for open tasks an optional priority `(A) `; for completed tasks
the completion date and then optionally the creation date, for open tasks optionally the creation date; then the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from .errors import TodoSyntaxError
from .task import Task, is_tag

PRIORITY = re.compile(r"\(([A-Z])\) ")
DATE_LIKE = re.compile(r"\d{4}-\d{2}-\d{2}(?= |$)")


def _fail(message: str, line_no: int, pos: int) -> TodoSyntaxError:
    return TodoSyntaxError(message, line=line_no, column=pos + 1)


def _date_at(line: str, pos: int, line_no: int) -> tuple[date | None, int]:
    """A date token starting at `pos`, and the position after it and its space."""
    match = DATE_LIKE.match(line, pos)
    if not match:
        return None, pos
    try:
        value = date.fromisoformat(match.group())
    except ValueError:
        raise _fail(f"invalid date {match.group()!r}", line_no, pos) from None
    end = match.end()
    return value, end + 1 if end < len(line) else end


def parse_line(line: str, *, line_no: int = 1) -> Task:
    """Parse one todo.txt line into a Task. Raises TodoSyntaxError with the line and column of the problem."""
    line = line.rstrip("\r\n")
    pos = 0
    done = line.startswith("x ")
    priority = None
    created = completed = None
    if done:
        pos = 2
        completed_at = pos
        completed, pos = _date_at(line, pos, line_no)
        if completed is not None:
            created, pos = _date_at(line, pos, line_no)
            if created is not None and completed < created:
                raise _fail("completed before it was created", line_no, completed_at)
    else:
        match = PRIORITY.match(line)
        if match:
            priority = match.group(1)
            pos = match.end()
        created, pos = _date_at(line, pos, line_no)

    text = line[pos:]
    if not text.strip():
        raise _fail("the task has no text", line_no, pos)
    offset = pos
    for word in text.split(" "):
        if is_tag(word) and word.startswith("due:"):
            try:
                date.fromisoformat(word[4:])
            except ValueError:
                raise _fail(f"invalid due date {word[4:]!r}", line_no, offset + 4) from None
        offset += len(word) + 1
    return Task(text=text, done=done, priority=priority, created=created, completed=completed)


def parse(text: str) -> list[Task]:
    """Parse a whole todo.txt document. Blank lines are skipped but still counted for error line numbers."""
    tasks = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            tasks.append(parse_line(line, line_no=line_no))
    return tasks


def render(task: Task) -> str:
    """The todo.txt line for `task` (no newline)."""
    parts: list[str] = []
    if task.done:
        parts.append("x")
        if task.completed is not None:
            parts.append(task.completed.isoformat())
    elif task.priority is not None:
        parts.append(f"({task.priority})")
    if task.created is not None:
        parts.append(task.created.isoformat())
    parts.append(task.text)
    return " ".join(parts)


def dumps(tasks: Iterable[Task]) -> str:
    """A todo.txt document: one line per task, each ending with a newline."""
    return "".join(render(task) + "\n" for task in tasks)

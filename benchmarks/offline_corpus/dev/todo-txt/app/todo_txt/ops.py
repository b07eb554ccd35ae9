"""Working with lists of tasks: completing, reopening, sorting and filtering."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from .task import Task


class SortKey(enum.Enum):
    PRIORITY = "priority"
    DUE = "due"
    CREATED = "created"


_NO_PRIORITY = "~"  # sorts after "Z"
_NO_DATE = date.max


def complete(task: Task, *, on: date) -> Task:
    """The task marked done on `on`. Its priority is kept as a `pri:` tag so it can be restored."""
    if task.done:
        raise ValueError("the task is already completed")
    if task.created is not None and on < task.created:
        raise ValueError("a task cannot be completed before it was created")
    text = task.text if task.priority is None else f"{task.text} pri:{task.priority}"
    return replace(task, text=text, done=True, priority=None, completed=on)


def reopen(task: Task) -> Task:
    """The completed task made open again, with the priority from its `pri:` tag restored."""
    if not task.done:
        raise ValueError("the task is not completed")
    priority = None
    words = []
    for word in task.text.split(" "):
        if word.startswith("pri:") and len(word) == 5 and "A" <= word[4] <= "Z":
            priority = word[4]
        else:
            words.append(word)
    return replace(task, text=" ".join(words), done=False, completed=None, priority=priority)


def sort_tasks(tasks: Iterable[Task], *, by: SortKey = SortKey.PRIORITY) -> list[Task]:
    """Open tasks first, then by the chosen key; ties keep their original order.

    PRIORITY: A before B before no priority, then earliest due date. DUE: earliest due date first (no due date last),
    then priority. CREATED: oldest first, undated last.
    """

    def key(task: Task) -> tuple:
        priority = task.priority or _NO_PRIORITY
        due = task.due or _NO_DATE
        if by is SortKey.PRIORITY:
            rest: tuple = (priority, due)
        elif by is SortKey.DUE:
            rest = (due, priority)
        else:
            rest = (task.created or _NO_DATE,)
        return (task.done, *rest)

    return sorted(tasks, key=key)


def filter_tasks(
    tasks: Iterable[Task],
    *,
    project: str | None = None,
    context: str | None = None,
    done: bool | None = None,
    search: str | None = None,
) -> list[Task]:
    """The tasks matching every given criterion. `search` is a case-insensitive substring of the text."""
    result = []
    for task in tasks:
        if project is not None and project not in task.projects:
            continue
        if context is not None and context not in task.contexts:
            continue
        if done is not None and task.done != done:
            continue
        if search is not None and search.casefold() not in task.text.casefold():
            continue
        result.append(task)
    return result


def overdue(tasks: Iterable[Task], *, today: date) -> list[Task]:
    """Open tasks whose due date is before `today` (a task due today is not overdue yet)."""
    return [task for task in tasks if not task.done and task.due is not None and task.due < today]


def archive(tasks: Iterable[Task]) -> tuple[list[Task], list[Task]]:
    """Split into (open, completed), each in the original order: what stays in todo.txt and what goes to done.txt."""
    still_open: list[Task] = []
    finished: list[Task] = []
    for task in tasks:
        (finished if task.done else still_open).append(task)
    return still_open, finished

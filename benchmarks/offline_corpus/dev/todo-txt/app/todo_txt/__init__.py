"""todo_txt: read, write, sort and filter todo.txt task lists.

    from todo_txt import parse, dumps, complete
    tasks = parse(open("todo.txt").read())
"""

from .errors import TodoSyntaxError
from .ops import SortKey, archive, complete, filter_tasks, overdue, reopen, sort_tasks
from .parser import dumps, parse, parse_line, render
from .task import Task, is_tag

__all__ = [
    "SortKey",
    "Task",
    "TodoSyntaxError",
    "archive",
    "complete",
    "dumps",
    "filter_tasks",
    "is_tag",
    "overdue",
    "parse",
    "parse_line",
    "render",
    "reopen",
    "sort_tasks",
]

from datetime import date

import pytest

from todo_txt import Task, dumps, parse, parse_line, render

LINES = [
    "Buy milk",
    "(A) Pay rent",
    "(B) 2026-05-01 Pay rent due:2026-05-05 +home",
    "2026-05-01 Undated priority",
    "x Call mom",
    "x 2026-05-03 Call mom",
    "x 2026-05-03 2026-05-01 Call mom +family @phone pri:A",
    "(a) not a priority",
]


@pytest.mark.parametrize("line", LINES)
def test_round_trip(line):
    assert render(parse_line(line)) == line


def test_render_order_for_completed_tasks():
    task = Task("Done", done=True, completed=date(2026, 5, 3), created=date(2026, 5, 1))
    assert render(task) == "x 2026-05-03 2026-05-01 Done"


def test_str_is_the_line():
    assert str(Task("Pay", priority="C", created=date(2026, 1, 2))) == "(C) 2026-01-02 Pay"


def test_dumps_ends_every_line():
    tasks = parse("(A) one\n\ntwo\n")
    assert dumps(tasks) == "(A) one\ntwo\n"
    assert dumps([]) == ""


def test_document_round_trip():
    text = "\n".join(LINES) + "\n"
    assert dumps(parse(text)) == text


@pytest.mark.parametrize(
    "kwargs",
    [
        {"text": "  "},
        {"text": "two\nlines"},
        {"text": "x", "priority": "a"},
        {"text": "x", "priority": "AB"},
        {"text": "x", "done": True, "priority": "A"},
        {"text": "x", "completed": date(2026, 1, 1)},
        {"text": "x", "done": True, "created": date(2026, 1, 1)},
    ],
)
def test_invalid_tasks(kwargs):
    with pytest.raises(ValueError):
        Task(**kwargs)


def test_tasks_are_hashable_values():
    assert len({parse_line("(A) x"), parse_line("(A) x"), parse_line("(B) x")}) == 2

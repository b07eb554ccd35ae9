from datetime import date

import pytest

from todo_txt import SortKey, archive, complete, filter_tasks, overdue, parse, parse_line, render, reopen, sort_tasks

DOC = """\
(B) 2026-05-01 Write report +work @desk due:2026-05-10
Water plants @home
(A) Pay rent +home due:2026-05-05
x 2026-05-02 2026-04-30 File taxes +home pri:A
(B) Book dentist @phone due:2026-05-03
2026-04-20 Learn Rust +learning
"""


@pytest.fixture
def tasks():
    return parse(DOC)


def texts(tasks):
    return [t.text.split(" +")[0].split(" @")[0].split(" due:")[0] for t in tasks]


def test_complete_keeps_the_priority_as_a_tag():
    task = parse_line("(A) 2026-05-01 Pay rent +home")
    done = complete(task, on=date(2026, 5, 4))
    assert render(done) == "x 2026-05-04 2026-05-01 Pay rent +home pri:A"
    assert done.priority is None
    assert done.tags["pri"] == "A"


def test_complete_without_priority():
    done = complete(parse_line("Water plants"), on=date(2026, 5, 4))
    assert render(done) == "x 2026-05-04 Water plants"


def test_complete_twice_or_too_early():
    with pytest.raises(ValueError):
        complete(parse_line("x Done"), on=date(2026, 5, 4))
    with pytest.raises(ValueError):
        complete(parse_line("2026-05-05 Later"), on=date(2026, 5, 4))


def test_complete_on_the_creation_day():
    done = complete(parse_line("2026-05-05 Quick"), on=date(2026, 5, 5))
    assert done.completed == date(2026, 5, 5)


def test_reopen_restores_the_priority():
    task = parse_line("(B) 2026-05-01 Pay rent +home")
    again = reopen(complete(task, on=date(2026, 5, 4)))
    assert again == task


def test_reopen_without_pri_tag():
    assert reopen(parse_line("x 2026-05-04 Walk")) == parse_line("Walk")


def test_reopen_open_task():
    with pytest.raises(ValueError):
        reopen(parse_line("Walk"))


def test_sort_by_priority(tasks):
    assert texts(sort_tasks(tasks)) == [
        "Pay rent",
        "Book dentist",
        "Write report",
        "Water plants",
        "Learn Rust",
        "File taxes",
    ]


def test_sort_by_due(tasks):
    assert texts(sort_tasks(tasks, by=SortKey.DUE)) == [
        "Book dentist",
        "Pay rent",
        "Write report",
        "Water plants",
        "Learn Rust",
        "File taxes",
    ]


def test_sort_by_due_breaks_ties_by_priority():
    tasks = parse("c due:2026-05-01\n(B) b due:2026-05-01\n(A) a due:2026-05-01\n")
    assert [t.text[0] for t in sort_tasks(tasks, by=SortKey.DUE)] == ["a", "b", "c"]


def test_sort_by_created(tasks):
    assert texts(sort_tasks(tasks, by=SortKey.CREATED)) == [
        "Learn Rust",
        "Write report",
        "Water plants",
        "Pay rent",
        "Book dentist",
        "File taxes",
    ]


def test_sort_is_stable_and_returns_a_new_list(tasks):
    plain = parse("b\na\nc\n")
    result = sort_tasks(plain)
    assert [t.text for t in result] == ["b", "a", "c"]
    assert result is not plain


def test_filter_by_project_and_context(tasks):
    assert texts(filter_tasks(tasks, project="home")) == ["Pay rent", "File taxes"]
    assert texts(filter_tasks(tasks, context="phone")) == ["Book dentist"]
    assert texts(filter_tasks(tasks, project="home", done=False)) == ["Pay rent"]
    assert filter_tasks(tasks, project="Home") == []


def test_filter_by_done_and_search(tasks):
    assert texts(filter_tasks(tasks, done=True)) == ["File taxes"]
    assert texts(filter_tasks(tasks, search="RENT")) == ["Pay rent"]
    assert len(filter_tasks(tasks)) == 6


def test_overdue(tasks):
    assert texts(overdue(tasks, today=date(2026, 5, 5))) == ["Book dentist"]
    assert texts(overdue(tasks, today=date(2026, 5, 6))) == ["Pay rent", "Book dentist"]
    assert overdue(tasks, today=date(2026, 5, 3)) == []


def test_completed_tasks_are_never_overdue():
    assert overdue(parse("x Done due:2026-01-01\n"), today=date(2026, 5, 1)) == []


def test_archive(tasks):
    still_open, finished = archive(tasks)
    assert len(still_open) == 5
    assert texts(finished) == ["File taxes"]
    assert texts(still_open)[0] == "Write report"

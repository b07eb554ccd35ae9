from datetime import date

import pytest

from todo_txt import Task, TodoSyntaxError, parse, parse_line


def test_plain_task():
    task = parse_line("Buy milk")
    assert task == Task("Buy milk")
    assert task.done is False
    assert task.priority is None
    assert task.created is None


def test_priority_and_creation_date():
    task = parse_line("(A) 2026-05-01 Pay rent due:2026-05-05")
    assert task.priority == "A"
    assert task.created == date(2026, 5, 1)
    assert task.text == "Pay rent due:2026-05-05"
    assert task.due == date(2026, 5, 5)


def test_completed_with_both_dates():
    task = parse_line("x 2026-05-03 2026-05-01 Call mom +family @phone")
    assert task.done is True
    assert task.completed == date(2026, 5, 3)
    assert task.created == date(2026, 5, 1)
    assert task.text == "Call mom +family @phone"


def test_single_date_after_x_is_the_completion_date():
    task = parse_line("x 2026-05-03 Call mom")
    assert task.completed == date(2026, 5, 3)
    assert task.created is None


def test_completed_without_dates():
    task = parse_line("x Call mom")
    assert task.done is True
    assert task.completed is None
    assert task.text == "Call mom"


def test_completed_on_the_creation_day():
    task = parse_line("x 2026-05-01 2026-05-01 Same day")
    assert task.completed == task.created == date(2026, 5, 1)


@pytest.mark.parametrize(
    "line, text",
    [
        ("(a) lower-case is not a priority", "(a) lower-case is not a priority"),
        ("(AB) two letters", "(AB) two letters"),
        ("(A)no space", "(A)no space"),
        (" (A) leading space", " (A) leading space"),
        ("xylophone lessons", "xylophone lessons"),
        ("X capital x is text", "X capital x is text"),
    ],
)
def test_things_that_are_just_text(line, text):
    task = parse_line(line)
    assert task.priority is None
    assert task.done is False
    assert task.text == text


def test_priority_after_x_is_text():
    task = parse_line("x (A) Done thing")
    assert task.done is True
    assert task.priority is None
    assert task.text == "(A) Done thing"


def test_date_not_followed_by_space_is_text():
    task = parse_line("2026-05-01T10:00 meeting")
    assert task.created is None
    assert task.text == "2026-05-01T10:00 meeting"


def test_trailing_newline_is_ignored():
    assert parse_line("Buy milk\r\n").text == "Buy milk"


def test_projects_contexts_and_tags():
    task = parse_line("Plan trip +travel @home +travel +2026 @ + key:value due:2026-07-01 https://example.com/a")
    assert task.projects == ("travel", "2026")
    assert task.contexts == ("home",)
    assert task.tags == {"key": "value", "due": "2026-07-01"}


def test_urls_are_not_tags():
    task = parse_line("Read http://example.com and mailto:me@example.com")
    assert task.tags == {"mailto": "me@example.com"}


def test_repeated_tag_keeps_last_value():
    assert parse_line("x:1 y:2 x:3 task").tags == {"x": "3", "y": "2"}


def test_no_due_date():
    assert parse_line("No due").due is None


def test_error_for_invalid_creation_date():
    with pytest.raises(TodoSyntaxError) as info:
        parse_line("(B) 2026-02-30 Bad date", line_no=7)
    err = info.value
    assert (err.line, err.column) == (7, 5)
    assert "2026-02-30" in err.message
    assert str(err).startswith("line 7, column 5:")


def test_error_for_invalid_completion_date():
    with pytest.raises(TodoSyntaxError) as info:
        parse_line("x 2026-13-01 Done")
    assert (info.value.line, info.value.column) == (1, 3)


def test_error_for_invalid_second_date():
    with pytest.raises(TodoSyntaxError) as info:
        parse_line("x 2026-05-03 2026-04-31 Done")
    assert info.value.column == 14


def test_error_for_completion_before_creation():
    with pytest.raises(TodoSyntaxError) as info:
        parse_line("x 2026-05-01 2026-05-03 Done early")
    assert info.value.column == 3


def test_error_for_missing_text():
    with pytest.raises(TodoSyntaxError) as info:
        parse_line("(A) 2026-05-01 ")
    assert info.value.column == 16


def test_error_for_bad_due_date_points_at_the_value():
    with pytest.raises(TodoSyntaxError) as info:
        parse_line("(C) Pay bill due:tomorrow")
    assert info.value.column == 18


def test_syntax_error_is_a_value_error():
    assert issubclass(TodoSyntaxError, ValueError)


def test_parse_document_skips_blank_lines():
    text = "(A) First\n\n   \nx 2026-05-02 Second\nThird +p\n"
    tasks = parse(text)
    assert [t.text for t in tasks] == ["First", "Second", "Third +p"]


def test_parse_empty_document():
    assert parse("") == []
    assert parse("\n\n") == []


def test_parse_reports_the_real_line_number():
    text = "First\n\nSecond\n\n(A) 2026-99-01 Broken\n"
    with pytest.raises(TodoSyntaxError) as info:
        parse(text)
    assert info.value.line == 5
    assert info.value.column == 5


def test_parse_handles_crlf():
    assert [t.text for t in parse("One\r\nTwo\r\n")] == ["One", "Two"]

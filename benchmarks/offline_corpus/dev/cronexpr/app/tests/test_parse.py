import pytest

from cronexpr import CronError, CronExpression


def test_star_allows_every_value():
    expr = CronExpression("* * * * *")
    assert expr.minutes == frozenset(range(60))
    assert expr.hours == frozenset(range(24))
    assert expr.days == frozenset(range(1, 32))
    assert expr.months == frozenset(range(1, 13))
    assert expr.weekdays == frozenset(range(7))


def test_lists_ranges_and_steps():
    expr = CronExpression("*/15 9-17 1,15 * 1-5")
    assert expr.minutes == {0, 15, 30, 45}
    assert expr.hours == set(range(9, 18))
    assert expr.days == {1, 15}
    assert expr.weekdays == {1, 2, 3, 4, 5}


def test_range_with_step_starts_at_the_range_start():
    assert CronExpression("10-50/20 * * * *").minutes == {10, 30, 50}
    assert CronExpression("1-23/6 * * * *").minutes == {1, 7, 13, 19}


def test_single_value_with_step_runs_to_the_end_of_the_field():
    assert CronExpression("0 5/6 * * *").hours == {5, 11, 17, 23}


def test_lists_mix_ranges_and_values():
    assert CronExpression("0 0 1-3,10,20-21 * *").days == {1, 2, 3, 10, 20, 21}


def test_month_names_are_case_insensitive():
    assert CronExpression("0 0 1 jan,JUN,Dec *").months == {1, 6, 12}
    assert CronExpression("0 0 1 mar-may *").months == {3, 4, 5}


def test_weekday_names():
    assert CronExpression("0 0 * * mon-fri").weekdays == {1, 2, 3, 4, 5}
    assert CronExpression("0 0 * * sat,sun").weekdays == {0, 6}


@pytest.mark.parametrize("field", ["0", "7", "sun", "SUN"])
def test_zero_and_seven_are_both_sunday(field):
    assert CronExpression(f"0 0 * * {field}").weekdays == {0}


def test_range_ending_at_seven_includes_sunday():
    assert CronExpression("0 0 * * 5-7").weekdays == {5, 6, 0}


def test_field_maximums_are_accepted():
    expr = CronExpression("59 23 31 12 7")
    assert expr.minutes == {59}
    assert expr.hours == {23}
    assert expr.days == {31}
    assert expr.months == {12}


def test_whitespace_between_fields_is_normalised():
    expr = CronExpression("  0   12 *\t* * ")
    assert expr.expression == "0 12 * * *"
    assert repr(expr) == "CronExpression('0 12 * * *')"


def test_equal_expressions_compare_equal():
    assert CronExpression("0 9-17/1 * * mon-fri") == CronExpression("0 9-17 * * 1-5")
    assert CronExpression("0 9 * * *") != CronExpression("0 10 * * *")
    assert len({CronExpression("0 0 * * 0"), CronExpression("0 0 * * 7")}) == 1


@pytest.mark.parametrize("text", ["", "* * * *", "* * * * * *"])
def test_wrong_number_of_fields(text):
    with pytest.raises(CronError, match="expected 5 fields"):
        CronExpression(text)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("60 * * * *", "minute"),
        ("-1 * * * *", "minute"),
        ("* 24 * * *", "hour"),
        ("* * 0 * *", "day-of-month"),
        ("* * 32 * *", "day-of-month"),
        ("* * * 0 *", "month"),
        ("* * * 13 *", "month"),
        ("* * * * 8", "day-of-week"),
        ("*/0 * * * *", "minute"),
        ("* */x * * *", "hour"),
        ("* 17-9 * * *", "hour"),
        ("* * * foo *", "month"),
        ("* * * * mon-", "day-of-week"),
        ("1,,2 * * * *", "minute"),
        ("* * * jan-mon *", "month"),
    ],
)
def test_bad_field_names_the_field(text, field):
    with pytest.raises(CronError, match=field):
        CronExpression(text)


def test_cron_error_is_a_value_error():
    with pytest.raises(ValueError):
        CronExpression("61 * * * *")

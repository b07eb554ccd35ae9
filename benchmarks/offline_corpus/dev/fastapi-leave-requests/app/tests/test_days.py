from datetime import date

from leave.days import is_working_day, working_days


def test_a_full_week_is_five_days():
    assert working_days(date(2027, 3, 8), date(2027, 3, 12)) == 5


def test_both_ends_are_included():
    assert working_days(date(2027, 3, 8), date(2027, 3, 8)) == 1
    assert working_days(date(2027, 3, 8), date(2027, 3, 9)) == 2


def test_weekends_are_skipped():
    # Friday to Monday
    assert working_days(date(2027, 3, 12), date(2027, 3, 15)) == 2
    assert working_days(date(2027, 3, 13), date(2027, 3, 14)) == 0
    assert working_days(date(2027, 3, 1), date(2027, 3, 14)) == 10


def test_end_before_start_is_zero():
    assert working_days(date(2027, 3, 12), date(2027, 3, 8)) == 0


def test_is_working_day():
    assert is_working_day(date(2027, 3, 12))  # Friday
    assert not is_working_day(date(2027, 3, 13))  # Saturday
    assert not is_working_day(date(2027, 3, 14))  # Sunday

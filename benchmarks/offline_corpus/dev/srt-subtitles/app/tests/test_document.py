import pytest

from srtkit import Cue, SubtitleError, overlaps, parse, reading_speed, render, shift, too_fast

SAMPLE = """1
00:00:01,000 --> 00:00:03,500
Hello there.

2
00:00:04,000 --> 00:00:06,000
General Kenobi!
You are a bold one.

"""


def test_parse_sample():
    cues = parse(SAMPLE)
    assert cues == [
        Cue(1, 1000, 3500, "Hello there."),
        Cue(2, 4000, 6000, "General Kenobi!\nYou are a bold one."),
    ]
    assert cues[0].duration == 2500
    assert cues[1].lines == ["General Kenobi!", "You are a bold one."]


def test_parse_crlf_bom_and_extra_blank_lines():
    text = "\ufeff" + SAMPLE.replace("\n\n2", "\n\n\n\n2").replace("\n", "\r\n")
    assert parse(text) == parse(SAMPLE)


def test_parse_empty_document():
    assert parse("") == []
    assert parse("\n\n") == []


def test_timing_line_may_carry_position_after_the_end():
    cues = parse("1\n00:00:01,000 --> 00:00:02,000 X1:10 X2:20\nHi\n")
    assert cues[0].end == 2000


def test_bad_index_reports_its_line():
    with pytest.raises(SubtitleError) as info:
        parse(SAMPLE + "x\n00:00:07,000 --> 00:00:08,000\nBye\n")
    assert info.value.line == 10
    assert info.value.column == 1


def test_zero_index_rejected():
    with pytest.raises(SubtitleError):
        parse("0\n00:00:01,000 --> 00:00:02,000\nHi\n")


def test_missing_arrow():
    with pytest.raises(SubtitleError) as info:
        parse("1\n00:00:01,000 -> 00:00:02,000\nHi\n")
    assert info.value.line == 2


def test_bad_start_column():
    with pytest.raises(SubtitleError) as info:
        parse("1\n00:00:1,000 --> 00:00:02,000\nHi\n")
    assert (info.value.line, info.value.column) == (2, 1)


def test_bad_end_column():
    with pytest.raises(SubtitleError) as info:
        parse("\n1\n00:00:01,000 --> 00:00:02.000\nHi\n")
    assert (info.value.line, info.value.column) == (3, 18)


def test_end_seconds_out_of_range_column():
    with pytest.raises(SubtitleError) as info:
        parse("1\n00:00:01,000 --> 00:00:75,000\nHi\n")
    assert (info.value.line, info.value.column) == (2, 24)


@pytest.mark.parametrize("timing", ["00:00:02,000 --> 00:00:01,000", "00:00:02,000 --> 00:00:02,000"])
def test_end_must_follow_start(timing):
    with pytest.raises(SubtitleError) as info:
        parse(f"1\n{timing}\nHi\n")
    assert (info.value.line, info.value.column) == (2, 18)


def test_cue_without_text():
    with pytest.raises(SubtitleError) as info:
        parse("1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nHi\n")
    assert info.value.line == 3


def test_missing_timing_line():
    with pytest.raises(SubtitleError) as info:
        parse("1\n")
    assert info.value.line == 2


def test_render_renumbers_from_one():
    cues = [Cue(7, 1000, 2000, "a"), Cue(3, 62003, 63000, "b\nc")]
    assert render(cues) == (
        "1\n00:00:01,000 --> 00:00:02,000\na\n\n"
        "2\n00:01:02,003 --> 00:01:03,000\nb\nc\n"
    )


def test_render_empty():
    assert render([]) == ""


def test_round_trip():
    assert parse(render(parse(SAMPLE))) == parse(SAMPLE)
    assert render(parse(SAMPLE)) == SAMPLE.rstrip("\n") + "\n"


def test_shift_later_and_earlier():
    cues = parse(SAMPLE)
    later = shift(cues, seconds=1.25)
    assert [(c.start, c.end) for c in later] == [(2250, 4750), (5250, 7250)]
    earlier = shift(cues, ms=-500)
    assert [(c.start, c.end) for c in earlier] == [(500, 3000), (3500, 5500)]
    assert cues[0].start == 1000  # input untouched


def test_shift_clamps_and_drops():
    cues = parse(SAMPLE)
    moved = shift(cues, seconds=-2)
    assert moved == [Cue(1, 0, 1500, "Hello there."), Cue(2, 2000, 4000, "General Kenobi!\nYou are a bold one.")]
    assert [c.index for c in shift(cues, ms=-3500)] == [2]
    assert shift(cues, seconds=-6) == []


def test_overlaps():
    cues = [
        Cue(1, 0, 2000, "a"),
        Cue(2, 2000, 3000, "b"),
        Cue(3, 2500, 4000, "c"),
        Cue(4, 1000, 1500, "d"),
    ]
    assert overlaps(cues) == [(1, 4), (2, 3)]
    assert overlaps(cues[:2]) == []


def test_reading_speed():
    cue = Cue(1, 0, 2000, "Hello\nworld!")
    assert reading_speed(cue) == 5.5
    assert reading_speed(Cue(2, 0, 3000, "abcdefghij")) == 3.3


def test_too_fast_is_strictly_above_the_limit():
    cues = [Cue(1, 0, 1000, "x" * 17), Cue(2, 0, 1000, "x" * 18), Cue(3, 0, 2000, "x" * 20)]
    assert too_fast(cues) == [2]
    assert too_fast(cues, max_cps=9.5) == [1, 2, 3]

import pytest

from colorparse import contrast_ratio, mix, relative_luminance, wcag_level


def test_luminance_of_primaries():
    assert relative_luminance((255, 0, 0)) == pytest.approx(0.2126)
    assert relative_luminance((0, 255, 0)) == pytest.approx(0.7152)
    assert relative_luminance((0, 0, 255)) == pytest.approx(0.0722)
    assert relative_luminance((0, 0, 0)) == 0
    assert relative_luminance((255, 255, 255)) == pytest.approx(1.0)


def test_luminance_low_channel_linear_segment():
    assert relative_luminance((10, 10, 10)) == pytest.approx(10 / 255 / 12.92)


def test_contrast_ratio_either_order():
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == 21.0
    assert contrast_ratio((255, 255, 255), (0, 0, 0)) == 21.0
    assert contrast_ratio((119, 119, 119), (255, 255, 255)) == 4.48
    assert contrast_ratio((255, 255, 255), (118, 118, 118)) == 4.54


@pytest.mark.parametrize(
    "ratio, large, level",
    [
        (7.0, False, "AAA"),
        (6.99, False, "AA"),
        (4.5, False, "AA"),
        (4.49, False, "fail"),
        (4.5, True, "AAA"),
        (3.0, True, "AA"),
        (2.99, True, "fail"),
    ],
)
def test_wcag_levels(ratio, large, level):
    assert wcag_level(ratio, large=large) == level


def test_mix():
    assert mix((0, 0, 0), (255, 255, 255)) == (128, 128, 128)
    assert mix((0, 0, 0), (200, 100, 0), 0.25) == (50, 25, 0)
    assert mix((10, 20, 30), (200, 100, 0), 0) == (10, 20, 30)
    assert mix((10, 20, 30), (200, 100, 0), 1) == (200, 100, 0)
    with pytest.raises(ValueError):
        mix((0, 0, 0), (1, 1, 1), 1.5)

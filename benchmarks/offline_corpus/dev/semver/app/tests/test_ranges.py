import pytest

from semver import InvalidSpec, InvalidVersion, max_satisfying, parse, satisfies


@pytest.mark.parametrize(
    "spec, inside, outside",
    [
        ("^1.2.3", ["1.2.3", "1.2.4", "1.9.0", "1.99.99"], ["1.2.2", "2.0.0", "0.9.0"]),
        ("^0.2.3", ["0.2.3", "0.2.9"], ["0.3.0", "0.2.2", "1.0.0"]),
        ("^0.0.3", ["0.0.3"], ["0.0.4", "0.0.2", "0.1.0"]),
        ("^1.2", ["1.2.0", "1.5.1"], ["1.1.9", "2.0.0"]),
        ("^0.0", ["0.0.0", "0.0.9"], ["0.1.0"]),
        ("~1.2.3", ["1.2.3", "1.2.10"], ["1.3.0", "1.2.2"]),
        ("~1.2", ["1.2.0", "1.2.99"], ["1.3.0", "1.1.0"]),
        ("~1", ["1.0.0", "1.9.9"], ["2.0.0", "0.9.0"]),
        ("1.x", ["1.0.0", "1.99.0"], ["2.0.0", "0.9.9"]),
        ("1.2.x", ["1.2.0", "1.2.7"], ["1.3.0", "1.1.9"]),
        ("1.2", ["1.2.0", "1.2.7"], ["1.3.0"]),
        ("*", ["0.0.0", "9.9.9"], []),
        (">=1.0.0 <2.0.0", ["1.0.0", "1.5.0", "1.99.99"], ["0.9.9", "2.0.0"]),
        (">1.0.0 <=1.5.0", ["1.0.1", "1.5.0"], ["1.0.0", "1.5.1"]),
        (">= 1.0.0 < 1.1", ["1.0.0", "1.0.5"], ["1.1.0"]),
        (">1.2", ["1.3.0"], ["1.2.9"]),
        ("<=1.2", ["1.2.9"], ["1.3.0"]),
        ("1.2.3", ["1.2.3", "1.2.3+build"], ["1.2.4"]),
        ("=1.2.3", ["1.2.3"], ["1.2.2"]),
        ("^1.0.0 || ^3.0.0", ["1.4.0", "3.0.1"], ["2.0.0", "4.0.0"]),
    ],
)
def test_ranges(spec, inside, outside):
    for text in inside:
        assert satisfies(text, spec), f"{text} should satisfy {spec}"
    for text in outside:
        assert not satisfies(text, spec), f"{text} should not satisfy {spec}"


def test_accepts_version_objects():
    assert satisfies(parse("1.4.0"), "^1.2.3")


def test_prereleases_are_excluded_unless_the_range_names_one():
    assert not satisfies("2.0.0-beta.1", ">=1.0.0")
    assert not satisfies("1.3.0-alpha", "^1.2.3")
    assert not satisfies("1.9.0-rc.1", ">=1.0.0 <2.0.0")


def test_prerelease_matches_its_own_version_in_the_range():
    assert satisfies("1.2.3-beta.3", "^1.2.3-beta.2")
    assert satisfies("1.2.3", "^1.2.3-beta.2")
    assert not satisfies("1.2.3-beta.1", "^1.2.3-beta.2")
    assert not satisfies("1.2.4-beta.3", "^1.2.3-beta.2")
    assert satisfies("1.0.0-rc.1", ">=1.0.0-rc.1 <2.0.0")
    assert not satisfies("1.5.0-beta", ">=1.0.0-rc.1 <2.0.0")


@pytest.mark.parametrize("spec", ["", "   ", "^1.2.3.4", "~x.1a", ">=01.0.0", "1.2.3 ||", "=>1.0.0", "^"])
def test_invalid_specs(spec):
    with pytest.raises(InvalidSpec):
        satisfies("1.0.0", spec)


def test_invalid_version_in_satisfies():
    with pytest.raises(InvalidVersion):
        satisfies("1.0", "^1.0.0")


def test_max_satisfying():
    versions = ["1.2.3", "1.2.4", "1.3.0", "2.0.0", "1.10.0"]
    assert max_satisfying(versions, "^1.2.3") == "1.10.0"
    assert max_satisfying(versions, "~1.2.3") == "1.2.4"
    assert max_satisfying(versions, ">=2.0.0") == "2.0.0"


def test_max_satisfying_returns_none_when_nothing_matches():
    assert max_satisfying(["1.0.0", "1.1.0"], "^2.0.0") is None
    assert max_satisfying([], "*") is None


def test_max_satisfying_skips_invalid_versions_and_prereleases():
    assert max_satisfying(["1.0.0", "not-a-version", "1.5.0-rc.1", "1.4.0"], "^1.0.0") == "1.4.0"


def test_max_satisfying_returns_the_item_as_given():
    best = parse("1.1.0+build.7")
    assert max_satisfying([parse("1.0.0"), best], "1.x") is best

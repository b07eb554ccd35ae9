import pytest

from semver import InvalidVersion, Version, parse


def test_parse_full_version():
    version = parse("1.2.3-rc.1+build.5")
    assert (version.major, version.minor, version.patch) == (1, 2, 3)
    assert version.prerelease == ("rc", 1)
    assert version.build == ("build", "5")
    assert version.is_prerelease
    assert str(version) == "1.2.3-rc.1+build.5"


def test_parse_plain_version():
    version = parse("10.20.30")
    assert str(version) == "10.20.30"
    assert version.prerelease == ()
    assert version.build == ()
    assert not version.is_prerelease


@pytest.mark.parametrize(
    "text",
    [
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-0.3.7",
        "1.0.0-x.7.z.92",
        "1.0.0-x-y-z.--",
        "1.0.0+20130313144700",
        "1.0.0-beta+exp.sha.5114f85",
        "1.0.0+21AF26D3----117B344092BD",
        "0.0.0",
    ],
)
def test_round_trip(text):
    assert str(parse(text)) == text


@pytest.mark.parametrize(
    "text",
    ["", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.03", "1.2.3-01", "1.2.3-", "1.2.3+", "1.2.3-a..b",
     "v1.2.3", "1.2.-3", "a.b.c", "1.2.3-rc!"],
)
def test_invalid_versions(text):
    with pytest.raises(InvalidVersion):
        parse(text)


def test_invalid_version_is_a_value_error():
    with pytest.raises(ValueError, match="not a semantic version: '1.2'"):
        parse("1.2")


def test_parse_rejects_non_strings():
    with pytest.raises(InvalidVersion):
        parse(123)


def test_constructor_checks_numbers():
    assert str(Version(1, 2, 3, ("beta", 2))) == "1.2.3-beta.2"
    with pytest.raises(InvalidVersion):
        Version(1, -1, 0)
    with pytest.raises(InvalidVersion):
        Version("1", 0, 0)


def test_spec_precedence_example():
    ordered = [
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
        "2.0.0",
        "2.1.0",
        "2.1.1",
    ]
    versions = [parse(text) for text in ordered]
    for lower, higher in zip(versions, versions[1:]):
        assert lower < higher
        assert higher > lower
    assert sorted(reversed(versions)) == versions


def test_numbers_compare_numerically():
    assert parse("1.10.0") > parse("1.9.0")
    assert parse("1.0.10") > parse("1.0.9")
    assert parse("10.0.0") > parse("9.99.99")


def test_numeric_prerelease_identifiers_compare_numerically():
    assert parse("1.0.0-rc.10") > parse("1.0.0-rc.2")


def test_numeric_identifiers_sort_before_alphanumeric():
    assert parse("1.0.0-1") < parse("1.0.0-alpha")
    assert parse("1.0.0-rc.1") < parse("1.0.0-rc.a")


def test_prerelease_sorts_before_its_release():
    assert parse("1.0.0-rc.1") < parse("1.0.0")
    assert parse("1.0.0") > parse("1.0.0-rc.1")
    assert parse("1.0.0-rc.1") > parse("0.9.9")


def test_build_metadata_is_ignored_for_precedence():
    assert parse("1.0.0+build.1") == parse("1.0.0+build.2")
    assert not parse("1.0.0+build.1") < parse("1.0.0+build.2")
    assert hash(parse("1.0.0+a")) == hash(parse("1.0.0"))
    assert len({parse("1.0.0+a"), parse("1.0.0+b"), parse("1.0.0")}) == 1


def test_compares_with_strings():
    assert parse("1.2.3") == "1.2.3"
    assert parse("1.2.3") < "1.2.4"
    assert parse("1.2.3") != "1.2.4"


def test_bump_major():
    assert str(parse("1.2.3").bump_major()) == "2.0.0"
    assert str(parse("1.2.3-rc.1+b7").bump_major()) == "2.0.0"


def test_bump_minor():
    assert str(parse("1.2.3").bump_minor()) == "1.3.0"
    assert str(parse("0.9.9").bump_minor()) == "0.10.0"


def test_bump_patch():
    assert str(parse("1.2.3").bump_patch()) == "1.2.4"
    assert str(parse("1.2.9+build").bump_patch()) == "1.2.10"


def test_bump_patch_releases_a_prerelease():
    assert str(parse("1.2.3-rc.1").bump_patch()) == "1.2.3"


def test_bumps_return_new_versions():
    version = parse("1.2.3")
    version.bump_major()
    version.bump_minor()
    version.bump_patch()
    assert str(version) == "1.2.3"


def test_release_drops_prerelease_and_build():
    assert str(parse("3.1.4-beta.1+sha.abc").release()) == "3.1.4"


def test_repr():
    assert repr(parse("1.2.3-rc.1")) == "Version('1.2.3-rc.1')"

import pytest
from dotenv_lite import MissingKey, Settings

TEXT = """\
DEBUG=Yes
WORKERS= 4
RATIO=0.5
HOSTS=a.example.com, b.example.com,,  c.example.com ,
PATHS=/usr/bin:/bin
EMPTY=
"""


@pytest.fixture
def settings():
    return Settings.from_text(TEXT)


def test_from_file(tmp_path):
    path = tmp_path / ".env"
    path.write_text("A=1\nB=${HOME_DIR}\n", encoding="utf-8")
    settings = Settings.from_file(path, {"HOME_DIR": "/home/me"})
    assert dict(settings) == {"A": "1", "B": "/home/me"}


def test_get_returns_the_string(settings):
    assert settings.get("RATIO") == "0.5"
    assert settings["WORKERS"] == "4"


def test_get_int(settings):
    assert settings.get_int("WORKERS") == 4


def test_get_int_rejects_non_integers(settings):
    with pytest.raises(ValueError, match="RATIO"):
        settings.get_int("RATIO")
    with pytest.raises(ValueError, match="EMPTY"):
        settings.get_int("EMPTY")


@pytest.mark.parametrize("word", ["true", "TRUE", "True", "1", "yes", "Yes", "on", "ON"])
def test_get_bool_true_words(word):
    assert Settings({"FLAG": word}).get_bool("FLAG") is True


@pytest.mark.parametrize("word", ["false", "False", "0", "no", "NO", "off", "Off"])
def test_get_bool_false_words(word):
    assert Settings({"FLAG": word}).get_bool("FLAG") is False


@pytest.mark.parametrize("word", ["", "2", "y", "enabled"])
def test_get_bool_rejects_other_words(word):
    with pytest.raises(ValueError, match="FLAG"):
        Settings({"FLAG": word}).get_bool("FLAG")


def test_get_list_strips_and_drops_empty_items(settings):
    assert settings.get_list("HOSTS") == ["a.example.com", "b.example.com", "c.example.com"]


def test_get_list_with_another_separator(settings):
    assert settings.get_list("PATHS", sep=":") == ["/usr/bin", "/bin"]


def test_get_list_of_an_empty_value(settings):
    assert settings.get_list("EMPTY") == []


def test_missing_key_names_the_key(settings):
    with pytest.raises(MissingKey) as caught:
        settings.get_int("TIMEOUT")
    assert caught.value.key == "TIMEOUT"
    assert "TIMEOUT" in str(caught.value)


@pytest.mark.parametrize("getter", ["get", "get_int", "get_bool", "get_list"])
def test_every_getter_raises_missing_key(settings, getter):
    with pytest.raises(MissingKey):
        getattr(settings, getter)("NOPE")
    with pytest.raises(KeyError):
        settings["NOPE"]


def test_defaults_are_returned_unconverted(settings):
    assert settings.get_int("TIMEOUT", 30) == 30
    assert settings.get_bool("VERBOSE", default="maybe") == "maybe"
    assert settings.get_list("TAGS", default=()) == ()


@pytest.mark.parametrize("getter", ["get", "get_int", "get_bool", "get_list"])
def test_none_is_a_valid_default(settings, getter):
    assert getattr(settings, getter)("NOPE", default=None) is None


def test_defaults_do_not_hide_defined_keys(settings):
    assert settings.get_int("WORKERS", 1) == 4
    assert settings.get_bool("DEBUG", False) is True


def test_settings_behave_as_a_read_only_mapping(settings):
    assert "DEBUG" in settings
    assert "NOPE" not in settings
    assert len(settings) == 6
    with pytest.raises(TypeError):
        settings["DEBUG"] = "no"

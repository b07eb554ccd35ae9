import pytest

from confparse import (
    InterpolationCycleError,
    InterpolationError,
    NoOptionError,
    NoSectionError,
    loads,
)

TEXT = """\
[DEFAULT]
log_level = info
data_dir = /var/lib/app

[server]
host = 0.0.0.0
port = 8080
workers = 4
ratio = 0.75
debug = off
log_level = debug
pid = ${data_dir}/server.pid

[client]
url = http://${server:host}:${server:port}/
endpoints = users, orders,  ,items
price = $$5
"""


@pytest.fixture
def cfg():
    return loads(TEXT)


def test_default_section_is_not_listed(cfg):
    assert cfg.sections() == ["server", "client"]
    assert cfg.defaults() == {"log_level": "info", "data_dir": "/var/lib/app"}


def test_defaults_are_inherited(cfg):
    assert cfg.get("client", "log_level") == "info"
    assert cfg.has_option("client", "data_dir")
    assert cfg.options("client") == ["url", "endpoints", "price", "log_level", "data_dir"]


def test_section_value_overrides_default(cfg):
    assert cfg.get("server", "log_level") == "debug"
    assert cfg.options("server").count("log_level") == 1


def test_missing_section_and_option(cfg):
    with pytest.raises(NoSectionError):
        cfg.get("nope", "x")
    with pytest.raises(NoOptionError) as info:
        cfg.get("server", "nope")
    assert isinstance(info.value, KeyError)
    assert not cfg.has_option("nope", "x")


def test_fallback_for_missing_values(cfg):
    assert cfg.get("server", "nope", fallback="dflt") == "dflt"
    assert cfg.get("nope", "x", fallback=None) is None
    assert cfg.get_int("server", "backlog", fallback=128) == 128
    assert cfg.get_bool("nope", "x", fallback=True) is True
    assert cfg.get_list("client", "tags", fallback=[]) == []
    assert cfg.get_float("server", "timeout", fallback=2.5) == 2.5


def test_fallback_is_not_used_for_present_values(cfg):
    assert cfg.get_int("server", "port", fallback=1) == 8080


def test_bad_value_raises_even_with_a_fallback(cfg):
    with pytest.raises(ValueError):
        cfg.get_int("server", "host", fallback=0)
    with pytest.raises(ValueError):
        cfg.get_float("server", "debug", fallback=0.0)


def test_same_section_and_default_interpolation(cfg):
    assert cfg.get("server", "pid") == "/var/lib/app/server.pid"


def test_cross_section_interpolation(cfg):
    assert cfg.get("client", "url") == "http://0.0.0.0:8080/"


def test_nested_reference_resolves_in_its_own_section():
    cfg = loads(
        "[db]\nhost = db.internal\nurl = postgres://${host}/app\n"
        "[app]\nhost = app.internal\ndsn = ${db:url}\n"
    )
    assert cfg.get("app", "dsn") == "postgres://db.internal/app"


def test_dollar_escape_and_raw(cfg):
    assert cfg.get("client", "price") == "$5"
    assert cfg.get("client", "url", raw=True) == "http://${server:host}:${server:port}/"


def test_items_are_interpolated(cfg):
    items = dict(cfg.items("server"))
    assert items["pid"] == "/var/lib/app/server.pid"
    assert items["data_dir"] == "/var/lib/app"


def test_unresolvable_reference():
    cfg = loads("[a]\nx = ${missing}\ny = ${other:z}\n")
    with pytest.raises(InterpolationError):
        cfg.get("a", "x")
    with pytest.raises(InterpolationError):
        cfg.get("a", "y")


def test_self_reference_is_a_cycle():
    cfg = loads("[a]\nx = ${x}\n")
    with pytest.raises(InterpolationCycleError) as info:
        cfg.get("a", "x")
    assert info.value.chain == ["a:x", "a:x"]


def test_cycle_across_sections_is_detected():
    cfg = loads("[a]\nx = ${b:y}\n[b]\ny = ${c:z}\n[c]\nz = <${a:x}>\n")
    with pytest.raises(InterpolationCycleError) as info:
        cfg.get("a", "x")
    assert info.value.chain == ["a:x", "b:y", "c:z", "a:x"]
    assert isinstance(info.value, InterpolationError)


def test_repeated_reference_is_not_a_cycle():
    cfg = loads("[a]\nbase = /srv\nboth = ${base}:${base}\nmore = ${both}|${base}\n")
    assert cfg.get("a", "more") == "/srv:/srv|/srv"


def test_get_int_and_float(cfg):
    assert cfg.get_int("server", "workers") == 4
    assert cfg.get_float("server", "ratio") == 0.75
    with pytest.raises(ValueError):
        cfg.get_int("server", "ratio")


@pytest.mark.parametrize("word", ["1", "yes", "true", "on", "YES", "True", "On"])
def test_get_bool_true_words(word):
    assert loads(f"[a]\nflag = {word}\n").get_bool("a", "flag") is True


@pytest.mark.parametrize("word", ["0", "no", "false", "off", "No", "FALSE", "oFF"])
def test_get_bool_false_words(word):
    assert loads(f"[a]\nflag = {word}\n").get_bool("a", "flag") is False


@pytest.mark.parametrize("word", ["maybe", "2", "y", "enabled", ""])
def test_get_bool_rejects_other_words(word):
    with pytest.raises(ValueError):
        loads(f"[a]\nflag = {word}\n").get_bool("a", "flag")


def test_get_list_splits_on_commas_and_drops_blanks(cfg):
    assert cfg.get_list("client", "endpoints") == ["users", "orders", "items"]


def test_get_list_over_continuation_lines():
    cfg = loads("[a]\nhosts = one, two\n  three\n  four,five\n")
    assert cfg.get_list("a", "hosts") == ["one", "two", "three", "four", "five"]


def test_get_list_single_item_and_interpolated():
    cfg = loads("[a]\nbase = x\nitems = ${base}\n")
    assert cfg.get_list("a", "items") == ["x"]

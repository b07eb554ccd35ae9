import pytest

from textkit import MissingKey, Template


def test_render_with_keywords():
    assert Template("Hello, {name}!").render(name="Ada") == "Hello, Ada!"


def test_render_with_a_mapping_and_keywords():
    template = Template("{greeting}, {name}")
    assert template.render({"greeting": "Hi", "name": "Ada"}) == "Hi, Ada"
    assert template.render({"greeting": "Hi", "name": "Ada"}, name="Grace") == "Hi, Grace"


def test_values_are_converted_with_str():
    assert Template("{n} items at {price}").render(n=3, price=1.5) == "3 items at 1.5"


def test_repeated_placeholder():
    assert Template("{x}+{x}").render(x=2) == "2+2"


def test_defaults_fill_missing_values():
    template = Template("{greeting}, {name}", greeting="Hello")
    assert template.render(name="Ada") == "Hello, Ada"


def test_values_override_defaults():
    template = Template("{greeting}, {name}", greeting="Hello")
    assert template.render(greeting="Bonjour", name="Ada") == "Bonjour, Ada"
    assert template.defaults == {"greeting": "Hello"}


def test_double_braces_are_literal():
    assert Template("{{name}} is {name}").render(name="Ada") == "{name} is Ada"
    assert Template("set = {{1, 2}}").render() == "set = {1, 2}"


def test_names_in_order_of_appearance():
    assert Template("{b} {a} {b} {{c}}").names == ("b", "a")


def test_missing_key_lists_every_missing_name():
    template = Template("{greeting}, {name}! You have {count} messages.", greeting="Hi")
    with pytest.raises(MissingKey) as info:
        template.render()
    assert info.value.names == ("name", "count")
    assert str(info.value) == "missing values for: name, count"


def test_missing_key_is_a_key_error():
    with pytest.raises(KeyError):
        Template("{x}").render()

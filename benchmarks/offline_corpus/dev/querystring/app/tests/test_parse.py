import pytest

from querystring import parse


def test_flat_pairs():
    assert parse("a=1&b=two") == {"a": "1", "b": "two"}


def test_leading_question_mark_and_empty_parts():
    assert parse("?a=1&&b=2&") == {"a": "1", "b": "2"}
    assert parse("") == {}
    assert parse("?") == {}


def test_key_without_value():
    assert parse("flag&x=") == {"flag": "", "x": ""}


def test_value_may_contain_equals():
    assert parse("expr=a%3Db&raw=x=y") == {"expr": "a=b", "raw": "x=y"}


def test_plus_is_a_space_and_percent_escapes_decode():
    assert parse("q=hello+world&city=S%C3%A3o+Paulo") == {"q": "hello world", "city": "São Paulo"}


def test_encoded_plus_stays_a_plus():
    assert parse("sum=1%2B1&both=a%2B+b") == {"sum": "1+1", "both": "a+ b"}


def test_keys_are_decoded_too():
    assert parse("first+name=Ada&a%5Bb%5D=1") == {"first name": "Ada", "a": {"b": "1"}}


def test_invalid_escapes_are_replaced_when_not_strict():
    assert parse("x=%E9t%E9") == {"x": "\ufffdt\ufffd"}


def test_repeated_plain_keys_collect_into_a_list():
    assert parse("tag=a&tag=b") == {"tag": ["a", "b"]}
    assert parse("tag=a&tag=b&tag=c&other=1") == {"tag": ["a", "b", "c"], "other": "1"}


def test_repeated_nested_keys_collect_too():
    assert parse("f[color]=red&f[color]=blue") == {"f": {"color": ["red", "blue"]}}


def test_nested_dicts():
    assert parse("a[b][c]=1&a[b][d]=2&a[e]=3") == {"a": {"b": {"c": "1", "d": "2"}, "e": "3"}}


def test_empty_brackets_build_a_list():
    assert parse("ids[]=3&ids[]=1&ids[]=2") == {"ids": ["3", "1", "2"]}


def test_list_of_dicts_by_index():
    assert parse("u[0][name]=ada&u[0][age]=36&u[1][name]=alan") == {
        "u": [{"name": "ada", "age": "36"}, {"name": "alan"}]
    }


def test_indices_are_compacted_in_index_order():
    assert parse("a[1]=b&a[0]=a") == {"a": ["a", "b"]}
    assert parse("a[7]=late&a[2]=early") == {"a": ["early", "late"]}
    assert parse("a[10]=x&a[9]=y&a[2]=z") == {"a": ["z", "y", "x"]}


def test_append_after_an_index():
    assert parse("a[0]=x&a[]=y") == {"a": ["x", "y"]}


def test_index_past_the_list_limit_becomes_a_dict_key():
    assert parse("a[19]=x") == {"a": ["x"]}
    assert parse("a[20]=x") == {"a": {"20": "x"}}
    assert parse("a[100]=x&a[1]=y") == {"a": {"100": "x", "1": "y"}}


def test_custom_list_limit():
    assert parse("a[2]=x", list_limit=3) == {"a": ["x"]}
    assert parse("a[3]=x", list_limit=3) == {"a": {"3": "x"}}
    assert parse("a[0]=x", list_limit=0) == {"a": {"0": "x"}}


def test_append_past_the_list_limit_uses_string_keys():
    assert parse("a[]=1&a[]=2&a[]=3", list_limit=2) == {"a": {"0": "1", "1": "2", "2": "3"}}


def test_leading_zero_is_a_name_not_an_index():
    assert parse("a[01]=x") == {"a": {"01": "x"}}


def test_mixed_indices_and_names_give_a_dict():
    assert parse("a[0]=x&a[name]=y") == {"a": {"0": "x", "name": "y"}}


def test_depth_up_to_the_limit_is_parsed():
    assert parse("a[b][c][d][e][f]=1") == {"a": {"b": {"c": {"d": {"e": {"f": "1"}}}}}}


def test_segments_past_max_depth_stay_one_key():
    assert parse("a[b][c][d][e][f][g][h]=1") == {"a": {"b": {"c": {"d": {"e": {"f": {"[g][h]": "1"}}}}}}}
    assert parse("a[b][c]=1", max_depth=1) == {"a": {"b": {"[c]": "1"}}}
    assert parse("a[b][c]=1", max_depth=2) == {"a": {"b": {"c": "1"}}}


def test_max_depth_zero_keeps_keys_whole():
    assert parse("a[b]=1&c[]=2", max_depth=0) == {"a[b]": "1", "c[]": "2"}


def test_malformed_brackets_keep_the_key_whole():
    assert parse("a[b=1&c]=2&[x]=3&a[b]c=4") == {"a[b": "1", "c]": "2", "[x]": "3", "a[b]c": "4"}


def test_empty_key_is_skipped():
    assert parse("=lonely&a=1") == {"a": "1"}


def test_later_value_wins_over_nested_keys_when_not_strict():
    assert parse("a[b]=1&a=2") == {"a": "2"}
    assert parse("a=2&a[b]=1") == {"a": {"b": "1"}}


@pytest.mark.parametrize("kwargs", [{"max_depth": -1}, {"list_limit": -1}])
def test_negative_limits_are_refused(kwargs):
    with pytest.raises(ValueError):
        parse("a=1", **kwargs)

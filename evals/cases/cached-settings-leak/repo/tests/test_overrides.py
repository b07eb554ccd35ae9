import os

from svc.settings import get_settings, page_size


def test_environment_overrides_the_maximum():
    os.environ["SVC_MAX_ITEMS"] = "10"
    assert get_settings().max_items == 10
    assert page_size(25) == 10


def test_debug_flag_is_read():
    os.environ["SVC_DEBUG"] = "1"
    get_settings.cache_clear()
    assert get_settings().debug

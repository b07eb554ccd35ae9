from svc.settings import get_settings, page_size


def test_defaults_apply_without_environment():
    settings = get_settings()
    assert settings.region == "eu-west-1"
    assert settings.max_items == 50 and not settings.debug


def test_page_size_is_capped_by_the_default_maximum():
    assert page_size(500) == 50
    assert page_size(None) == 50

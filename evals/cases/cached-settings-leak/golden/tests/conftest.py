import os

import pytest

from svc.settings import get_settings


@pytest.fixture(autouse=True)
def isolated_settings():
    """Each test sees the environment as it was before the run and reads settings afresh: the settings are
    cached process-wide and the tests change os.environ, so without this they leak into each other."""
    saved = dict(os.environ)
    get_settings.cache_clear()
    yield
    os.environ.clear()
    os.environ.update(saved)
    get_settings.cache_clear()

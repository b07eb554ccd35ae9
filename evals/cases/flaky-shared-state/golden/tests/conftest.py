import pytest

from accounts import registry


@pytest.fixture(autouse=True)
def fresh_registry():
    """Each test starts with an empty registry: the registry is module state shared by every test in the run."""
    registry.reset()
    yield
    registry.reset()

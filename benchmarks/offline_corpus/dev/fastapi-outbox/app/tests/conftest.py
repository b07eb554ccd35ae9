import pytest
from fastapi.testclient import TestClient

from outbox.config import get_settings
from outbox.main import app, get_clock

ALICE = {"X-API-Key": "alice-key"}
BOB = {"X-API-Key": "bob-key"}


class FakeClock:
    def __init__(self, now=1_000_000.0):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def client(tmp_path, monkeypatch, clock):
    monkeypatch.setenv("OUTBOX_DATABASE_PATH", str(tmp_path / "outbox.db"))
    # A space after the comma, as people write it in .env files.
    monkeypatch.setenv("OUTBOX_API_KEYS", "alice-key=alice, bob-key=bob")
    monkeypatch.setenv("OUTBOX_RATE_LIMIT_PER_MINUTE", "100")
    get_settings.cache_clear()
    app.dependency_overrides[get_clock] = lambda: clock
    with TestClient(app) as client:
        yield client
    app.dependency_overrides.clear()
    get_settings.cache_clear()


@pytest.fixture
def limited_client(tmp_path, monkeypatch, clock):
    monkeypatch.setenv("OUTBOX_DATABASE_PATH", str(tmp_path / "outbox.db"))
    monkeypatch.setenv("OUTBOX_API_KEYS", "alice-key=alice,bob-key=bob")
    monkeypatch.setenv("OUTBOX_RATE_LIMIT_PER_MINUTE", "3")
    get_settings.cache_clear()
    app.dependency_overrides[get_clock] = lambda: clock
    with TestClient(app) as client:
        yield client
    app.dependency_overrides.clear()
    get_settings.cache_clear()


@pytest.fixture
def transport(client):
    return app.state.transport


def message(**overrides):
    body = {"to": "carol@example.com", "subject": "Hello", "body": "Hi Carol"}
    body.update(overrides)
    return body

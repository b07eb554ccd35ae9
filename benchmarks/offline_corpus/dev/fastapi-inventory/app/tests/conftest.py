import pytest
from fastapi.testclient import TestClient

from inventory.clock import get_clock
from inventory.dependencies import get_repository
from inventory.main import app
from inventory.repository import InventoryRepository
from inventory.settings import get_settings

ACME_KEY = "k-acme-7f3a"
GLOBEX_KEY = "k-globex-91c2"
START = 1_700_000_000.0


class FakeClock:
    def __init__(self, start: float = START) -> None:
        self.current = start

    def now(self) -> float:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += seconds


@pytest.fixture
def env(monkeypatch):
    monkeypatch.setenv("INVENTORY_API_KEYS", f"{ACME_KEY}:acme, {GLOBEX_KEY}:globex")
    monkeypatch.setenv("INVENTORY_RESERVATION_TTL", "60")
    monkeypatch.setenv("INVENTORY_LOW_STOCK_THRESHOLD", "3")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def client(env, clock):
    repository = InventoryRepository()
    app.dependency_overrides[get_repository] = lambda: repository
    app.dependency_overrides[get_clock] = lambda: clock
    with TestClient(app) as c:
        yield c
    app.dependency_overrides.clear()


@pytest.fixture
def acme():
    return {"X-Api-Key": ACME_KEY}


@pytest.fixture
def globex():
    return {"X-Api-Key": GLOBEX_KEY}


@pytest.fixture
def create_item(client, acme):
    def create(sku="BOLT-M6", name="Hex bolt M6", quantity=10, headers=None):
        response = client.post("/items", json={"sku": sku, "name": name, "quantity": quantity}, headers=headers or acme)
        assert response.status_code == 201, response.text
        return response.json()

    return create

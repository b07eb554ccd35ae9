import pytest
from fastapi.testclient import TestClient

from contacts.config import Settings, get_settings
from contacts.main import app
from contacts.repository import ContactRepository, get_repo

ACME = {"X-API-Key": "acme-key-1"}
ACME2 = {"X-API-Key": "acme-key-2"}
GLOBEX = {"X-API-Key": "globex-key"}


@pytest.fixture
def client():
    repo = ContactRepository()
    settings = Settings(api_keys="acme-key-1:acme, acme-key-2:acme, globex-key:globex")
    app.dependency_overrides[get_repo] = lambda: repo
    app.dependency_overrides[get_settings] = lambda: settings
    with TestClient(app) as client:
        yield client
    app.dependency_overrides.clear()


def add(client, name, email=None, headers=ACME):
    email = email or f"{name.lower().replace(' ', '.')}@example.com"
    response = client.post("/contacts", json={"name": name, "email": email}, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()

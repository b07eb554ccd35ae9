import os
import tempfile

import pytest

# The engine is made when catalog.db is imported, so the URL must be set first.
os.environ.setdefault("CATALOG_DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/catalog-test.db")

from fastapi.testclient import TestClient  # noqa: E402
from sqlmodel import SQLModel  # noqa: E402

from catalog.config import get_settings  # noqa: E402
from catalog.db import engine  # noqa: E402
from catalog.main import app  # noqa: E402

TOKEN = "s3cret-admin-token"
ADMIN = {"X-Admin-Token": TOKEN}


@pytest.fixture
def client(monkeypatch):
    monkeypatch.setenv("CATALOG_ADMIN_TOKEN", TOKEN)
    get_settings.cache_clear()
    SQLModel.metadata.drop_all(engine)
    with TestClient(app) as client:
        yield client
    get_settings.cache_clear()


@pytest.fixture
def create(client):
    def create(**fields):
        body = {"name": "Mug", "price": "9.50", "stock": 3, "tags": []}
        body.update(fields)
        response = client.post("/products", json=body, headers=ADMIN)
        assert response.status_code == 201, response.text
        return response.json()

    return create

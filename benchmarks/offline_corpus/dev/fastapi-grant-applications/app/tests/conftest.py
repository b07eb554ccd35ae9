import os
import shutil
import tempfile

import pytest

_tmp = tempfile.mkdtemp(prefix="grants-tests-")
os.environ["GRANTS_DATABASE_URL"] = f"sqlite:///{_tmp}/grants.db"
os.environ["GRANTS_SECRET_KEY"] = "test-secret-key-that-is-at-least-32-bytes"

from fastapi.testclient import TestClient  # noqa: E402

from grants.database import Base, engine  # noqa: E402
from grants.main import app  # noqa: E402


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_tmp, ignore_errors=True)


@pytest.fixture
def client():
    with TestClient(app) as client:
        yield client
    Base.metadata.drop_all(bind=engine)


def account(client, email, role="applicant", password="correct-horse"):
    response = client.post("/auth/register", json={"email": email, "password": password, "role": role})
    assert response.status_code == 201, response.text
    token = client.post("/auth/token", data={"username": email, "password": password})
    assert token.status_code == 200, token.text
    return {"id": response.json()["id"], "headers": {"Authorization": f"Bearer {token.json()['access_token']}"}}


@pytest.fixture
def alice(client):
    return account(client, "alice@example.com")


@pytest.fixture
def bob(client):
    return account(client, "bob@example.com")


@pytest.fixture
def reviewer(client):
    return account(client, "rita@funder.org", "reviewer")


@pytest.fixture
def draft(client):
    def draft(who, title="Community garden", amount=1200):
        response = client.post("/applications", json={"title": title, "amount": amount}, headers=who["headers"])
        assert response.status_code == 201, response.text
        return response.json()

    return draft

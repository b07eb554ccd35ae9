import pytest
from fastapi.testclient import TestClient

from ideas.main import app

ADMIN_KEY = "admin-secret-key"


def bearer(key):
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setenv("IDEAS_DB", str(tmp_path / "ideas.sqlite"))
    monkeypatch.setenv("IDEAS_ADMIN_KEY", ADMIN_KEY)
    with TestClient(app) as client:
        yield client


@pytest.fixture
def admin():
    return bearer(ADMIN_KEY)


@pytest.fixture
def make_user(client, admin):
    def make_user(name, is_admin=False):
        response = client.post("/users", json={"name": name, "is_admin": is_admin}, headers=admin)
        assert response.status_code == 201, response.json()
        return bearer(response.json()["api_key"])

    return make_user


@pytest.fixture
def ann(make_user):
    return make_user("ann")


@pytest.fixture
def ben(make_user):
    return make_user("ben")


@pytest.fixture
def cat(make_user):
    return make_user("cat")


@pytest.fixture
def post_idea(client, ann):
    def post_idea(title="Dark mode", body="Please.", headers=None):
        response = client.post("/ideas", json={"title": title, "body": body}, headers=headers or ann)
        assert response.status_code == 201, response.json()
        return response.json()

    return post_idea

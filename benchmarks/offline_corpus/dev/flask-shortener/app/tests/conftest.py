import pytest

from shortener import create_app

USER_KEY = "user-key-123"
ADMIN_KEY = "admin-key-456"


@pytest.fixture
def app(tmp_path):
    return create_app(api_key=USER_KEY, admin_key=ADMIN_KEY, db_path=str(tmp_path / "links.sqlite3"))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def user():
    return {"X-API-Key": USER_KEY}


@pytest.fixture
def admin():
    return {"X-API-Key": ADMIN_KEY}


@pytest.fixture
def link(client, user):
    return client.post("/links", json={"url": "https://example.org/docs", "code": "docs"}, headers=user).get_json()

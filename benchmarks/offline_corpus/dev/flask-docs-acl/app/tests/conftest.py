from datetime import datetime, timedelta

import pytest

from docshare import create_app

START = datetime(2026, 5, 4, 10, 0, 0)


class Clock:
    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, **kwargs):
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock():
    return Clock(START)


@pytest.fixture
def app(tmp_path, clock):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'docs.sqlite'}",
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "CLOCK": clock,
        }
    )


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def user(app):
    """Create an account and return a test client signed in as it."""

    def user(username, role="reader", password="long enough"):
        if role == "editor":
            result = app.test_cli_runner().invoke(
                args=["create-user", username, "--password", password, "--role", "editor"]
            )
            assert result.exit_code == 0, result.output
        else:
            response = app.test_client().post("/auth/register", json={"username": username, "password": password})
            assert response.status_code == 201, response.get_json()
        client = app.test_client()
        response = client.post("/auth/login", json={"username": username, "password": password})
        assert response.status_code == 200, response.get_json()
        return client

    return user


@pytest.fixture
def alice(user):
    return user("alice", role="editor")


@pytest.fixture
def bob(user):
    return user("bob")


@pytest.fixture
def carol(user):
    return user("carol")


@pytest.fixture
def new_doc(alice):
    def new_doc(title="Quarterly plan", body="Budget and hiring for Q3.", client=None):
        response = (client or alice).post("/documents", json={"title": title, "body": body})
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return new_doc


@pytest.fixture
def share(alice):
    def share(doc, username, role):
        response = alice.put(f"/documents/{doc['id']}/shares/{username}", json={"role": role})
        assert response.status_code in (200, 201), response.get_json()

    return share

import pytest

from todos import create_app


@pytest.fixture
def app():
    return create_app()


@pytest.fixture
def client(app):
    return app.test_client()


ALICE = {"Authorization": "Bearer tk_4f9a1c2e"}
BOB = {"Authorization": "Bearer tk_b7d30e55"}


@pytest.fixture
def alice_todo(client):
    return client.post("/todos", json={"title": "water the plants"}, headers=ALICE).get_json()

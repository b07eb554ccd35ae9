import base64

import pytest

from recipes import create_app
from recipes.db import init_db


@pytest.fixture
def app(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "recipes.sqlite"),
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    with app.app_context():
        init_db()
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


def basic(username, password):
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@pytest.fixture
def register(client):
    def register_(username, password="correct horse"):
        response = client.post("/users", json={"username": username, "password": password})
        assert response.status_code == 201, response.get_json()
        return basic(username, password)

    return register_


@pytest.fixture
def alice(register):
    return register("alice")


@pytest.fixture
def bob(register):
    return register("bob")


PANCAKES = {
    "title": "Pancakes",
    "instructions": "Whisk, rest, fry.",
    "ingredients": [
        {"name": "Flour", "quantity": 200, "unit": "g"},
        {"name": "Milk", "quantity": 300, "unit": "ml"},
        {"name": "Eggs", "quantity": 2},
    ],
}


@pytest.fixture
def pancakes(client, alice):
    response = client.post("/recipes", json=PANCAKES, headers=alice)
    assert response.status_code == 201
    return response.get_json()

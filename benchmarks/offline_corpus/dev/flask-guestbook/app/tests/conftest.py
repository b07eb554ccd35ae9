import base64

import pytest

from guestbook import create_app


@pytest.fixture
def app(tmp_path):
    return create_app(DATABASE=str(tmp_path / "gb.sqlite3"), ADMIN_PASSWORD="s3cret-staff", TESTING=True)


@pytest.fixture
def client(app):
    return app.test_client()


def basic(user, password):
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


ADMIN = basic("admin", "s3cret-staff")


def sign(client, name="Ada", message="Lovely evening", rating="5"):
    return client.post("/sign", data={"name": name, "message": message, "rating": rating})

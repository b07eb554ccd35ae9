import pytest
from fastapi.testclient import TestClient

from roombook.main import create_app
from roombook.settings import Settings

ADMIN = ("facilities", "open-sesame")


@pytest.fixture
def settings(tmp_path):
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'rooms.db'}",
        admin_username=ADMIN[0],
        admin_password=ADMIN[1],
        weekly_quota_hours=10,
        max_occurrences=12,
    )


@pytest.fixture
def client(settings):
    with TestClient(create_app(settings)) as client:
        yield client


def make_room(client, name, timezone, opens="08:00", closes="18:00", capacity=8):
    response = client.post(
        "/rooms",
        json={"name": name, "timezone": timezone, "opens": opens, "closes": closes, "capacity": capacity},
        auth=ADMIN,
    )
    assert response.status_code == 201, response.text
    return response.json()


def make_user(client, name):
    response = client.post("/users", json={"name": name})
    assert response.status_code == 201, response.text
    return {"X-User": response.json()["token"]}


@pytest.fixture
def berlin(client):
    return make_room(client, "Spree", "Europe/Berlin")


@pytest.fixture
def new_york(client):
    return make_room(client, "Hudson", "America/New_York", opens="09:00", closes="17:00")


@pytest.fixture
def alice(client):
    return make_user(client, "Alice")


@pytest.fixture
def bob(client):
    return make_user(client, "Bob")


@pytest.fixture
def reserve(client):
    def reserve(room, headers, start, end, title="Meeting", **extra):
        return client.post(
            f"/rooms/{room['id']}/reservations",
            json={"title": title, "start": start, "end": end, **extra},
            headers=headers,
        )

    return reserve

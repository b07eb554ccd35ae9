from datetime import datetime, timedelta

import pytest

from gymclasses import create_app

NOW = datetime(2031, 3, 10, 8, 0)
STAFF = {"X-Staff-Token": "staff-secret"}


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def set(self, moment):
        self.now = moment


@pytest.fixture
def clock():
    return Clock(NOW)


@pytest.fixture
def app(clock, tmp_path):
    return create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'gym.sqlite'}",
            "STAFF_TOKEN": "staff-secret",
            "CLOCK": clock,
        }
    )


@pytest.fixture
def client(app):
    return app.test_client()


def make_class(client, hours=48, capacity=10, price="12.25", title="Spin"):
    starts_at = (NOW + timedelta(hours=hours)).isoformat()
    response = client.post(
        "/classes", json={"title": title, "starts_at": starts_at, "capacity": capacity, "price": price}, headers=STAFF
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def member(client, name="Mo", credit="50.00"):
    response = client.post("/members", json={"name": name})
    assert response.status_code == 201
    headers = {"Authorization": f"Bearer {response.get_json()['token']}"}
    if credit:
        assert client.post("/members/me/topup", json={"amount": credit}, headers=headers).status_code == 200
    return headers


def book(client, headers, class_id):
    return client.post(f"/classes/{class_id}/bookings", headers=headers)

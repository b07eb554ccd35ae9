from datetime import datetime, timedelta, timezone

import pytest

from eventsapi import create_app

NOW = datetime(2031, 3, 1, 12, 0, tzinfo=timezone.utc)

TOKENS = {"tok-olga": "olga", "tok-pavel": "pavel"}


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    return Clock(NOW)


@pytest.fixture
def app(clock):
    return create_app({"TESTING": True, "ORGANISER_TOKENS": TOKENS, "CLOCK": clock})


@pytest.fixture
def client(app):
    return app.test_client()


OLGA = {"Authorization": "Bearer tok-olga"}
PAVEL = {"Authorization": "Bearer tok-pavel"}


def iso(moment):
    return moment.isoformat()


def event_payload(**overrides):
    payload = {
        "title": "PyCon meetup",
        "capacity": 2,
        "starts_at": iso(NOW + timedelta(days=30)),
        "price": "40.00",
        "early_bird_price": "25.00",
        "early_bird_until": iso(NOW + timedelta(days=10)),
    }
    payload.update(overrides)
    return payload


@pytest.fixture
def make_event(client):
    def make(headers=OLGA, **overrides):
        response = client.post("/events", json=event_payload(**overrides), headers=headers)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return make


@pytest.fixture
def register(client):
    def reg(event_id, email, name=None):
        response = client.post(
            f"/events/{event_id}/registrations", json={"email": email, "name": name or email.split("@")[0]}
        )
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return reg

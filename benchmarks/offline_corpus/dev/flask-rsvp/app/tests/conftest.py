from datetime import datetime, timedelta, timezone

import pytest
from werkzeug.security import generate_password_hash

from rsvp import create_app
from rsvp.extensions import db
from rsvp.models import User

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)
# A cheap hash for the seeded accounts keeps the suite fast; check_password_hash reads the method from the hash.
SEED_PASSWORD_HASH = generate_password_hash("correct horse", method="pbkdf2:sha256:1000")


class FrozenClock:
    def __init__(self, start=NOW):
        self.current = start

    def __call__(self):
        return self.current

    def advance(self, **delta):
        self.current += timedelta(**delta)


@pytest.fixture
def clock():
    return FrozenClock()


@pytest.fixture
def app(tmp_path, clock):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'rsvp.sqlite'}",
            "JWT_SECRET_KEY": "test-secret-0123456789abcdef0123456789",
            "CLOCK": clock,
        }
    )
    with app.app_context():
        db.create_all()
        for email, name in [("olga@example.com", "Olga"), ("ann@example.com", "Ann"), ("ben@example.com", "Ben"),
                            ("cy@example.com", "Cy"), ("dee@example.com", "Dee")]:
            db.session.add(User(email=email, name=name, password_hash=SEED_PASSWORD_HASH))
        db.session.commit()
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


def login(client, email):
    response = client.post("/auth/login", json={"email": email, "password": "correct horse"})
    assert response.status_code == 200, response.get_json()
    return {"Authorization": f"Bearer {response.get_json()['access_token']}"}


@pytest.fixture
def as_user(client):
    """Headers for a seeded user by first name: as_user("ann")."""
    return lambda name: login(client, f"{name}@example.com")


@pytest.fixture
def organiser(as_user):
    return as_user("olga")


@pytest.fixture
def make_event(client, organiser):
    def make(capacity=2, starts_in=timedelta(days=7), title="Board games night"):
        starts_at = (NOW + starts_in).isoformat()
        response = client.post(
            "/events", json={"title": title, "capacity": capacity, "starts_at": starts_at}, headers=organiser
        )
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return make


def rsvp(client, headers, event_id, answer):
    return client.put(f"/events/{event_id}/rsvp", json={"answer": answer}, headers=headers)

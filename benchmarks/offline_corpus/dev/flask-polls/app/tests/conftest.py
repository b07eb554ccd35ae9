from datetime import datetime, timedelta, timezone

import pytest

from polls import create_app
from polls.extensions import db
from polls.models import Poll, User

USERS = {"alice": "Alice", "bob": "Bob", "carol": "Carol", "dave": "Dave"}


@pytest.fixture
def app(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'polls.sqlite'}",
            "POLLS_PER_PAGE": 3,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        }
    )
    with app.app_context():
        for username, name in USERS.items():
            user = User(email=f"{username}@example.com", name=name)
            user.set_password(f"{username}-password", method="pbkdf2:sha256:1000")
            db.session.add(user)
        db.session.commit()
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def login(app):
    """A new client logged in as `username`."""

    def login(username):
        client = app.test_client()
        response = client.post(
            "/api/login", json={"email": f"{username}@example.com", "password": f"{username}-password"}
        )
        assert response.status_code == 200, response.get_json()
        return client

    return login


@pytest.fixture
def alice(login):
    return login("alice")


@pytest.fixture
def bob(login):
    return login("bob")


def in_hours(hours):
    return (datetime.now(timezone.utc) + timedelta(hours=hours)).isoformat()


@pytest.fixture
def make_poll(alice):
    def make_poll(question="Lunch?", options=("Pizza", "Sushi", "Salad"), hours=24, client=None):
        response = (client or alice).post(
            "/api/polls", json={"question": question, "options": list(options), "closes_at": in_hours(hours)}
        )
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return make_poll


@pytest.fixture
def poll(make_poll):
    return make_poll()


@pytest.fixture
def expire(app):
    """Move a poll's closing time into the past."""

    def expire(poll_id):
        with app.app_context():
            db.session.get(Poll, poll_id).closes_at = datetime.now(timezone.utc).replace(tzinfo=None) - timedelta(
                minutes=1
            )
            db.session.commit()

    return expire

import re
from datetime import datetime, timedelta, timezone

import pytest

from giftcards import create_app
from giftcards.db import create_merchant, init_db


class Clock:
    def __init__(self, at: datetime):
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **kwargs) -> None:
        self.at += timedelta(**kwargs)


class Outbox:
    def __init__(self):
        self.sent = []

    def send(self, to, subject, body):
        self.sent.append({"to": to, "subject": subject, "body": body})

    def last_token(self, to):
        for mail in reversed(self.sent):
            if mail["to"] == to:
                return re.search(r"token=(\S+)", mail["body"]).group(1)
        raise AssertionError(f"no mail to {to}")


@pytest.fixture
def clock():
    return Clock(datetime(2026, 5, 4, 9, 30, tzinfo=timezone.utc))


@pytest.fixture
def outbox():
    return Outbox()


@pytest.fixture
def app(tmp_path, clock, outbox):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATABASE": str(tmp_path / "giftcards.sqlite"),
            "BASE_URL": "https://cards.example",
            "CLOCK": clock,
            "MAILER": outbox,
        }
    )
    with app.app_context():
        init_db()
        create_merchant("Corner Bakery", "bakery@example.com")
        create_merchant("Book Nook", "books@example.com")
    return app


def sign_in(client, outbox, email):
    assert client.post("/auth/link", json={"email": email}).status_code == 202
    r = client.get(f"/auth/callback?token={outbox.last_token(email)}")
    assert r.status_code == 200, r.get_json()
    return client


@pytest.fixture
def bakery(app, outbox):
    """A test client signed in as the Corner Bakery."""
    return sign_in(app.test_client(), outbox, "bakery@example.com")


@pytest.fixture
def books(app, outbox):
    """A test client signed in as the Book Nook."""
    return sign_in(app.test_client(), outbox, "books@example.com")


def issue(client, amount=2500, **extra):
    r = client.post("/cards", json={"amount_cents": amount, **extra})
    assert r.status_code == 201, r.get_json()
    return r.get_json()

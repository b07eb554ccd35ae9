import re
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlparse

import pytest

from newsletter import create_app

ADMIN = {"X-Admin-Key": "admin-key-123"}
START = datetime(2026, 6, 1, 8, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self):
        self.now = START

    def __call__(self):
        return self.now

    def advance(self, **kw):
        self.now += timedelta(**kw)


class Outbox(list):
    def __call__(self, to, subject, body):
        self.append((to, subject, body))

    def link(self, to):
        for recipient, _, body in reversed(self):
            if recipient == to:
                url = urlparse(re.search(r"http\S+", body).group(0))
                return url.path, {k: v[0] for k, v in parse_qs(url.query).items()}
        raise AssertionError(f"no mail to {to}")


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def outbox():
    return Outbox()


@pytest.fixture
def app(tmp_path, clock, outbox, monkeypatch):
    monkeypatch.setenv("NEWSLETTER_SECRET", "s3cret-signing-key")
    monkeypatch.setenv("NEWSLETTER_ADMIN_KEY", "admin-key-123")
    return create_app({"TESTING": True, "DATABASE": str(tmp_path / "news.sqlite"), "CLOCK": clock,
                       "MAILER": outbox})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def subscribed(client, outbox):
    def subscribed(email="ada@example.com", lists=None):
        assert client.post("/subscribe", json={"email": email, "lists": lists}).status_code == 202
        path, params = outbox.link(email)
        assert client.get(path, query_string=params).status_code == 200
        return email

    return subscribed

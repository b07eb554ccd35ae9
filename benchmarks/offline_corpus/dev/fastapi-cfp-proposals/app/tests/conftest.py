from datetime import datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

from cfp import create_app

KEYS = {"key-olga": "olga", "key-sam": "sam", "key-tess": "tess"}
OLGA = {"Authorization": "Bearer key-olga"}  # organiser
SAM = {"Authorization": "Bearer key-sam"}  # speaker
TESS = {"Authorization": "Bearer key-tess"}  # another speaker

CLOSES = datetime(2030, 3, 1, 12, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock():
    return Clock(datetime(2030, 2, 1, 9, 0, tzinfo=timezone.utc))


@pytest.fixture
def app(clock):
    return create_app(api_keys=KEYS, clock=clock)


@pytest.fixture
def client(app):
    with TestClient(app) as c:
        yield c


@pytest.fixture
def conference(client):
    r = client.post(
        "/conferences",
        json={
            "name": "PyCon Nowhere",
            "cfp_closes_at": CLOSES.isoformat(),
            "max_proposals_per_speaker": 2,
        },
        headers=OLGA,
    )
    assert r.status_code == 201, r.text
    return r.json()


def propose(client, conference, headers=SAM, title="Testing in anger", **extra):
    r = client.post(
        f"/conferences/{conference['id']}/proposals",
        json={"title": title, "abstract": "A talk.", **extra},
        headers=headers,
    )
    assert r.status_code == 201, r.text
    return r.json()


def move(client, proposal, to, headers=SAM):
    return client.post(
        f"/conferences/{proposal['conference_id']}/proposals/{proposal['id']}/transitions",
        json={"to": to},
        headers=headers,
    )


def url(proposal):
    return f"/conferences/{proposal['conference_id']}/proposals/{proposal['id']}"

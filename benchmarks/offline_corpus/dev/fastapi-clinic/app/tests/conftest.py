import os
import shutil
import tempfile
from datetime import datetime, timedelta, timezone

import pytest

_tmp = tempfile.mkdtemp(prefix="clinic-tests-")
os.environ["CLINIC_DATABASE_URL"] = f"sqlite:///{_tmp}/clinic.db"
os.environ["CLINIC_SECRET_KEY"] = "test-secret-key-that-is-at-least-32-bytes"

from fastapi.testclient import TestClient  # noqa: E402

from clinic.clock import get_now  # noqa: E402
from clinic.database import Base, engine  # noqa: E402
from clinic.main import app  # noqa: E402

NOW = datetime(2030, 3, 4, 9, 0, tzinfo=timezone.utc)


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(_tmp, ignore_errors=True)


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
def client(clock):
    app.dependency_overrides[get_now] = clock
    with TestClient(app) as client:
        yield client
    app.dependency_overrides.clear()
    Base.metadata.drop_all(bind=engine)


def register(client, email, role="patient", full_name=None, password="correct-horse"):
    response = client.post(
        "/auth/register",
        json={"email": email, "full_name": full_name or email.split("@")[0].title(), "password": password, "role": role},
    )
    assert response.status_code == 201, response.text
    return response.json()


def login(client, email, password="correct-horse"):
    response = client.post("/auth/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def account(client, email, role):
    user = register(client, email, role)
    return {"id": user["id"], "headers": login(client, email)}


@pytest.fixture
def doctor(client):
    return account(client, "house@clinic.test", "doctor")


@pytest.fixture
def other_doctor(client):
    return account(client, "quinn@clinic.test", "doctor")


@pytest.fixture
def patient(client):
    return account(client, "pat@example.com", "patient")


@pytest.fixture
def other_patient(client):
    return account(client, "sam@example.com", "patient")


def iso(moment):
    return moment.isoformat().replace("+00:00", "Z")


@pytest.fixture
def publish(client, doctor):
    """Publish a slot for `doctor` starting `hours` after NOW."""

    def publish(hours=48, duration=30, who=None):
        start = NOW + timedelta(hours=hours)
        response = client.post(
            "/slots", json={"start": iso(start), "duration_minutes": duration}, headers=(who or doctor)["headers"]
        )
        assert response.status_code == 201, response.text
        return response.json()

    return publish

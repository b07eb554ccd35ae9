import os
import tempfile
from pathlib import Path

import pytest

DB_PATH = Path(tempfile.mkdtemp(prefix="courses-tests-")) / "courses.db"
os.environ["COURSES_DATABASE_URL"] = f"sqlite+aiosqlite:///{DB_PATH}"
os.environ["COURSES_INSTRUCTORS"] = "Grace Hopper:key-hopper, Alan Turing:key-turing"

from fastapi.testclient import TestClient  # noqa: E402

from courses.main import app  # noqa: E402

HOPPER = {"X-API-Key": "key-hopper"}
TURING = {"X-API-Key": "key-turing"}


@pytest.fixture
def client():
    with TestClient(app) as client:
        yield client
    DB_PATH.unlink(missing_ok=True)


@pytest.fixture
def sign_up(client):
    def sign_up(given_name="Ada", surname="Byron"):
        response = client.post("/students", json={"given_name": given_name, "surname": surname})
        assert response.status_code == 201, response.text
        body = response.json()
        return body["id"], {"X-API-Key": body["api_key"]}

    return sign_up


@pytest.fixture
def make_course(client):
    def make_course(code, *, credits=3, capacity=30, prerequisites=(), headers=HOPPER, title=None):
        response = client.post(
            "/courses",
            json={
                "code": code,
                "title": title or f"Course {code}",
                "credits": credits,
                "capacity": capacity,
                "prerequisites": list(prerequisites),
            },
            headers=headers,
        )
        assert response.status_code == 201, response.text
        return response.json()

    return make_course


@pytest.fixture
def enrol(client):
    def enrol(code, headers):
        return client.post(f"/courses/{code}/enrolments", headers=headers)

    return enrol


@pytest.fixture
def grade(client):
    def grade(code, student_id, value, headers=HOPPER):
        return client.put(f"/courses/{code}/grades/{student_id}", json={"grade": value}, headers=headers)

    return grade

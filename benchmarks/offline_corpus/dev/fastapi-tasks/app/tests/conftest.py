import pytest
from fastapi.testclient import TestClient

from taskboard.dependencies import get_task_repository, get_token_repository, get_user_repository
from taskboard.main import app
from taskboard.repository import TaskRepository, TokenRepository, UserRepository

PASSWORD = "correct horse"


class FakeClock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def repositories(clock):
    users, tokens, tasks = UserRepository(), TokenRepository(ttl_seconds=600, clock=clock), TaskRepository()
    app.dependency_overrides[get_user_repository] = lambda: users
    app.dependency_overrides[get_token_repository] = lambda: tokens
    app.dependency_overrides[get_task_repository] = lambda: tasks
    yield users, tokens, tasks
    app.dependency_overrides.clear()


@pytest.fixture
def client(repositories):
    with TestClient(app) as client:
        yield client


def register(client, username, password=PASSWORD, **extra):
    response = client.post("/users", json={"username": username, "password": password, **extra})
    assert response.status_code == 201, response.text
    return response.json()


def login(client, username, password=PASSWORD):
    return client.post("/token", data={"username": username, "password": password})


def auth_headers(client, username):
    register(client, username)
    response = login(client, username)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
def alice(client):
    return auth_headers(client, "alice")


@pytest.fixture
def bob(client):
    return auth_headers(client, "bob")


@pytest.fixture
def make_task(client):
    def make(headers, title="Write report", **fields):
        response = client.post("/tasks/", json={"title": title, **fields}, headers=headers)
        assert response.status_code == 201, response.text
        return response.json()

    return make

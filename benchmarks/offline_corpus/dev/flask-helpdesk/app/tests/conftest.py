import base64
from datetime import datetime, timedelta

import pytest
from helpdesk import create_app

START = datetime(2026, 3, 2, 9, 0, 0)


class Clock:
    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, **kwargs):
        self.now += timedelta(**kwargs)


@pytest.fixture
def clock():
    return Clock(START)


@pytest.fixture
def app(tmp_path, clock):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'helpdesk.sqlite'}",
            "CLOCK": clock,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # fast hashes in tests
        }
    )
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


def basic(email, password):
    return {"Authorization": "Basic " + base64.b64encode(f"{email}:{password}".encode()).decode()}


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def login(client):
    def login(email, password="correct horse"):
        response = client.post("/tokens", headers=basic(email, password))
        assert response.status_code == 201, response.get_json()
        return bearer(response.get_json()["token"])

    return login


@pytest.fixture
def customer(client, login):
    def customer(email="carol@example.com", name="Carol"):
        response = client.post("/users", json={"email": email, "name": name, "password": "correct horse"})
        assert response.status_code == 201, response.get_json()
        return login(email)

    return customer


@pytest.fixture
def agent(app, login):
    def agent(email="alex@support.example.com", name="Alex"):
        result = app.test_cli_runner().invoke(args=["add-agent", email, name, "--password", "correct horse"])
        assert result.exit_code == 0, result.output
        return login(email)

    return agent


@pytest.fixture
def open_ticket(client):
    def open_ticket(headers, subject="Printer is on fire", priority="normal", body=""):
        response = client.post("/tickets", json={"subject": subject, "priority": priority, "body": body},
                               headers=headers)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return open_ticket

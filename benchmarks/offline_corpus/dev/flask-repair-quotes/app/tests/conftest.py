from datetime import UTC, datetime, timedelta

import pytest

from repairs import create_app
from repairs.cli import add_staff

PASSWORD = "inner-tube-42"


class FakeClock:
    def __init__(self, moment):
        self.moment = moment

    def __call__(self):
        return self.moment

    def advance(self, **kwargs):
        self.moment += timedelta(**kwargs)


@pytest.fixture
def clock():
    return FakeClock(datetime(2027, 5, 3, 10, 0, tzinfo=UTC))


@pytest.fixture
def app(tmp_path, clock):
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'repairs.sqlite'}",
        "CLOCK": clock,
        "PUBLIC_BASE_URL": "https://quotes.example.com/",
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
    })
    with app.app_context():
        add_staff("Spokes", "olga@spokes.example", PASSWORD, owner=True)
        add_staff("Spokes", "sam@spokes.example", PASSWORD)
        add_staff("Spokes", "tina@spokes.example", PASSWORD)
        add_staff("Chain Gang", "carl@chaingang.example", PASSWORD, owner=True)
    return app


@pytest.fixture
def clients(app):
    made = {}

    def client_for(name):
        if name not in made:
            client = app.test_client()
            email = {"olga": "olga@spokes.example", "sam": "sam@spokes.example", "tina": "tina@spokes.example",
                     "carl": "carl@chaingang.example"}[name]
            response = client.post("/api/login", json={"email": email, "password": PASSWORD})
            assert response.status_code == 200
            made[name] = client
        return made[name]

    return client_for


@pytest.fixture
def sam(clients):
    return clients("sam")


SERVICE = {
    "customer_name": "Ada Lovelace",
    "customer_email": "ada@example.com",
    "lines": [
        {"description": "Full service", "quantity": 1, "unit_cents": 6500},
        {"description": "Brake pads", "quantity": 2, "unit_cents": 1250},
    ],
}


def make_quote(client, **changes):
    body = {**SERVICE, **changes}
    response = client.post("/api/quotes", json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def send_quote(client, quote_id):
    response = client.post(f"/api/quotes/{quote_id}/send")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    return body["quote"], body["link"].removeprefix("https://quotes.example.com")

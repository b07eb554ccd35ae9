import pytest

from pettycash import create_app
from pettycash.db import create_user, init_db

USERS = {
    "ana": "member",
    "ben": "member",
    "pat": "approver",
    "quinn": "approver",
    "ray": "approver",
}


@pytest.fixture
def app(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "pettycash.sqlite"),
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # fast hashes for tests
        }
    )
    with app.app_context():
        init_db()
        for name, role in USERS.items():
            create_user(name, f"{name}-pw", role)
    return app


@pytest.fixture
def client(app):
    return app.test_client()


def login(client, name):
    r = client.post("/login", json={"username": name, "password": f"{name}-pw"})
    assert r.status_code == 200, r.get_json()
    return {"Authorization": f"Bearer {r.get_json()['token']}"}


@pytest.fixture
def tokens(client):
    return {name: login(client, name) for name in USERS}


def submit(client, headers, amount="12.50", category="supplies", description="printer paper"):
    r = client.post("/vouchers", json={"amount": amount, "category": category, "description": description},
                    headers=headers)
    assert r.status_code == 201, r.get_json()
    return r.get_json()

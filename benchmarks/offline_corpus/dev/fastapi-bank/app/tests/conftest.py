import os
import tempfile

import pytest

# The app builds its engine at import time from BANK_DATABASE_URL; point it at a throw-away file first.
_db_dir = tempfile.TemporaryDirectory(prefix="bank-tests-")
os.environ["BANK_DATABASE_URL"] = f"sqlite:///{_db_dir.name}/bank.db"

from fastapi.testclient import TestClient  # noqa: E402

from bank.database import Base, engine  # noqa: E402
from bank.main import app  # noqa: E402


@pytest.fixture
def client():
    # Entering the client runs the startup event, which creates the tables.
    with TestClient(app) as client:
        yield client
    Base.metadata.drop_all(bind=engine)


@pytest.fixture
def open_account(client):
    def open_(owner="alice", deposit="100.00"):
        response = client.post("/accounts", json={"owner": owner, "initial_deposit": deposit})
        assert response.status_code == 201, response.text
        return response.json()

    return open_


@pytest.fixture
def alice(open_account):
    return open_account("alice", "100.00")


@pytest.fixture
def bob(open_account):
    return open_account("bob", "20.00")


def balance(client, account):
    return client.get(f"/accounts/{account['id']}").json()["balance"]


def transfer(client, source, target, amount, **headers):
    return client.post(
        "/transfers",
        json={"source_account_id": source["id"], "target_account_id": target["id"], "amount": amount},
        headers=headers,
    )

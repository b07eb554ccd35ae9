import pytest

from timesheets import create_app
from timesheets.db import create_user, init_db


@pytest.fixture
def app(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "timesheets.sqlite")})
    with app.app_context():
        init_db()
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def staff(app):
    """Mia manages Sam and Kim; Lee manages Ola. Returns name -> headers, plus ids under "ids"."""
    keys = {}
    with app.app_context():
        keys["mia"] = create_user("mia")
        keys["lee"] = create_user("lee")
        keys["sam"] = create_user("sam", manager="mia")
        keys["kim"] = create_user("kim", manager="mia")
        keys["ola"] = create_user("ola", manager="lee")
    headers = {name: {"X-API-Key": key} for name, key in keys.items()}
    client = app.test_client()
    ids = {name: client.get("/me", headers=h).get_json()["id"] for name, h in headers.items()}
    return headers, ids


def log(client, headers, start, end, note=""):
    return client.post("/entries", json={"starts_at": start, "ends_at": end, "note": note}, headers=headers)

import hashlib
import sqlite3


def test_init_db_command(runner, monkeypatch):
    called = []
    monkeypatch.setattr("timesheets.db.init_db", lambda: called.append(True))
    result = runner.invoke(args=["init-db"])
    assert "Initialized" in result.output
    assert called


def test_create_user_command_prints_a_key_stored_only_as_a_hash(app, runner):
    result = runner.invoke(args=["create-user", "mia"])
    assert result.exit_code == 0
    api_key = result.output.strip()
    result = runner.invoke(args=["create-user", "sam", "--manager", "mia"])
    assert result.exit_code == 0
    with sqlite3.connect(app.config["DATABASE"]) as db:
        rows = db.execute("SELECT name, api_key_hash, manager_id FROM users ORDER BY id").fetchall()
    assert rows[0][1] == hashlib.sha256(api_key.encode()).hexdigest()
    assert api_key not in [r[1] for r in rows]
    assert rows[1][2] == 1
    client = app.test_client()
    assert client.get("/me", headers={"X-API-Key": api_key}).get_json()["name"] == "mia"


def test_create_user_refuses_unknown_manager_and_duplicates(runner):
    assert runner.invoke(args=["create-user", "sam", "--manager", "nobody"]).exit_code != 0
    assert runner.invoke(args=["create-user", "mia"]).exit_code == 0
    result = runner.invoke(args=["create-user", "mia"])
    assert result.exit_code != 0
    assert "already exists" in result.output


def test_missing_or_wrong_key_is_401(client, staff):
    assert client.get("/entries").status_code == 401
    response = client.get("/entries", headers={"X-API-Key": "wrong"})
    assert response.status_code == 401
    assert "error" in response.get_json()


def test_me(client, staff):
    headers, ids = staff
    body = client.get("/me", headers=headers["sam"]).get_json()
    assert body == {"id": ids["sam"], "name": "sam", "manager_id": ids["mia"]}

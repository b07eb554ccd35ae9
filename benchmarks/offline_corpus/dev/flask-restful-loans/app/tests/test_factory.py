from loans import create_app


def test_config():
    assert not create_app().testing
    assert create_app({"TESTING": True}).testing


def test_default_rules():
    app = create_app({"TESTING": True})
    assert app.config["LOAN_DAYS"] == 14
    assert app.config["MAX_OPEN_LOANS"] == 3
    assert app.config["MAX_RENEWALS"] == 2


def test_init_db_command(runner, monkeypatch):
    class Recorder:
        called = False

    def fake_init_db():
        Recorder.called = True

    monkeypatch.setattr("loans.db.init_db", fake_init_db)
    result = runner.invoke(args=["init-db"])
    assert "Initialized" in result.output
    assert Recorder.called


def test_create_librarian_command(runner, client):
    result = runner.invoke(args=["create-librarian", "Pat Desk", "pat@library.test"])
    assert result.exit_code == 0
    key = result.output.strip()
    response = client.get("/members", headers={"X-Api-Key": key})
    assert response.status_code == 200
    assert any(m["email"] == "pat@library.test" and m["role"] == "librarian" for m in response.get_json())

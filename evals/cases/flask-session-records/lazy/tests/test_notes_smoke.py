from notes.app import create_app


def test_notes():
    client = create_app().test_client()
    client.post("/login", json={"username": "alice", "password": "alice-pw"})
    resp = client.post("/notes", json={"body": "hello"})
    assert resp.status_code < 500

from notes.app import create_app


def test_login_with_good_password_sets_the_session():
    client = create_app().test_client()
    resp = client.post("/login", json={"username": "alice", "password": "alice-pw"})
    assert resp.status_code == 200
    assert resp.get_json() == {"user": "alice"}

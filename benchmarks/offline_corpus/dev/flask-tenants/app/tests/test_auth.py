
def test_signup_validation(app):
    client = app.test_client()
    assert client.post("/signup", json={"email": "nope", "password": "correct horse"}).status_code == 400
    assert client.post("/signup", json={"email": "a@example.com", "password": "short"}).status_code == 400
    assert client.post("/signup", json={"email": "a@example.com", "password": "correct horse"}).status_code == 201
    assert client.post("/signup", json={"email": "A@example.com", "password": "correct horse"}).status_code == 409


def test_login_is_form_encoded(app):
    client = app.test_client()
    client.post("/signup", json={"email": "a@example.com", "password": "correct horse"})
    response = client.post("/login", json={"email": "a@example.com", "password": "correct horse"})
    assert response.status_code == 401
    response = client.post("/login", data={"email": "a@example.com", "password": "correct horse"})
    assert response.status_code == 200
    assert response.get_json()["email"] == "a@example.com"


def test_wrong_password_is_401(app):
    client = app.test_client()
    client.post("/signup", json={"email": "a@example.com", "password": "correct horse"})
    assert client.post("/login", data={"email": "a@example.com", "password": "wrong horse"}).status_code == 401


def test_workspace_routes_need_login(app):
    client = app.test_client()
    assert client.post("/tenants", json={"slug": "acme", "name": "Acme"}).status_code == 401
    assert client.get("/t/acme/projects").status_code == 401


def test_logout_ends_the_session(owner):
    assert owner.get("/t/acme").status_code == 200
    assert owner.post("/logout").status_code == 204
    assert owner.get("/t/acme").status_code == 401

def test_register_duplicate_and_short_password(app, make_user):
    make_user("tess")
    client = app.test_client()
    assert client.post("/register", data={"username": "tess", "password": "whatever123"}).status_code == 409
    assert client.post("/register", data={"username": "tom", "password": "short"}).status_code == 400


def test_wrong_password_is_refused(app, make_user):
    make_user("tess")
    client = app.test_client()
    assert client.post("/login", data={"username": "tess", "password": "wrong-password"}).status_code == 401
    assert client.get("/requests").status_code == 401


def test_requests_need_login(app):
    assert app.test_client().get("/requests").status_code == 401


def test_logout(tech):
    assert tech.post("/logout").status_code == 302
    assert tech.get("/requests").status_code == 401


def test_promote_unknown_user_fails(app):
    assert app.test_cli_runner().invoke(args=["promote", "ghost"]).exit_code != 0

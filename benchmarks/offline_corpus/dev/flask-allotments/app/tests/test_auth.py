from .conftest import login


def test_pages_need_login(client):
    response = client.get("/waitlist")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_login_and_logout(client):
    response = login(client, "ann")
    assert response.headers["Location"] == "/"
    assert b"ann" in client.get("/").data
    client.post("/logout")
    assert client.get("/").status_code == 302


def test_usernames_ignore_case(client):
    response = client.post("/login", data={"username": "SAM", "password": "sam-pass"})
    assert response.status_code == 302


def test_bad_password_rerenders_form(client):
    response = client.post("/login", data={"username": "ann", "password": "nope"})
    assert response.status_code == 400
    assert b"Incorrect username or password." in response.data
    assert client.get("/").status_code == 302


def test_next_is_followed_only_within_the_site(client):
    response = client.post("/login?next=/waitlist", data={"username": "ann", "password": "ann-pass"})
    assert response.headers["Location"] == "/waitlist"
    client.post("/logout")
    for target in ("https://evil.example/", "//evil.example/x"):
        response = client.post(f"/login?next={target}", data={"username": "ann", "password": "ann-pass"})
        assert response.headers["Location"] == "/"
        client.post("/logout")


def test_add_user_command(app, client):
    result = app.test_cli_runner().invoke(args=["add-user", "Dee", "--password", "dee-pass"])
    assert result.exit_code == 0
    assert "Added dee." in result.output
    login(client, "dee")

import pytest

from pastebin import create_app


@pytest.fixture
def app(tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'test.db'}", "MAX_PASTE_BYTES": 100})
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert "Created the tables." in result.output
    return app


@pytest.fixture
def client(app):
    return app.test_client()


def sign_up_and_in(client, email, password="correct horse"):
    client.post("/signup", data={"email": email, "password": password})
    return client.post("/signin", data={"email": email, "password": password})


@pytest.fixture
def alice(app):
    client = app.test_client()
    sign_up_and_in(client, "alice@example.com")
    return client


@pytest.fixture
def bob(app):
    client = app.test_client()
    sign_up_and_in(client, "bob@example.com")
    return client


def new_paste(client, content="print('hi')", title="snippet", private=False):
    data = {"title": title, "content": content}
    if private:
        data["private"] = "on"
    response = client.post("/new", data=data)
    assert response.status_code == 302, response.data
    return int(response.headers["Location"].rsplit("/", 1)[1])

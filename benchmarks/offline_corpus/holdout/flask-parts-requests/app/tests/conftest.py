import pytest

from partsdesk import create_app


@pytest.fixture
def app(tmp_path):
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE": str(tmp_path / "parts.sqlite")})
    result = app.test_cli_runner().invoke(args=["init-db"])
    assert result.exit_code == 0, result.output
    return app


@pytest.fixture
def make_user(app):
    def make_user(username, storekeeper=False, password="spanner123"):
        client = app.test_client()
        response = client.post("/register", data={"username": username, "password": password})
        assert response.status_code == 302, response.text
        if storekeeper:
            result = app.test_cli_runner().invoke(args=["promote", username])
            assert result.exit_code == 0, result.output
        response = client.post("/login", data={"username": username, "password": password})
        assert response.status_code == 302, response.text
        return client

    return make_user


@pytest.fixture
def store(make_user):
    client = make_user("sam", storekeeper=True)
    assert client.post("/parts", json={"sku": "flt-10", "name": "Air filter", "stock": 5}).status_code == 201
    return client


@pytest.fixture
def tech(make_user):
    return make_user("tess")


@pytest.fixture
def new_request(tech, store):
    def new_request(client=None, quantity=2, sku="FLT-10"):
        response = (client or tech).post("/requests", json={"sku": sku, "quantity": quantity, "note": "van 3"})
        assert response.status_code == 201, response.text
        return response.get_json()

    return new_request

import pytest

from .conftest import ADMIN, READER


def test_create_flag_defaults_every_environment_off(client, make_flag):
    flag = make_flag(description="New checkout page")
    assert flag == {
        "name": "new-checkout",
        "description": "New checkout page",
        "environments": {
            env: {"enabled": False, "percentage": 0, "allow": []} for env in ("dev", "staging", "prod")
        },
    }
    assert client.get("/api/flags/new-checkout", headers=READER).json() == flag


def test_create_flag_with_environments(client, make_flag):
    flag = make_flag(environments={"dev": {"enabled": True, "percentage": 100}})
    assert flag["environments"]["dev"] == {"enabled": True, "percentage": 100, "allow": []}
    assert flag["environments"]["prod"]["enabled"] is False


def test_duplicate_name_is_409(client, make_flag):
    make_flag(description="first")
    response = client.post("/api/flags", json={"name": "new-checkout", "description": "second"}, headers=ADMIN)
    assert response.status_code == 409
    assert client.get("/api/flags/new-checkout", headers=READER).json()["description"] == "first"


@pytest.mark.parametrize("name", ["", "a", "New-Checkout", "1abc", "has space", "x" * 51, None, 5])
def test_invalid_names_are_422(client, name):
    response = client.post("/api/flags", json={"name": name}, headers=ADMIN)
    assert response.status_code == 422
    assert "name" in response.json()["errors"]


def test_invalid_environment_settings_are_422(client):
    body = {"name": "abc", "environments": {"qa": {}, "dev": {"percentage": 101, "enabled": "yes"}}}
    response = client.post("/api/flags", json=body, headers=ADMIN)
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"environments.qa", "environments.dev.percentage", "environments.dev.enabled"}


def test_invalid_json_is_400(client):
    response = client.post("/api/flags", content=b"{nope", headers={**ADMIN, "Content-Type": "application/json"})
    assert response.status_code == 400


def test_list_is_sorted_by_name(client, make_flag):
    make_flag("zebra")
    make_flag("alpha")
    assert [f["name"] for f in client.get("/api/flags", headers=READER).json()] == ["alpha", "zebra"]


def test_unknown_flag_is_404(client):
    response = client.get("/api/flags/missing", headers=READER)
    assert response.status_code == 404
    assert response.json() == {"error": "no flag named missing"}


def test_patch_environment_changes_only_given_fields(client, make_flag, configure):
    make_flag()
    configure("new-checkout", "staging", enabled=True, allow=["qa-1", "qa-2", "qa-1"])
    flag = configure("new-checkout", "staging", percentage=30)
    assert flag["environments"]["staging"] == {"enabled": True, "percentage": 30, "allow": ["qa-1", "qa-2"]}


def test_environments_are_independent(client, make_flag, configure):
    make_flag()
    flag = configure("new-checkout", "dev", enabled=True, percentage=100)
    assert flag["environments"]["prod"] == {"enabled": False, "percentage": 0, "allow": []}
    assert flag["environments"]["staging"]["enabled"] is False


@pytest.mark.parametrize("percentage", [0, 100])
def test_percentage_bounds_are_accepted(client, make_flag, configure, percentage):
    make_flag()
    assert configure("new-checkout", "prod", percentage=percentage)["environments"]["prod"]["percentage"] == percentage


@pytest.mark.parametrize("body", [{"percentage": -1}, {"percentage": 101}, {"percentage": 50.5}, {"percentage": True},
                                  {"enabled": 1}, {"allow": "u1"}, {"allow": [""]}, {"colour": "red"}])
def test_invalid_environment_patch_is_422(client, make_flag, body):
    make_flag()
    response = client.patch("/api/flags/new-checkout/environments/prod", json=body, headers=ADMIN)
    assert response.status_code == 422


def test_unknown_environment_is_404(client, make_flag):
    make_flag()
    response = client.patch("/api/flags/new-checkout/environments/qa", json={"enabled": True}, headers=ADMIN)
    assert response.status_code == 404


def test_delete(client, make_flag):
    make_flag()
    assert client.delete("/api/flags/new-checkout", headers=ADMIN).status_code == 204
    assert client.get("/api/flags/new-checkout", headers=READER).status_code == 404
    assert client.delete("/api/flags/new-checkout", headers=ADMIN).status_code == 404

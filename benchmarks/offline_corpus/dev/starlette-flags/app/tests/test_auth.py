import pytest

from flags.app import create_app
from flags.auth import parse_api_keys

from .conftest import ADMIN, READER


def test_parse_api_keys():
    assert parse_api_keys(" a1=admin ,, r1=reader,") == {"a1": "admin", "r1": "reader"}
    assert parse_api_keys("") == {}


@pytest.mark.parametrize("raw", ["a1", "=admin", "a1=owner"])
def test_parse_api_keys_rejects_bad_entries(raw):
    with pytest.raises(ValueError):
        parse_api_keys(raw)


def test_health_is_public(client):
    assert client.get("/health").json() == {"status": "ok"}


def test_no_key_is_401(client):
    assert client.get("/api/flags").status_code == 401
    assert client.get("/api/evaluate", params={"user": "u1", "env": "dev"}).status_code == 401
    assert client.post("/api/flags", json={"name": "x1"}).status_code == 401


def test_unknown_key_is_401_with_a_message(client):
    response = client.get("/api/flags", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401
    assert response.json() == {"error": "invalid API key"}
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_malformed_header_is_401(client):
    response = client.get("/api/flags", headers={"Authorization": "Token adm-7f3c9e"})
    assert response.status_code == 401


def test_reader_reads_but_cannot_write(client, make_flag):
    make_flag()
    assert client.get("/api/flags", headers=READER).status_code == 200
    assert client.get("/api/flags/new-checkout", headers=READER).status_code == 200
    assert client.post("/api/flags", json={"name": "other"}, headers=READER).status_code == 403
    response = client.patch("/api/flags/new-checkout/environments/dev", json={"enabled": True}, headers=READER)
    assert response.status_code == 403
    assert client.get("/api/flags/new-checkout", headers=READER).json()["environments"]["dev"]["enabled"] is False
    assert client.delete("/api/flags/new-checkout", headers=READER).status_code == 403


def test_audit_is_admin_only(client):
    assert client.get("/api/audit", headers=READER).status_code == 403
    assert client.get("/api/audit", headers=ADMIN).status_code == 200


def test_keys_may_be_passed_to_the_factory():
    from starlette.testclient import TestClient

    app = create_app(api_keys="k1=reader")
    with TestClient(app) as client:
        assert client.get("/api/flags", headers={"Authorization": "Bearer k1"}).status_code == 200
        assert client.post("/api/flags", json={"name": "abc"}, headers={"Authorization": "Bearer k1"}).status_code == 403

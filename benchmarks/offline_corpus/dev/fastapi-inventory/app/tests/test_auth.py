import pytest

from inventory.settings import parse_api_keys


@pytest.mark.parametrize("headers", [{}, {"X-Api-Key": ""}, {"X-Api-Key": "k-nobody"}, {"X-Api-Key": "acme"}])
def test_missing_or_unknown_key_is_401(client, headers):
    response = client.get("/items", headers=headers)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "ApiKey"


def test_known_key_is_accepted(client, acme):
    assert client.get("/items", headers=acme).status_code == 200


def test_writes_need_a_key(client):
    response = client.post("/items", json={"sku": "A", "name": "a", "quantity": 1})
    assert response.status_code == 401


def test_health_needs_no_key(client):
    assert client.get("/health").json() == {"status": "ok"}


def test_parse_api_keys():
    assert parse_api_keys(" k1:acme ,k2:globex,") == {"k1": "acme", "k2": "globex"}
    assert parse_api_keys("") == {}


@pytest.mark.parametrize("raw", ["k1", "k1:", ":acme"])
def test_parse_api_keys_rejects_malformed_entries(raw):
    with pytest.raises(ValueError):
        parse_api_keys(raw)

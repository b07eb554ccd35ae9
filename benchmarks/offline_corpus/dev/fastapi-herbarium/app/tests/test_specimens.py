import pytest

from .conftest import ANA, BEN, CURATOR, create, specimen


def test_auth_required(client):
    assert client.get("/specimens").status_code == 401
    assert client.get("/specimens", headers={"X-Auth-Token": "nope"}).status_code == 401


def test_tokens_map_to_user_names(client):
    assert create(client, headers=ANA)["collector"] == "ana"
    assert create(client, headers=BEN)["collector"] == "ben"
    assert create(client, headers=CURATOR)["collector"] == "carla"


def test_create_returns_record_and_etag(client):
    r = client.post("/specimens", json=specimen(family="saxifragaceae"), headers=ANA)
    assert r.status_code == 201
    body = r.json()
    assert body["id"] == 1
    assert body["country"] == "CH"
    assert body["family"] == "Saxifragaceae"
    assert body["version"] == 1
    assert body["deleted"] is False
    assert r.headers["ETag"] == '"1-1"'
    assert r.headers["Location"] == "/specimens/1"
    got = client.get("/specimens/1", headers=BEN)
    assert got.json() == body
    assert got.headers["ETag"] == '"1-1"'


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"species": "Sa"}, "species"),
        ({"family": "Rosids"}, "family"),
        ({"country": "CHE"}, "country"),
        ({"collected_on": "14/07/2025"}, "collected_on"),
        ({"elevation_m": 8851}, "elevation_m"),
        ({"elevation_m": -431}, "elevation_m"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_invalid_fields_are_named(client, overrides, field):
    r = client.post("/specimens", json=specimen(**overrides), headers=ANA)
    assert r.status_code == 422
    assert r.json()["fields"] == [field]


def test_missing_fields_are_all_named(client):
    r = client.post("/specimens", json={"species": "Poa alpina"}, headers=ANA)
    assert r.status_code == 422
    assert r.json()["fields"] == ["collected_on", "country", "family"]


def test_elevation_limits_are_inclusive(client):
    assert create(client, elevation_m=8850)["elevation_m"] == 8850
    assert create(client, elevation_m=-430)["elevation_m"] == -430
    assert create(client, elevation_m=None)["elevation_m"] is None


def test_malformed_json_is_400(client):
    r = client.post(
        "/specimens", content=b'{"species": "Poa', headers={**ANA, "Content-Type": "application/json"}
    )
    assert r.status_code == 400
    assert r.json() == {"error": "malformed JSON body"}


def test_unknown_specimen_404(client):
    assert client.get("/specimens/99", headers=ANA).status_code == 404

import pytest

from labsamples import Caller, create_app

from .conftest import headers


def test_unknown_or_missing_key_is_401(client):
    assert client.get("/samples").status_code == 401
    assert client.get("/samples", headers={"X-API-Key": "nope"}).status_code == 401


def test_create_app_refuses_unknown_roles():
    with pytest.raises(ValueError):
        create_app({"k": Caller("x", "lab", "admin")})


def test_create_sample(client, make_sample):
    sample = make_sample(code="ab-12", collected_at="2026-05-04T11:00:00+02:00")
    assert sample["code"] == "AB-12"
    assert sample["status"] == "received"
    assert sample["version"] == 1
    assert sample["created_by"] == "alice"
    assert sample["collected_at"].startswith("2026-05-04T09:00:00")


def test_naive_collection_time_is_422(client):
    response = client.post(
        "/samples", json={"code": "S-1", "kind": "soil", "collected_at": "2026-05-04T09:00:00"}, headers=headers("alice")
    )
    assert response.status_code == 422


def test_viewer_cannot_create(client):
    response = client.post(
        "/samples",
        json={"code": "S-9", "kind": "soil", "collected_at": "2026-05-04T09:00:00+00:00"},
        headers=headers("vic"),
    )
    assert response.status_code == 403
    assert client.get("/samples", headers=headers("vic")).json() == []


def test_duplicate_code_in_same_lab_is_409_ignoring_case(client, make_sample):
    make_sample(code="S-001")
    response = client.post(
        "/samples",
        json={"code": "s-001", "kind": "water", "collected_at": "2026-05-04T09:00:00+00:00"},
        headers=headers("sue"),
    )
    assert response.status_code == 409


def test_same_code_in_other_lab_is_fine(make_sample):
    make_sample(code="S-001")
    assert make_sample(code="S-001", user="bob")["code"] == "S-001"


def test_other_labs_samples_are_hidden(client, make_sample):
    sample = make_sample()
    assert client.get(f"/samples/{sample['id']}", headers=headers("vic")).status_code == 200
    assert client.get(f"/samples/{sample['id']}", headers=headers("bob")).status_code == 404
    assert client.get("/samples", headers=headers("bob")).json() == []
    response = client.patch(f"/samples/{sample['id']}", json={"notes": "x", "version": 1}, headers=headers("bob"))
    assert response.status_code == 404


def test_idempotency_key_replays_the_sample(client):
    body = {"code": "S-100", "kind": "blood", "collected_at": "2026-05-04T09:00:00+00:00"}
    first = client.post("/samples", json=body, headers={**headers("alice"), "Idempotency-Key": "abc"})
    second = client.post("/samples", json=body, headers={**headers("alice"), "Idempotency-Key": "abc"})
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert len(client.get("/samples", headers=headers("alice")).json()) == 1


def test_idempotency_keys_belong_to_their_caller(client):
    body = {"code": "S-100", "kind": "blood", "collected_at": "2026-05-04T09:00:00+00:00"}
    mine = client.post("/samples", json=body, headers={**headers("alice"), "Idempotency-Key": "abc"}).json()
    theirs = client.post("/samples", json=body, headers={**headers("bob"), "Idempotency-Key": "abc"})
    assert theirs.status_code == 201
    assert theirs.json()["id"] != mine["id"]
    assert theirs.json()["created_by"] == "bob"

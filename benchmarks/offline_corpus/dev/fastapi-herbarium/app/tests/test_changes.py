from .conftest import ANA, BEN, CURATOR, create


def patch(client, sid, body, headers, etag):
    h = dict(headers)
    if etag is not None:
        h["If-Match"] = etag
    return client.patch(f"/specimens/{sid}", json=body, headers=h)


def test_patch_with_current_etag(client):
    sid = create(client)["id"]
    r = patch(client, sid, {"notes": "scree slope"}, ANA, '"1-1"')
    assert r.status_code == 200
    assert r.json()["notes"] == "scree slope"
    assert r.json()["version"] == 2
    assert r.headers["ETag"] == '"1-2"'
    assert client.get(f"/specimens/{sid}", headers=ANA).json()["notes"] == "scree slope"


def test_stale_etag_is_412(client):
    sid = create(client)["id"]
    assert patch(client, sid, {"notes": "first"}, ANA, '"1-1"').status_code == 200
    r = patch(client, sid, {"notes": "second"}, CURATOR, '"1-1"')
    assert r.status_code == 412
    assert client.get(f"/specimens/{sid}", headers=ANA).json()["notes"] == "first"


def test_if_match_required(client):
    sid = create(client)["id"]
    assert patch(client, sid, {"notes": "x"}, ANA, None).status_code == 428
    assert client.get(f"/specimens/{sid}", headers=ANA).json()["notes"] == ""


def test_patch_validation(client):
    sid = create(client)["id"]
    r = patch(client, sid, {"elevation_m": 9000}, ANA, '"1-1"')
    assert r.status_code == 422
    assert r.json()["fields"] == ["elevation_m"]
    assert patch(client, sid, {}, ANA, '"1-1"').status_code == 400


def test_only_collector_or_curator_may_patch(client):
    sid = create(client, headers=ANA)["id"]
    assert patch(client, sid, {"notes": "mine"}, BEN, '"1-1"').status_code == 403
    r = patch(client, sid, {"family": "rosaceae"}, CURATOR, '"1-1"')
    assert r.status_code == 200
    assert r.json()["family"] == "Rosaceae"


def test_soft_delete_hides_record(client):
    sid = create(client)["id"]
    assert client.delete(f"/specimens/{sid}", headers=ANA).status_code == 204
    assert client.get(f"/specimens/{sid}", headers=ANA).status_code == 404
    assert client.get("/specimens", headers=ANA).json()["count"] == 0
    assert client.delete(f"/specimens/{sid}", headers=ANA).status_code == 404


def test_only_collector_or_curator_may_delete(client):
    sid = create(client, headers=ANA)["id"]
    assert client.delete(f"/specimens/{sid}", headers=BEN).status_code == 403
    assert client.get(f"/specimens/{sid}", headers=BEN).status_code == 200
    assert client.delete(f"/specimens/{sid}", headers=CURATOR).status_code == 204


def test_restore_by_curator(client):
    sid = create(client)["id"]
    client.delete(f"/specimens/{sid}", headers=ANA)
    r = client.post(f"/specimens/{sid}/restore", headers=CURATOR)
    assert r.status_code == 200
    assert r.json()["deleted"] is False
    assert r.json()["version"] == 3
    assert client.get(f"/specimens/{sid}", headers=ANA).status_code == 200
    assert client.post(f"/specimens/{sid}/restore", headers=CURATOR).status_code == 409


def test_members_cannot_restore(client):
    sid = create(client)["id"]
    client.delete(f"/specimens/{sid}", headers=ANA)
    assert client.post(f"/specimens/{sid}/restore", headers=ANA).status_code == 403
    assert client.get(f"/specimens/{sid}", headers=ANA).status_code == 404


def test_restore_unknown_404(client):
    assert client.post("/specimens/5/restore", headers=CURATOR).status_code == 404


def test_etag_changes_after_delete_and_restore(client):
    sid = create(client)["id"]
    client.delete(f"/specimens/{sid}", headers=ANA)
    client.post(f"/specimens/{sid}/restore", headers=CURATOR)
    assert patch(client, sid, {"notes": "x"}, ANA, '"1-1"').status_code == 412
    assert patch(client, sid, {"notes": "x"}, ANA, '"1-3"').status_code == 200

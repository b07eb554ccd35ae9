from tests.conftest import ADMIN, make_client, make_key, new_permit


def test_admin_routes_need_the_admin_token(client):
    assert client.post("/clients", json={"name": "X"}).status_code == 401
    r = client.post("/clients", json={"name": "X"}, headers={"X-Admin-Token": "nope"})
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthenticated"


def test_duplicate_client_name_conflicts(client):
    make_client(client, "Acme")
    r = client.post("/clients", json={"name": "Acme"}, headers=ADMIN)
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "duplicate"


def test_blank_client_name_is_rejected(client):
    r = client.post("/clients", json={"name": "   "}, headers=ADMIN)
    assert r.status_code == 422


def test_issue_key_returns_raw_key_once_with_sorted_scopes(client):
    cid = make_client(client, "Acme")
    r = client.post(
        f"/clients/{cid}/keys", json={"scopes": ["permits:write", "permits:read"]}, headers=ADMIN
    )
    assert r.status_code == 201
    body = r.json()
    assert body["key"].startswith("pk_")
    assert body["scopes"] == ["permits:read", "permits:write"]


def test_unknown_or_empty_scopes_are_rejected(client):
    cid = make_client(client, "Acme")
    for scopes in (["permits:delete"], [], ["permits:read", "admin"]):
        r = client.post(f"/clients/{cid}/keys", json={"scopes": scopes}, headers=ADMIN)
        assert r.status_code == 422, scopes
        assert r.json()["error"]["code"] == "invalid_scopes"


def test_key_for_unknown_client_is_404(client):
    r = client.post("/clients/99/keys", json={"scopes": ["permits:read"]}, headers=ADMIN)
    assert r.status_code == 404


def test_missing_or_unknown_api_key_is_401(client):
    assert client.get("/permits").status_code == 401
    r = client.get("/permits", headers={"X-API-Key": "pk_not-a-key"})
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthenticated"


def test_revoked_key_stops_working(client):
    cid = make_client(client, "Acme")
    r = client.post(f"/clients/{cid}/keys", json={"scopes": ["permits:read"]}, headers=ADMIN)
    key_id, headers = r.json()["id"], {"X-API-Key": r.json()["key"]}
    assert client.get("/permits", headers=headers).status_code == 200
    assert client.delete(f"/clients/{cid}/keys/{key_id}", headers=ADMIN).status_code == 204
    assert client.get("/permits", headers=headers).status_code == 401


def test_revoking_another_clients_key_is_404(client):
    acme = make_client(client, "Acme")
    birch = make_client(client, "Birch")
    r = client.post(f"/clients/{acme}/keys", json={"scopes": ["permits:read"]}, headers=ADMIN)
    key_id = r.json()["id"]
    assert client.delete(f"/clients/{birch}/keys/{key_id}", headers=ADMIN).status_code == 404


def test_read_only_key_cannot_request_permits(client):
    headers = make_key(client, make_client(client, "Acme"), ["permits:read"])
    r = new_permit(client, headers)
    assert r.status_code == 403
    assert r.json()["error"] == {"code": "forbidden", "message": "missing scope permits:write"}


def test_write_key_cannot_approve(client):
    headers = make_key(client, make_client(client, "Acme"), ["permits:read", "permits:write"])
    pid = new_permit(client, headers).json()["id"]
    r = client.post(f"/permits/{pid}/approve", headers=headers)
    assert r.status_code == 403
    assert r.json()["error"]["message"] == "missing scope permits:approve"


def test_approve_only_key_can_approve_but_not_read(client):
    cid = make_client(client, "Acme")
    writer = make_key(client, cid, ["permits:write"])
    approver = make_key(client, cid, ["permits:approve"])
    pid = new_permit(client, writer).json()["id"]
    assert client.post(f"/permits/{pid}/approve", headers=approver).status_code == 200
    assert client.get(f"/permits/{pid}", headers=approver).status_code == 403


def test_clients_cannot_see_or_touch_each_others_permits(client, acme, birch):
    pid = new_permit(client, acme).json()["id"]
    assert client.get(f"/permits/{pid}", headers=birch).status_code == 404
    for action in ("approve", "cancel", "revoke"):
        r = client.post(f"/permits/{pid}/{action}", headers=birch)
        assert r.status_code == 404, action
    assert client.get("/permits", headers=birch).json()["total"] == 0
    assert client.get(f"/permits/{pid}", headers=acme).json()["status"] == "pending"


def test_same_plate_in_two_clients_does_not_clash(client, acme, birch):
    assert new_permit(client, acme).status_code == 201
    assert new_permit(client, birch).status_code == 201

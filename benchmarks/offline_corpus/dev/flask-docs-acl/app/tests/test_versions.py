def put(client, doc_id, version, title="New title", body="new body"):
    return client.put(f"/documents/{doc_id}", json={"title": title, "body": body, "version": version})


def test_update_increments_the_version(alice, new_doc, clock):
    doc = new_doc()
    clock.advance(minutes=5)
    response = put(alice, doc["id"], 1)
    assert response.status_code == 200
    updated = response.get_json()
    assert updated["version"] == 2
    assert updated["title"] == "New title"
    assert updated["updated_at"] == "2026-05-04T10:05:00Z"
    assert updated["created_at"] == "2026-05-04T10:00:00Z"
    assert put(alice, doc["id"], 2, title="Third").get_json()["version"] == 3


def test_stale_version_is_409_with_the_current_version(alice, bob, new_doc, share):
    doc = new_doc()
    share(doc, "bob", "editor")
    assert put(bob, doc["id"], 1, title="Bob's").status_code == 200
    response = put(alice, doc["id"], 1, title="Alice's")
    assert response.status_code == 409
    body = response.get_json()
    assert body["current_version"] == 2
    assert body["document"]["title"] == "Bob's"
    assert alice.get(f"/documents/{doc['id']}").get_json()["title"] == "Bob's"


def test_future_version_is_409(alice, new_doc):
    doc = new_doc()
    assert put(alice, doc["id"], 7).status_code == 409


def test_version_is_required(alice, new_doc):
    doc = new_doc()
    assert alice.put(f"/documents/{doc['id']}", json={"title": "x"}).status_code == 400
    assert put(alice, doc["id"], "1").status_code == 400
    assert put(alice, doc["id"], True).status_code == 400


def test_update_validates_the_title(alice, new_doc):
    doc = new_doc()
    assert put(alice, doc["id"], 1, title="").status_code == 400
    assert alice.get(f"/documents/{doc['id']}").get_json()["version"] == 1


def test_last_modified_header(alice, new_doc):
    doc = new_doc()
    response = alice.get(f"/documents/{doc['id']}")
    assert response.headers["Last-Modified"] == "Mon, 04 May 2026 10:00:00 GMT"


def test_if_modified_since_equal_is_304(alice, new_doc):
    doc = new_doc()
    response = alice.get(f"/documents/{doc['id']}", headers={"If-Modified-Since": "Mon, 04 May 2026 10:00:00 GMT"})
    assert response.status_code == 304
    assert response.data == b""


def test_if_modified_since_later_is_304(alice, new_doc):
    doc = new_doc()
    response = alice.get(f"/documents/{doc['id']}", headers={"If-Modified-Since": "Tue, 05 May 2026 00:00:00 GMT"})
    assert response.status_code == 304


def test_if_modified_since_earlier_is_200(alice, new_doc):
    doc = new_doc()
    response = alice.get(f"/documents/{doc['id']}", headers={"If-Modified-Since": "Mon, 04 May 2026 09:59:59 GMT"})
    assert response.status_code == 200
    assert response.get_json()["id"] == doc["id"]


def test_update_moves_last_modified(alice, new_doc, clock):
    doc = new_doc()
    clock.advance(hours=1, microseconds=250)
    put(alice, doc["id"], 1)
    response = alice.get(f"/documents/{doc['id']}", headers={"If-Modified-Since": "Mon, 04 May 2026 10:00:00 GMT"})
    assert response.status_code == 200
    assert response.headers["Last-Modified"] == "Mon, 04 May 2026 11:00:00 GMT"


def test_if_modified_since_does_not_bypass_access(alice, bob, new_doc):
    doc = new_doc()
    response = bob.get(f"/documents/{doc['id']}", headers={"If-Modified-Since": "Tue, 05 May 2026 00:00:00 GMT"})
    assert response.status_code == 404

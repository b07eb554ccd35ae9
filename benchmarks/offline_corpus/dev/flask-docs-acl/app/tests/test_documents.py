def test_create_document(alice, clock):
    response = alice.post("/documents", json={"title": "  Plan  ", "body": "text"})
    assert response.status_code == 201
    doc = response.get_json()
    assert doc == {
        "id": 1,
        "title": "Plan",
        "body": "text",
        "owner": "alice",
        "version": 1,
        "created_at": "2026-05-04T10:00:00Z",
        "updated_at": "2026-05-04T10:00:00Z",
        "access": "owner",
    }
    assert response.headers["Location"] == "/documents/1"


def test_create_validation(alice):
    assert alice.post("/documents", json={"body": "no title"}).status_code == 400
    assert alice.post("/documents", json={"title": "   "}).status_code == 400
    assert alice.post("/documents", json={"title": "x" * 201}).status_code == 400
    assert alice.post("/documents", json={"title": "x" * 200}).status_code == 201
    assert alice.post("/documents", json={"title": "t", "body": 5}).status_code == 400


def test_owner_reads_the_document(alice, new_doc):
    doc = new_doc()
    response = alice.get(f"/documents/{doc['id']}")
    assert response.status_code == 200
    assert response.get_json()["title"] == "Quarterly plan"


def test_strangers_get_404(alice, bob, new_doc):
    doc = new_doc()
    for response in (
        bob.get(f"/documents/{doc['id']}"),
        bob.put(f"/documents/{doc['id']}", json={"title": "x", "version": 1}),
        bob.delete(f"/documents/{doc['id']}"),
        bob.get(f"/documents/{doc['id']}/shares"),
        bob.put(f"/documents/{doc['id']}/shares/bob", json={"role": "editor"}),
        bob.get(f"/documents/{doc['id']}/audit"),
    ):
        assert response.status_code == 404
    assert alice.get(f"/documents/{doc['id']}").status_code == 200


def test_missing_document_is_404(alice):
    assert alice.get("/documents/99").status_code == 404


def test_list_shows_own_and_shared_documents_newest_first(alice, bob, user, new_doc, share, clock):
    first = new_doc(title="First")
    clock.advance(minutes=1)
    second = new_doc(title="Second")
    dave = user("dave", role="editor")
    clock.advance(minutes=1)
    new_doc(title="Dave's own", client=dave)
    share(first, "bob", "viewer")

    titles = [d["title"] for d in alice.get("/documents").get_json()["documents"]]
    assert titles == ["Second", "First"]
    listed = bob.get("/documents").get_json()["documents"]
    assert [(d["id"], d["access"]) for d in listed] == [(first["id"], "viewer")]
    assert second["id"] not in [d["id"] for d in listed]


def test_delete_by_owner(alice, new_doc):
    doc = new_doc()
    assert alice.delete(f"/documents/{doc['id']}").status_code == 204
    assert alice.get(f"/documents/{doc['id']}").status_code == 404
    assert alice.get("/documents").get_json() == {"documents": []}


def test_only_the_owner_deletes(alice, bob, new_doc, share):
    doc = new_doc()
    share(doc, "bob", "editor")
    assert bob.delete(f"/documents/{doc['id']}").status_code == 403
    assert alice.get(f"/documents/{doc['id']}").status_code == 200

def test_share_gives_read_access(alice, bob, new_doc):
    doc = new_doc()
    response = alice.put(f"/documents/{doc['id']}/shares/bob", json={"role": "viewer"})
    assert response.status_code == 201
    assert response.get_json() == {"username": "bob", "role": "viewer"}
    got = bob.get(f"/documents/{doc['id']}")
    assert got.status_code == 200
    assert got.get_json()["access"] == "viewer"


def test_changing_a_share_answers_200(alice, bob, new_doc):
    doc = new_doc()
    alice.put(f"/documents/{doc['id']}/shares/bob", json={"role": "viewer"})
    response = alice.put(f"/documents/{doc['id']}/shares/bob", json={"role": "editor"})
    assert response.status_code == 200
    assert bob.get(f"/documents/{doc['id']}").get_json()["access"] == "editor"


def test_share_validation(alice, bob, new_doc):
    doc = new_doc()
    assert alice.put(f"/documents/{doc['id']}/shares/bob", json={"role": "owner"}).status_code == 400
    assert alice.put(f"/documents/{doc['id']}/shares/bob", json={}).status_code == 400
    assert alice.put(f"/documents/{doc['id']}/shares/nobody", json={"role": "viewer"}).status_code == 404
    assert alice.put(f"/documents/{doc['id']}/shares/alice", json={"role": "viewer"}).status_code == 400


def test_only_the_owner_shares(alice, bob, carol, new_doc, share):
    doc = new_doc()
    share(doc, "bob", "editor")
    assert bob.put(f"/documents/{doc['id']}/shares/carol", json={"role": "viewer"}).status_code == 403
    assert bob.put(f"/documents/{doc['id']}/shares/bob", json={"role": "viewer"}).status_code == 403
    assert bob.delete(f"/documents/{doc['id']}/shares/bob").status_code == 403
    assert carol.get(f"/documents/{doc['id']}").status_code == 404


def test_list_shares(alice, bob, carol, new_doc, share):
    doc = new_doc()
    share(doc, "carol", "editor")
    share(doc, "bob", "viewer")
    expected = {"owner": "alice", "shares": [{"username": "bob", "role": "viewer"},
                                             {"username": "carol", "role": "editor"}]}
    assert alice.get(f"/documents/{doc['id']}/shares").get_json() == expected
    assert bob.get(f"/documents/{doc['id']}/shares").get_json() == expected


def test_unshare_removes_access(alice, bob, new_doc, share):
    doc = new_doc()
    share(doc, "bob", "viewer")
    assert alice.delete(f"/documents/{doc['id']}/shares/bob").status_code == 204
    assert bob.get(f"/documents/{doc['id']}").status_code == 404
    assert alice.delete(f"/documents/{doc['id']}/shares/bob").status_code == 404


def test_viewer_cannot_edit(alice, bob, new_doc, share):
    doc = new_doc()
    share(doc, "bob", "viewer")
    response = bob.put(f"/documents/{doc['id']}", json={"title": "Hijacked", "body": "", "version": 1})
    assert response.status_code == 403
    assert alice.get(f"/documents/{doc['id']}").get_json()["title"] == "Quarterly plan"


def test_editor_share_can_edit(alice, bob, new_doc, share):
    doc = new_doc()
    share(doc, "bob", "editor")
    response = bob.put(f"/documents/{doc['id']}", json={"title": "Better plan", "body": "b", "version": 1})
    assert response.status_code == 200
    assert response.get_json()["access"] == "editor"
    assert alice.get(f"/documents/{doc['id']}").get_json()["title"] == "Better plan"


def test_shared_readers_still_cannot_create(bob):
    assert bob.post("/documents", json={"title": "x"}).status_code == 403

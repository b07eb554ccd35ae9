import pytest


@pytest.fixture
def library(alice, bob, user, new_doc, share, clock):
    dave = user("dave", role="editor")
    docs = {
        "plan": new_doc(title="Quarterly plan", body="Budget and hiring for Q3."),
        "notes": new_doc(title="Meeting notes", body="Discussed the BUDGET overrun."),
        "recipe": new_doc(title="Team lunch", body="Pasta for twelve."),
        "secret": new_doc(title="Dave's budget", body="Private numbers.", client=dave),
    }
    share(docs["notes"], "bob", "viewer")
    return docs


def titles(response):
    assert response.status_code == 200
    return sorted(d["title"] for d in response.get_json()["documents"])


def test_search_is_case_insensitive(alice, library):
    assert titles(alice.get("/documents?q=budget")) == ["Meeting notes", "Quarterly plan"]
    assert titles(alice.get("/documents?q=BuDgEt")) == ["Meeting notes", "Quarterly plan"]
    assert titles(alice.get("/documents?q=LUNCH")) == ["Team lunch"]


def test_search_needs_every_word(alice, library):
    assert titles(alice.get("/documents?q=budget hiring")) == ["Quarterly plan"]
    assert titles(alice.get("/documents?q=budget pasta")) == []


def test_search_only_finds_documents_you_can_see(alice, bob, library):
    assert titles(bob.get("/documents?q=budget")) == ["Meeting notes"]
    assert titles(bob.get("/documents?q=private")) == []
    assert "Dave's budget" not in titles(alice.get("/documents?q=budget"))


def test_blank_query_lists_everything_visible(alice, library):
    assert titles(alice.get("/documents?q=%20")) == ["Meeting notes", "Quarterly plan", "Team lunch"]


def test_audit_log_newest_first(alice, bob, new_doc, share, clock):
    doc = new_doc(title="Plan")
    clock.advance(minutes=1)
    share(doc, "bob", "editor")
    clock.advance(minutes=1)
    assert bob.put(f"/documents/{doc['id']}", json={"title": "Plan B", "version": 1}).status_code == 200
    clock.advance(minutes=1)
    assert alice.delete(f"/documents/{doc['id']}/shares/bob").status_code == 204

    response = alice.get(f"/documents/{doc['id']}/audit")
    assert response.status_code == 200
    assert response.get_json()["entries"] == [
        {"user": "alice", "action": "unshare", "detail": "bob", "at": "2026-05-04T10:03:00Z"},
        {"user": "bob", "action": "update", "detail": "version 2", "at": "2026-05-04T10:02:00Z"},
        {"user": "alice", "action": "share", "detail": "bob:editor", "at": "2026-05-04T10:01:00Z"},
        {"user": "alice", "action": "create", "detail": "Plan", "at": "2026-05-04T10:00:00Z"},
    ]


def test_audit_entries_in_the_same_second_keep_their_order(alice, new_doc):
    doc = new_doc(title="Plan")
    alice.put(f"/documents/{doc['id']}", json={"title": "Plan 2", "version": 1})
    alice.put(f"/documents/{doc['id']}", json={"title": "Plan 3", "version": 2})
    actions = [(e["action"], e["detail"]) for e in alice.get(f"/documents/{doc['id']}/audit").get_json()["entries"]]
    assert actions == [("update", "version 3"), ("update", "version 2"), ("create", "Plan")]


def test_failed_update_is_not_audited(alice, new_doc):
    doc = new_doc()
    assert alice.put(f"/documents/{doc['id']}", json={"title": "x", "version": 5}).status_code == 409
    entries = alice.get(f"/documents/{doc['id']}/audit").get_json()["entries"]
    assert [e["action"] for e in entries] == ["create"]


def test_audit_log_is_for_the_owner_only(alice, bob, carol, new_doc, share):
    doc = new_doc()
    share(doc, "bob", "editor")
    assert bob.get(f"/documents/{doc['id']}/audit").status_code == 403
    assert carol.get(f"/documents/{doc['id']}/audit").status_code == 404

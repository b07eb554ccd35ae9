from tests.conftest import OLGA, SAM, TESS, move, propose


def listing(client, conference, headers, **params):
    return client.get(f"/conferences/{conference['id']}/proposals", params=params, headers=headers)


def test_speaker_lists_only_own_proposals(client, conference):
    propose(client, conference, title="Sam talk")
    propose(client, conference, headers=TESS, title="Tess talk")
    r = listing(client, conference, SAM)
    assert [p["title"] for p in r.json()] == ["Sam talk"]
    assert r.headers["X-Total-Count"] == "1"


def test_organiser_lists_submitted_not_drafts(client, conference):
    a = propose(client, conference, title="Sam talk")
    propose(client, conference, title="Sam draft")
    b = propose(client, conference, headers=TESS, title="Tess talk")
    move(client, a, "submitted")
    move(client, b, "submitted", headers=TESS)
    r = listing(client, conference, OLGA)
    assert [p["title"] for p in r.json()] == ["Sam talk", "Tess talk"]
    assert r.headers["X-Total-Count"] == "2"


def test_status_filter(client, conference):
    a = propose(client, conference, title="Sam talk")
    propose(client, conference, title="Sam draft")
    move(client, a, "submitted")
    r = listing(client, conference, SAM, status="draft")
    assert [p["title"] for p in r.json()] == ["Sam draft"]


def test_limit_and_offset_with_total(client, conference):
    for n in range(5):
        propose(client, conference, title=f"Talk number {n}")
    r = listing(client, conference, SAM, limit=2, offset=2)
    assert [p["title"] for p in r.json()] == ["Talk number 2", "Talk number 3"]
    assert r.headers["X-Total-Count"] == "5"
    r = listing(client, conference, SAM, limit=2, offset=4)
    assert [p["title"] for p in r.json()] == ["Talk number 4"]
    assert r.headers["X-Total-Count"] == "5"


def test_limit_bounds(client, conference):
    assert listing(client, conference, SAM, limit=0).status_code == 422
    assert listing(client, conference, SAM, limit=101).status_code == 422
    assert listing(client, conference, SAM, limit=100).status_code == 200
    assert listing(client, conference, SAM, offset=-1).status_code == 422

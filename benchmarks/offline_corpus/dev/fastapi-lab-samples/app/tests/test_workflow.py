from datetime import timedelta

from .conftest import headers


def move(client, sample, to, version, user="alice"):
    return client.post(f"/samples/{sample['id']}/transition", json={"to": to, "version": version}, headers=headers(user))


def test_received_testing_reported(client, make_sample):
    sample = make_sample()
    response = move(client, sample, "testing", 1)
    assert response.status_code == 200
    assert response.json()["version"] == 2
    response = move(client, sample, "reported", 2)
    assert response.json()["status"] == "reported"
    assert response.json()["version"] == 3


def test_skipping_a_step_is_409(client, make_sample):
    sample = make_sample()
    assert move(client, sample, "reported", 1).status_code == 409


def test_reported_is_final(client, make_sample):
    sample = make_sample()
    move(client, sample, "testing", 1)
    move(client, sample, "reported", 2)
    assert move(client, sample, "testing", 3).status_code == 409
    assert move(client, sample, "discarded", 3, user="sue").status_code == 409


def test_stale_version_is_409_with_current(client, make_sample):
    sample = make_sample()
    assert move(client, sample, "testing", 1).status_code == 200
    response = move(client, sample, "reported", 1)
    assert response.status_code == 409
    assert response.json()["detail"]["current"]["version"] == 2
    assert client.get(f"/samples/{sample['id']}", headers=headers("alice")).json()["status"] == "testing"


def test_notes_need_current_version(client, make_sample):
    sample = make_sample()
    response = client.patch(f"/samples/{sample['id']}", json={"notes": "haemolysed", "version": 1}, headers=headers("alice"))
    assert response.status_code == 200
    assert response.json()["version"] == 2
    response = client.patch(f"/samples/{sample['id']}", json={"notes": "again", "version": 1}, headers=headers("alice"))
    assert response.status_code == 409
    assert move(client, sample, "testing", 1).status_code == 409
    assert move(client, sample, "testing", 2).status_code == 200


def test_only_supervisor_discards(client, make_sample):
    sample = make_sample()
    assert move(client, sample, "discarded", 1).status_code == 403
    assert move(client, sample, "discarded", 1, user="vic").status_code == 403
    response = move(client, sample, "discarded", 1, user="sue")
    assert response.status_code == 200
    assert response.json()["status"] == "discarded"


def test_testing_allowed_up_to_max_age(client, clock, make_sample):
    sample = make_sample(collected_at="2026-05-04T09:00:00+00:00")
    clock.now = clock.now.replace(day=6, hour=9)
    assert move(client, sample, "testing", 1).status_code == 200


def test_testing_refused_after_max_age(client, clock, make_sample):
    sample = make_sample(collected_at="2026-05-04T09:00:00+00:00")
    clock.now = clock.now.replace(day=6, hour=9) + timedelta(seconds=1)
    response = move(client, sample, "testing", 1)
    assert response.status_code == 409
    assert "too old" in response.json()["detail"]


def test_list_filters_and_pages(client, make_sample):
    ids = [make_sample(code=f"S-{n:03}")["id"] for n in range(1, 6)]
    make_sample(code="S-900", user="bob")
    move(client, {"id": ids[1]}, "testing", 1)
    response = client.get("/samples", params={"limit": 2, "offset": 2}, headers=headers("vic"))
    assert [s["id"] for s in response.json()] == ids[2:4]
    assert response.headers["X-Total-Count"] == "5"
    response = client.get("/samples", params={"limit": 2, "offset": 4}, headers=headers("vic"))
    assert [s["id"] for s in response.json()] == ids[4:]
    response = client.get("/samples", params={"status": "testing"}, headers=headers("vic"))
    assert [s["id"] for s in response.json()] == [ids[1]]
    assert response.headers["X-Total-Count"] == "1"
    assert client.get("/samples", params={"limit": 51}, headers=headers("vic")).status_code == 422

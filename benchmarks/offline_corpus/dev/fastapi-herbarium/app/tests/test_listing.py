from .conftest import ANA, BEN, CURATOR, create


def ids(client, query="", headers=ANA):
    r = client.get(f"/specimens{query}", headers=headers)
    assert r.status_code == 200, r.json()
    body = r.json()
    assert body["count"] == len(body["items"])
    return [item["id"] for item in body["items"]]


def seed(client):
    create(client, headers=ANA, family="Saxifragaceae", country="ch", elevation_m=2400, collected_on="2025-07-14")
    create(client, headers=BEN, family="Rosaceae", country="FR", elevation_m=1200, collected_on="2025-06-01")
    create(client, headers=ANA, family="Rosaceae", country="fr", elevation_m=None, collected_on="2024-09-30")
    create(client, headers=BEN, family="Poaceae", country="IT", elevation_m=2401, collected_on="2025-07-15")


def test_filters(client):
    seed(client)
    assert ids(client) == [1, 2, 3, 4]
    assert ids(client, "?family=rosaceae") == [2, 3]
    assert ids(client, "?country=fr") == [2, 3]
    assert ids(client, "?country=FR&collector=ana") == [3]
    assert ids(client, "?collector=ben") == [2, 4]


def test_elevation_filters_inclusive(client):
    seed(client)
    assert ids(client, "?min_elevation=1200") == [1, 2, 4]
    assert ids(client, "?max_elevation=2400") == [1, 2]
    assert ids(client, "?min_elevation=2400&max_elevation=2400") == [1]


def test_date_filters_inclusive(client):
    seed(client)
    assert ids(client, "?collected_from=2025-06-01&collected_to=2025-07-14") == [1, 2]


def test_bad_filter_is_422(client):
    r = client.get("/specimens?min_elevation=high", headers=ANA)
    assert r.status_code == 422
    assert r.json()["fields"] == ["min_elevation"]


def test_include_deleted_for_curators_only(client):
    seed(client)
    client.delete("/specimens/2", headers=BEN)
    assert ids(client) == [1, 3, 4]
    assert ids(client, "?include_deleted=true", headers=CURATOR) == [1, 2, 3, 4]
    assert client.get("/specimens?include_deleted=true", headers=ANA).status_code == 403


def test_summary(client):
    seed(client)
    create(client, headers=ANA, family="Poaceae", elevation_m=1000, collected_on="2023-05-05")
    client.delete("/specimens/5", headers=ANA)
    r = client.get("/summary", headers=BEN)
    assert r.status_code == 200
    assert r.json() == {
        "total": 4,
        "deleted": 1,
        "by_family": {"Poaceae": 1, "Rosaceae": 2, "Saxifragaceae": 1},
        "by_collector": {"ana": 2, "ben": 2},
        "mean_elevation_m": 2000.3,
        "earliest": "2024-09-30",
        "latest": "2025-07-15",
    }


def test_summary_mean_rounds_half_up(client):
    for elevation in (100, 100, 100, 101):
        create(client, elevation_m=elevation)
    assert client.get("/summary", headers=ANA).json()["mean_elevation_m"] == 100.3


def test_empty_summary(client):
    assert client.get("/summary", headers=ANA).json() == {
        "total": 0,
        "deleted": 0,
        "by_family": {},
        "by_collector": {},
        "mean_elevation_m": None,
        "earliest": None,
        "latest": None,
    }

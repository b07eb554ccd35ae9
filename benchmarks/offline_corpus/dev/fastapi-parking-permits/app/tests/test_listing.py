from datetime import date

from tests.conftest import new_permit


def seed(client, headers):
    """Five permits: ids in creation order, different zones, starts and prices."""
    specs = [
        ("AA1", "A", "2026-03-05", "2026-03-05"),  # 375
        ("BB2", "B", "2026-03-03", "2026-03-04"),  # 520
        ("CC3", "C", "2026-03-10", "2026-03-10"),  # 145
        ("DD4", "A", "2026-03-02", "2026-03-03"),  # 750
        ("EE5", "B", "2026-03-08", "2026-03-08"),  # 260
    ]
    ids = []
    for plate, zone, start, end in specs:
        r = new_permit(client, headers, plate=plate, zone=zone, starts_on=start, ends_on=end)
        ids.append(r.json()["id"])
    return ids


def plates(r):
    return [p["plate"] for p in r.json()["items"]]


def test_default_sort_is_by_start_date(client, acme):
    seed(client, acme)
    r = client.get("/permits", headers=acme)
    assert r.status_code == 200
    assert plates(r) == ["DD4", "BB2", "AA1", "EE5", "CC3"]
    assert r.json()["total"] == 5
    assert r.json()["limit"] == 20
    assert r.json()["offset"] == 0


def test_sort_descending_and_by_price(client, acme):
    seed(client, acme)
    assert plates(client.get("/permits?sort=-starts_on", headers=acme)) == ["CC3", "EE5", "AA1", "BB2", "DD4"]
    assert plates(client.get("/permits?sort=price", headers=acme)) == ["CC3", "EE5", "AA1", "BB2", "DD4"]
    assert plates(client.get("/permits?sort=-price", headers=acme)) == ["DD4", "BB2", "AA1", "EE5", "CC3"]


def test_unknown_sort_is_422(client, acme):
    assert client.get("/permits?sort=plate", headers=acme).status_code == 422


def test_limit_and_offset(client, acme):
    seed(client, acme)
    r = client.get("/permits?limit=2&offset=2", headers=acme)
    assert plates(r) == ["AA1", "EE5"]
    assert r.json()["total"] == 5
    last = client.get("/permits?limit=2&offset=4", headers=acme)
    assert plates(last) == ["CC3"]


def test_limit_bounds(client, acme):
    assert client.get("/permits?limit=0", headers=acme).status_code == 422
    assert client.get("/permits?limit=100", headers=acme).status_code == 200
    assert client.get("/permits?limit=101", headers=acme).status_code == 422
    assert client.get("/permits?offset=-1", headers=acme).status_code == 422


def test_filter_by_zone_and_plate(client, acme):
    seed(client, acme)
    r = client.get("/permits?zone=a", headers=acme)
    assert plates(r) == ["DD4", "AA1"]
    assert r.json()["total"] == 2
    assert plates(client.get("/permits?plate=bb-2", headers=acme)) == ["BB2"]


def test_filter_by_status_with_total(client, acme):
    ids = seed(client, acme)
    client.post(f"/permits/{ids[0]}/approve", headers=acme)
    client.post(f"/permits/{ids[1]}/cancel", headers=acme)
    r = client.get("/permits?status=pending", headers=acme)
    assert plates(r) == ["DD4", "EE5", "CC3"]
    assert r.json()["total"] == 3
    assert plates(client.get("/permits?status=cancelled", headers=acme)) == ["BB2"]


def test_expired_and_active_filters_follow_the_clock(client, acme, clock):
    ids = seed(client, acme)
    for pid in ids:
        client.post(f"/permits/{pid}/approve", headers=acme)
    clock.today = date(2026, 3, 5)
    assert plates(client.get("/permits?status=expired", headers=acme)) == ["DD4", "BB2"]
    assert plates(client.get("/permits?status=active", headers=acme)) == ["AA1", "EE5", "CC3"]


def test_listing_only_shows_own_permits(client, acme, birch):
    seed(client, acme)
    new_permit(client, birch, plate="ZZ9")
    r = client.get("/permits", headers=birch)
    assert plates(r) == ["ZZ9"]
    assert r.json()["total"] == 1

from .conftest import ALICE, BOB


def test_limit_allows_exactly_n_requests(limited_client):
    for _ in range(3):
        assert limited_client.get("/messages", headers=ALICE).status_code == 200
    response = limited_client.get("/messages", headers=ALICE)
    assert response.status_code == 429


def test_retry_after_is_whole_seconds_rounded_up(limited_client, clock):
    limited_client.get("/messages", headers=ALICE)
    clock.advance(10)
    limited_client.get("/messages", headers=ALICE)
    clock.advance(10)
    limited_client.get("/messages", headers=ALICE)
    clock.advance(10.4)
    response = limited_client.get("/messages", headers=ALICE)
    assert response.status_code == 429
    # The oldest request leaves the window 29.6 s from now.
    assert response.headers["Retry-After"] == "30"


def test_window_rolls(limited_client, clock):
    for _ in range(3):
        limited_client.get("/messages", headers=ALICE)
    clock.advance(59.9)
    assert limited_client.get("/messages", headers=ALICE).status_code == 429
    clock.advance(0.1)
    # Exactly a minute after the first requests they no longer count.
    assert limited_client.get("/messages", headers=ALICE).status_code == 200


def test_limit_is_per_key(limited_client):
    for _ in range(3):
        limited_client.get("/messages", headers=ALICE)
    assert limited_client.get("/messages", headers=ALICE).status_code == 429
    assert limited_client.get("/messages", headers=BOB).status_code == 200


def test_rejected_requests_are_not_counted(limited_client, clock):
    for _ in range(3):
        limited_client.get("/messages", headers=ALICE)
    clock.advance(30)
    assert limited_client.get("/messages", headers=ALICE).status_code == 429
    clock.advance(30)
    for _ in range(3):
        assert limited_client.get("/messages", headers=ALICE).status_code == 200

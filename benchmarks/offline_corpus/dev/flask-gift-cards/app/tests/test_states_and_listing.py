from tests.conftest import issue


def test_freeze_blocks_redemption_until_unfrozen(bakery):
    code = issue(bakery)["code"]
    r = bakery.post(f"/cards/{code}/freeze")
    assert r.status_code == 200
    assert r.get_json()["status"] == "frozen"
    blocked = bakery.post(f"/cards/{code}/redeem", json={"amount_cents": 100})
    assert blocked.status_code == 409
    assert blocked.get_json()["error"] == "card is frozen"
    assert bakery.post(f"/cards/{code}/unfreeze").get_json()["status"] == "active"
    assert bakery.post(f"/cards/{code}/redeem", json={"amount_cents": 100}).status_code == 200


def test_cannot_freeze_twice_or_unfreeze_an_active_card(bakery):
    code = issue(bakery)["code"]
    r = bakery.post(f"/cards/{code}/unfreeze")
    assert r.status_code == 409
    assert r.get_json()["error"] == "cannot move a active card to active"
    bakery.post(f"/cards/{code}/freeze")
    assert bakery.post(f"/cards/{code}/freeze").status_code == 409


def test_void_zeroes_the_balance_and_records_it(bakery):
    code = issue(bakery, 2500)["code"]
    bakery.post(f"/cards/{code}/redeem", json={"amount_cents": 500})
    r = bakery.post(f"/cards/{code}/void")
    assert r.status_code == 200
    assert r.get_json()["status"] == "void"
    assert r.get_json()["balance_cents"] == 0
    movements = bakery.get(f"/cards/{code}").get_json()["movements"]
    assert movements[-1]["kind"] == "void"
    assert movements[-1]["amount_cents"] == 2000


def test_frozen_card_can_be_voided(bakery):
    code = issue(bakery)["code"]
    bakery.post(f"/cards/{code}/freeze")
    assert bakery.post(f"/cards/{code}/void").get_json()["status"] == "void"


def test_void_is_final(bakery):
    code = issue(bakery, 2500)["code"]
    bakery.post(f"/cards/{code}/redeem", json={"amount_cents": 500})
    bakery.post(f"/cards/{code}/void")
    for action in ("freeze", "unfreeze", "void"):
        assert bakery.post(f"/cards/{code}/{action}").status_code == 409, action
    assert bakery.post(f"/cards/{code}/redeem", json={"amount_cents": 1}).get_json()["error"] == "card is void"
    r = bakery.post(f"/cards/{code}/refund", json={"amount_cents": 100})
    assert r.status_code == 409
    assert r.get_json()["error"] == "card is void"


def test_public_balance_link(app, bakery, clock):
    card = issue(bakery, 2500, valid_days=30)
    bakery.post(f"/cards/{card['code']}/redeem", json={"amount_cents": 400})
    path = card["balance_url"].removeprefix("https://cards.example")
    anonymous = app.test_client()
    r = anonymous.get(path)
    assert r.status_code == 200
    assert r.get_json() == {"balance_cents": 2100, "status": "active", "expires_on": "2026-06-03"}
    clock.advance(days=31)
    assert anonymous.get(path).get_json()["status"] == "expired"


def test_public_balance_link_shows_frozen(app, bakery):
    card = issue(bakery)
    bakery.post(f"/cards/{card['code']}/freeze")
    path = card["balance_url"].removeprefix("https://cards.example")
    assert app.test_client().get(path).get_json()["status"] == "frozen"


def test_public_balance_needs_a_signed_code(app, bakery):
    card = issue(bakery)
    client = app.test_client()
    assert client.get(f"/balance/{card['code']}").status_code == 404
    token = card["balance_url"].rsplit("/", 1)[1]
    assert client.get(f"/balance/{token[:-1]}A").status_code == 404
    from itsdangerous import URLSafeSerializer

    wrong_salt = URLSafeSerializer("test-secret", salt="sign-in").dumps(card["code"])
    assert client.get(f"/balance/{wrong_salt}").status_code == 404


def codes(r):
    return [c["code"] for c in r.get_json()["cards"]]


def test_list_is_newest_first_and_paginated(bakery):
    made = [issue(bakery, 1000 + i)["code"] for i in range(5)]
    r = bakery.get("/cards?per_page=2")
    body = r.get_json()
    assert codes(r) == [made[4], made[3]]
    assert (body["page"], body["per_page"], body["total"], body["pages"]) == (1, 2, 5, 3)
    assert codes(bakery.get("/cards?per_page=2&page=3")) == [made[0]]
    assert codes(bakery.get("/cards?per_page=2&page=4")) == []


def test_list_defaults_to_ten_per_page(bakery):
    for i in range(11):
        issue(bakery, 1000 + i)
    body = bakery.get("/cards").get_json()
    assert len(body["cards"]) == 10
    assert body["pages"] == 2


def test_list_pages_for_an_exact_multiple(bakery):
    for i in range(4):
        issue(bakery, 1000 + i)
    assert bakery.get("/cards?per_page=2").get_json()["pages"] == 2
    assert bakery.get("/cards?per_page=4").get_json()["pages"] == 1


def test_list_parameter_bounds(bakery):
    assert bakery.get("/cards?per_page=50").status_code == 200
    for query in ("per_page=51", "per_page=0", "page=0", "page=x"):
        r = bakery.get(f"/cards?{query}")
        assert r.status_code == 400, query


def test_list_filters_by_status(bakery):
    a = issue(bakery)["code"]
    b = issue(bakery)["code"]
    c = issue(bakery)["code"]
    bakery.post(f"/cards/{b}/freeze")
    bakery.post(f"/cards/{c}/void")
    assert codes(bakery.get("/cards?status=frozen")) == [b]
    r = bakery.get("/cards?status=active")
    assert codes(r) == [a]
    assert r.get_json()["total"] == 1
    assert bakery.get("/cards?status=lost").status_code == 400


def test_list_shows_only_own_cards(bakery, books):
    issue(bakery)
    mine = issue(books)["code"]
    r = books.get("/cards")
    assert codes(r) == [mine]
    assert r.get_json()["total"] == 1

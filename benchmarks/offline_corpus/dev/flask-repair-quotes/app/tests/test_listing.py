import pytest

from conftest import make_quote, send_quote


def line(cents):
    return [{"description": "Work", "quantity": 1, "unit_cents": cents}]


@pytest.fixture
def quotes(sam, clients, clock):
    made = {}
    for name, cents in [("small", 1000), ("big", 9000), ("medium", 5000), ("old", 3000)]:
        made[name] = make_quote(sam, lines=line(cents))["id"]
        clock.advance(minutes=1)
    send_quote(sam, made["old"])
    clock.advance(days=15)
    send_quote(sam, made["medium"])
    make_quote(clients("carl"), lines=line(100))
    return made


def ids(response):
    assert response.status_code == 200, response.get_json()
    return [q["id"] for q in response.get_json()["items"]]


def test_newest_first_by_default(sam, quotes):
    assert ids(sam.get("/api/quotes")) == [quotes["old"], quotes["medium"], quotes["big"], quotes["small"]]


def test_sort_by_total(sam, quotes):
    assert ids(sam.get("/api/quotes?sort=total")) == [quotes["small"], quotes["old"], quotes["medium"], quotes["big"]]
    assert ids(sam.get("/api/quotes?sort=-total")) == [quotes["big"], quotes["medium"], quotes["old"], quotes["small"]]
    assert ids(sam.get("/api/quotes?sort=created"))[0] == quotes["small"]


def test_filter_by_status(sam, quotes):
    assert ids(sam.get("/api/quotes?status=sent")) == [quotes["medium"]]
    assert ids(sam.get("/api/quotes?status=expired")) == [quotes["old"]]
    assert ids(sam.get("/api/quotes?status=draft&sort=created")) == [quotes["small"], quotes["big"]]
    assert ids(sam.get("/api/quotes?status=accepted")) == []


def test_pages(sam, quotes):
    response = sam.get("/api/quotes?sort=total&per_page=3&page=2")
    assert ids(response) == [quotes["big"]]
    body = response.get_json()
    assert (body["page"], body["per_page"], body["total"], body["pages"]) == (2, 3, 4, 2)
    assert ids(sam.get("/api/quotes?page=9")) == []


def test_per_page_is_capped(sam, quotes):
    assert sam.get("/api/quotes?per_page=500").get_json()["per_page"] == 50


def test_only_my_shops_quotes(clients, quotes):
    body = clients("carl").get("/api/quotes").get_json()
    assert body["total"] == 1


@pytest.mark.parametrize("query", ["status=open", "sort=price", "page=0", "per_page=0", "page=two"])
def test_bad_parameters(sam, query):
    assert sam.get(f"/api/quotes?{query}").status_code == 400

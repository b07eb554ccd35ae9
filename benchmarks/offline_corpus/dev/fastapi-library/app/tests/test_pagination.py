import pytest


@pytest.fixture
def shelf(client):
    for n in range(1, 8):
        author = "Le Guin" if n % 2 else "Pratchett"
        client.post("/books", json={"title": f"Book {n}", "author": author, "year": 1970 + n})


def test_first_page(client, shelf):
    body = client.get("/books", params={"size": 3}).json()
    assert [b["title"] for b in body["items"]] == ["Book 1", "Book 2", "Book 3"]
    assert body["total"] == 7
    assert body["page"] == 1
    assert body["size"] == 3


def test_later_pages(client, shelf):
    assert [b["title"] for b in client.get("/books", params={"size": 3, "page": 2}).json()["items"]] == [
        "Book 4",
        "Book 5",
        "Book 6",
    ]
    last = client.get("/books", params={"size": 3, "page": 3}).json()
    assert [b["title"] for b in last["items"]] == ["Book 7"]
    assert last["total"] == 7
    assert client.get("/books", params={"size": 3, "page": 4}).json()["items"] == []


def test_filter_by_author_counts_only_matches(client, shelf):
    body = client.get("/books", params={"author": "Pratchett"}).json()
    assert [b["title"] for b in body["items"]] == ["Book 2", "Book 4", "Book 6"]
    assert body["total"] == 3


@pytest.mark.parametrize("params", [{"page": 0}, {"size": 0}, {"size": 51}])
def test_rejects_out_of_range_paging(client, params):
    assert client.get("/books", params=params).status_code == 422


def test_largest_page_size_is_allowed(client, shelf):
    assert client.get("/books", params={"size": 50}).status_code == 200

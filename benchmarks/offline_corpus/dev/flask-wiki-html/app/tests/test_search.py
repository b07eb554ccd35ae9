import pytest


@pytest.fixture
def pages(client, make_page):
    make_page("Fruit", body="Apples and pears.")
    make_page("Vegetables", body="Leeks, carrots and a banana by mistake.")
    make_page("Banana bread", body="Flour, eggs, sugar.")
    return client


def titles(response):
    data = response.data.decode()
    return [line.split(">", 2)[2].split("<")[0] for line in data.splitlines() if 'href="/wiki/' in line]


def test_search_matches_titles_and_current_text(pages):
    response = pages.get("/search", query_string={"q": "banana"})

    assert response.status_code == 200
    assert b'2 results for "banana"' in response.data
    assert titles(response) == ["Banana bread", "Vegetables"]


def test_search_is_case_insensitive(pages):
    assert titles(pages.get("/search", query_string={"q": "APPLES"})) == ["Fruit"]


def test_search_ignores_old_revisions(pages):
    pages.post("/wiki/vegetables/edit", data={"body": "Leeks and carrots."})

    assert titles(pages.get("/search", query_string={"q": "banana"})) == ["Banana bread"]
    assert titles(pages.get("/search", query_string={"q": "carrots"})) == ["Vegetables"]


def test_search_wildcards_are_literal(pages):
    assert titles(pages.get("/search", query_string={"q": "%"})) == []
    assert titles(pages.get("/search", query_string={"q": "_"})) == []


def test_empty_search(client):
    response = client.get("/search", query_string={"q": "   "})

    assert response.status_code == 200
    assert b"Type something to search for." in response.data

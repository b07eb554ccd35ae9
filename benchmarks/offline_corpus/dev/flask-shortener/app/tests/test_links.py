import pytest


def test_create_link_with_generated_code(client, user):
    response = client.post("/links", json={"url": "https://example.org/a"}, headers=user)
    assert response.status_code == 201
    body = response.get_json()
    assert len(body["code"]) == 6
    assert body["short"] == f"/{body['code']}"
    assert client.get(body["short"]).headers["Location"] == "https://example.org/a"


def test_create_link_with_custom_code(client, link):
    assert link == {"code": "docs", "url": "https://example.org/docs", "short": "/docs"}


def test_custom_code_taken(client, user, link):
    response = client.post("/links", json={"url": "https://example.org/other", "code": "docs"}, headers=user)
    assert response.status_code == 409
    assert client.get("/docs").headers["Location"] == "https://example.org/docs"


@pytest.mark.parametrize("url", ["", "example.org", "ftp://example.org/file", "javascript:alert(1)", "https://"])
def test_rejects_non_http_urls(client, user, url):
    response = client.post("/links", json={"url": url}, headers=user)
    assert response.status_code == 400
    assert response.get_json() == {"error": "url must be an http(s) URL"}


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}, {"X-API-Key": ""}])
def test_create_requires_key(client, headers):
    assert client.post("/links", json={"url": "https://example.org"}, headers=headers).status_code == 401


def test_follow_redirects_and_counts(client, user, link):
    response = client.get("/docs")
    assert response.status_code == 302
    assert response.headers["Location"] == "https://example.org/docs"
    client.get("/docs")
    assert client.get("/links/docs", headers=user).get_json() == {
        "code": "docs",
        "url": "https://example.org/docs",
        "hits": 2,
    }


def test_follow_unknown_code(client):
    assert client.get("/nothing").status_code == 404


def test_stats_requires_key(client, link):
    assert client.get("/links/docs").status_code == 401


def test_stats_unknown_code(client, user):
    assert client.get("/links/nothing", headers=user).status_code == 404


def test_delete_requires_admin(client, user, link):
    response = client.delete("/links/docs", headers=user)
    assert response.status_code == 403
    assert client.get("/docs").status_code == 302


def test_admin_deletes(client, admin, link):
    assert client.delete("/links/docs", headers=admin).status_code == 204
    assert client.get("/docs").status_code == 404
    assert client.delete("/links/docs", headers=admin).status_code == 404


def test_admin_can_create(client, admin):
    assert client.post("/links", json={"url": "https://example.org"}, headers=admin).status_code == 201

"""The offline engine on a plain Starlette app (no FastAPI): `Mount` and `Route`, an `HTTPEndpoint` class, an
`AuthenticationMiddleware` backend reading a token header whose tokens and kinds come from one environment setting
(`token:kind;...`, each kind checked against the module's list), `@requires(...)` guards and roles, a body read
through an async helper (`await body_of(request)`) and checked by hand, and an action that runs out.

The app runs through a whole offline session; its tests pass on the app as written, and each aimed test fails on
its bug.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_offline_http_shapes import aimed_test_fails, run

from conftest import make_repo

SHELF_AUTH = '''
from starlette.authentication import AuthCredentials, AuthenticationBackend, AuthenticationError, SimpleUser
from starlette.requests import HTTPConnection

KINDS = ("librarian", "patron")


def read_tokens(raw: str) -> dict[str, str]:
    """`token:kind` entries separated by semicolons."""
    tokens = {}
    for entry in raw.split(";"):
        if not entry.strip():
            continue
        token, _, kind = entry.strip().partition(":")
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        tokens[token] = kind
    return tokens


class TokenBackend(AuthenticationBackend):
    def __init__(self, tokens: dict[str, str]) -> None:
        self.tokens = tokens

    async def authenticate(self, conn: HTTPConnection):
        value = conn.headers.get("X-Shelf-Token")
        if value is None:
            return None
        kind = self.tokens.get(value)
        if kind is None:
            raise AuthenticationError("unknown token")
        scopes = ["authenticated", kind] + (["patron"] if kind == "librarian" else [])
        return AuthCredentials(scopes), SimpleUser(f"{kind}-{value[-4:]}")
'''

SHELF_APP = '''
import os

from starlette.applications import Starlette
from starlette.authentication import requires
from starlette.endpoints import HTTPEndpoint
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.requests import HTTPConnection, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route

from .auth import TokenBackend, read_tokens

SHELVES = ("fiction", "history", "science")


def refuse(conn: HTTPConnection, exc: Exception) -> JSONResponse:
    return JSONResponse({"error": str(exc)}, status_code=401)


async def body_of(request: Request):
    try:
        return await request.json()
    except ValueError:
        return None


class Books(HTTPEndpoint):
    @requires("authenticated", status_code=401)
    async def get(self, request: Request) -> JSONResponse:
        shelf = request.query_params.get("shelf")
        books = [b for b in request.app.state.books.values() if shelf is None or b["shelf"] == shelf]
        return JSONResponse(sorted(books, key=lambda b: b["id"]))

    @requires("authenticated", status_code=401)
    @requires("librarian")
    async def post(self, request: Request) -> JSONResponse:
        data = await body_of(request)
        if not isinstance(data, dict):
            return JSONResponse({"error": "send a JSON object"}, status_code=400)
        title = data.get("title")
        shelf = data.get("shelf")
        copies = data.get("copies", 1)
        if not isinstance(title, str) or not 1 <= len(title) <= 80:
            return JSONResponse({"error": "title: 1 to 80 characters"}, status_code=422)
        if shelf not in SHELVES:
            return JSONResponse({"error": "unknown shelf"}, status_code=422)
        if not isinstance(copies, int) or isinstance(copies, bool) or not 1 <= copies <= 20:
            return JSONResponse({"error": "copies: 1 to 20"}, status_code=422)
        state = request.app.state
        state.next_id += 1
        book = {"id": state.next_id, "title": title, "shelf": shelf, "copies": copies, "on_loan": 0}
        state.books[book["id"]] = book
        return JSONResponse(book, status_code=201)


def find(request: Request) -> dict | None:
    return request.app.state.books.get(request.path_params["book_id"])


@requires("authenticated", status_code=401)
async def show(request: Request) -> JSONResponse:
    book = find(request)
    if book is None:
        return JSONResponse({"error": "no such book"}, status_code=404)
    return JSONResponse(book)


@requires("authenticated", status_code=401)
async def borrow(request: Request) -> JSONResponse:
    book = find(request)
    if book is None:
        return JSONResponse({"error": "no such book"}, status_code=404)
    if book["on_loan"] >= book["copies"]:
        return JSONResponse({"error": "no copy left"}, status_code=409)
    book["on_loan"] += 1
    return JSONResponse(book)


@requires("authenticated", status_code=401)
@requires("librarian")
async def withdraw(request: Request) -> Response:
    book = find(request)
    if book is None:
        return JSONResponse({"error": "no such book"}, status_code=404)
    if book["on_loan"]:
        return JSONResponse({"error": "copies are out"}, status_code=409)
    del request.app.state.books[book["id"]]
    return Response(status_code=204)


def create_app() -> Starlette:
    tokens = read_tokens(os.environ.get("SHELF_TOKENS", ""))
    app = Starlette(
        routes=[Mount("/api", routes=[
            Route("/books", Books),
            Route("/books/{book_id:int}", show, methods=["GET"]),
            Route("/books/{book_id:int}", withdraw, methods=["DELETE"]),
            Route("/books/{book_id:int}/borrow", borrow, methods=["POST"]),
        ])],
        middleware=[Middleware(AuthenticationMiddleware, backend=TokenBackend(tokens), on_error=refuse)],
    )
    app.state.books = {}
    app.state.next_id = 0
    return app
'''

SHELF_BUGS = {
    "test_post_api_books_is_forbidden_without_the_librarian_role": (
        "shelf/app.py", '    @requires("librarian")\n    async def post', "    async def post"),
    "test_post_api_books_borrow_a_third_time_answers_409": (
        "shelf/app.py", 'book["on_loan"] >= book["copies"]', 'book["on_loan"] > book["copies"]'),
    "test_delete_api_book_by_id_then_reading_it_gives_404": (
        "shelf/app.py", 'del request.app.state.books[book["id"]]', 'request.app.state.books.get(book["id"])'),
    "test_post_api_books_title_of_80_and_81_characters": ("shelf/app.py", "len(title) <= 80", "len(title) <= 81"),
    "test_post_api_books_without_copies_stores_its_default": (
        "shelf/app.py", 'copies = data.get("copies", 1)', 'copies = data.get("copies", 2)'),
    "test_post_api_books_title_of_0_and_1_characters": ("shelf/app.py", "1 <= len(title)", "1 < len(title)"),
    "test_get_api_books_filters_by_shelf": ("shelf/app.py", 'b["shelf"] == shelf]', "shelf in SHELVES]"),
    "test_get_api_books_refuses_an_unknown_token": (
        "shelf/auth.py", "kind = self.tokens.get(value)", 'kind = self.tokens.get(value, "patron")'),
}


@pytest.fixture(scope="module")
def shelf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    files = {"shelf/__init__.py": "", "shelf/auth.py": SHELF_AUTH, "shelf/app.py": SHELF_APP}
    repo = make_repo(tmp_path_factory.mktemp("shelf"), files)
    return repo, *run(repo, "add tests for the shelf API: listing and adding books (librarians only), reading one, "
                            "borrowing copies and withdrawing books")


def test_a_starlette_app_gets_its_tokens_roles_and_hand_checked_bodies(
        shelf: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = shelf
    assert findings == []
    assert "from starlette.testclient import TestClient" in text
    assert 'os.environ.setdefault("SHELF_TOKENS", "test-key-1:librarian;test-key-2:patron")' in text
    assert 'LIBRARIAN_HEADERS = {"X-Shelf-Token": "test-key-1"}' in text
    assert 'client.post(f"/api/books/{item_id}/borrow"' in text  # an `{id:int}` path of a mounted route


@pytest.mark.parametrize("name", sorted(SHELF_BUGS))
def test_the_aimed_shelf_test_fails_on_its_bug(shelf: tuple[Path, str, str, list[str]], tmp_path: Path,
                                              name: str) -> None:
    rel, *bug = SHELF_BUGS[name]
    aimed_test_fails(shelf[0], shelf[1], rel, (bug[0], bug[1]), name, tmp_path)

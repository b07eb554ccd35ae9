"""The offline engine on records that live under their parent's path: a FastAPI app whose cards are numbered
within their board and read, changed and deleted at `/boards/{board_id}/cards/{number}`, whose callers log in to a
token read from a plain `Authorization` header parameter (`scheme, _, token = authorization.partition(" ")`), and
whose updates answer the record with a counter moved on.

The app runs through a whole offline session; its tests pass on the app as written, and each aimed test fails on
its bug.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_offline_http_shapes import aimed_test_fails, run

from conftest import make_repo

BOARDS = '''
import secrets
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Response
from pydantic import BaseModel, Field

app = FastAPI(title="boards")
USERS: dict[str, str] = {}
TOKENS: dict[str, str] = {}
BOARDS: dict[int, dict] = {}
CARDS: dict[tuple[int, int], dict] = {}


class Credentials(BaseModel):
    username: str = Field(min_length=3, max_length=30)
    password: str = Field(min_length=8)


class BoardIn(BaseModel):
    name: str = Field(min_length=1, max_length=60)


class CardIn(BaseModel):
    title: str = Field(min_length=1, max_length=120)
    points: int = Field(ge=1, le=13)


class CardPatch(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=120)
    points: int | None = Field(default=None, ge=1, le=13)
    done: bool | None = None


def user(authorization: Annotated[str | None, Header()] = None) -> str:
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or token not in TOKENS:
        raise HTTPException(401, "not signed in")
    return TOKENS[token]


@app.post("/register", status_code=201)
def register(body: Credentials) -> dict:
    if body.username in USERS:
        raise HTTPException(409, "taken")
    USERS[body.username] = body.password
    return {"username": body.username}


@app.post("/login")
def login(body: Credentials) -> dict:
    if USERS.get(body.username) != body.password:
        raise HTTPException(401, "wrong username or password")
    token = secrets.token_hex(16)
    TOKENS[token] = body.username
    return {"access_token": token, "token_type": "bearer"}


def own_board(board_id: int, who: str) -> dict:
    board = BOARDS.get(board_id)
    if board is None or board["owner"] != who:
        raise HTTPException(404, "no such board")
    return board


@app.post("/boards", status_code=201)
def add_board(body: BoardIn, who: Annotated[str, Depends(user)]) -> dict:
    board = {"id": len(BOARDS) + 1, "name": body.name, "owner": who, "cards": 0}
    BOARDS[board["id"]] = board
    return board


@app.get("/boards/{board_id}")
def show_board(board_id: int, who: Annotated[str, Depends(user)]) -> dict:
    return own_board(board_id, who)


@app.post("/boards/{board_id}/cards", status_code=201)
def add_card(board_id: int, body: CardIn, who: Annotated[str, Depends(user)]) -> dict:
    board = own_board(board_id, who)
    board["cards"] += 1
    card = {"number": board["cards"], "board_id": board_id, "title": body.title, "points": body.points,
            "done": False, "version": 1}
    CARDS[(board_id, card["number"])] = card
    return card


def find_card(board_id: int, number: int, who: str) -> dict:
    own_board(board_id, who)
    card = CARDS.get((board_id, number))
    if card is None:
        raise HTTPException(404, "no such card")
    return card


@app.get("/boards/{board_id}/cards/{number}")
def show_card(board_id: int, number: int, who: Annotated[str, Depends(user)]) -> dict:
    return find_card(board_id, number, who)


@app.patch("/boards/{board_id}/cards/{number}")
def change_card(board_id: int, number: int, body: CardPatch, who: Annotated[str, Depends(user)]) -> dict:
    card = find_card(board_id, number, who)
    card.update(body.model_dump(exclude_unset=True))
    card["version"] += 1
    return card


@app.delete("/boards/{board_id}/cards/{number}", status_code=204)
def remove_card(board_id: int, number: int, who: Annotated[str, Depends(user)]) -> Response:
    find_card(board_id, number, who)
    del CARDS[(board_id, number)]
    return Response(status_code=204)
'''

BOARDS_BUGS = {
    "test_get_boards_card_by_id_refuses_another_users_record": (
        "    own_board(board_id, who)\n    card = CARDS.get", "    card = CARDS.get"),
    "test_patch_boards_card_by_id_succeeds": ('card["version"] += 1', 'card["version"] += 2'),
    "test_patch_boards_card_by_id_updates_every_field": (
        "card.update(body.model_dump(exclude_unset=True))",
        'card.update(body.model_dump(exclude_unset=True, exclude={"done"}))'),
    "test_patch_boards_card_by_id_changes_only_the_sent_field": (
        "card.update(body.model_dump(exclude_unset=True))", "card.update(body.model_dump())"),
    "test_delete_boards_card_by_id_then_reading_it_gives_404": (
        "del CARDS[(board_id, number)]", "CARDS.get((board_id, number))"),
}


@pytest.fixture(scope="module")
def boards(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    files = {"boards/__init__.py": "", "boards/main.py": BOARDS}
    repo = make_repo(tmp_path_factory.mktemp("boards"), files)
    return repo, *run(repo, "add tests for the boards API: boards and the cards on them, reading, changing and "
                            "deleting cards")


def test_records_under_their_parents_path_are_made_under_a_new_parent(
        boards: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = boards
    assert findings == []
    assert 'return {"Authorization": "Bearer " + resp.json()["access_token"]}' in text  # a bare header parameter
    assert 'parent_id = client.post("/boards", json=' in text
    assert 'client.get(f"/boards/{parent_id}/cards/{item_id}", headers=user_headers)' in text
    assert 'assert body["version"] == created["version"] + 1' in text  # the counter an update moves on
    assert 'assert body["done"] is True' in text  # a flag the new record has off is sent on


@pytest.mark.parametrize("name", sorted(BOARDS_BUGS))
def test_the_aimed_boards_test_fails_on_its_bug(boards: tuple[Path, str, str, list[str]], tmp_path: Path,
                                               name: str) -> None:
    aimed_test_fails(boards[0], boards[1], "boards/main.py", BOARDS_BUGS[name], name, tmp_path)

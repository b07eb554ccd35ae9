"""The offline engine on a Flask app written here whose one guards module holds two decorators reading two headers.

Operators add games with the `X-Operator-Key` header (the app's `OPERATOR_KEY` setting); players join and get a
bearer token, pay money in as text ("12.50", at most two decimals) and play, which answers 402 until their balance
covers the price. The tests must send each key the way its own decorator reads it, pay in before playing, and
fail on a seeded bug.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_offline_adders import run_on_a_bug
from test_offline_engine import pytest_in
from test_offline_http_shapes import run

from conftest import make_repo

GUARDS = '''
import functools

from flask import current_app, g, jsonify, request

from .store import PLAYERS


def player_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        player = PLAYERS.get(token) if scheme.lower() == "bearer" else None
        if player is None:
            return jsonify(error="a player token is required"), 401
        g.player = player
        return view(*args, **kwargs)
    return wrapped


def operator_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if request.headers.get("X-Operator-Key") != current_app.config["OPERATOR_KEY"]:
            return jsonify(error="operators only"), 403
        return view(*args, **kwargs)
    return wrapped
'''

STORE = '''
PLAYERS: dict = {}
GAMES: dict = {}
'''

MONEY = '''
from decimal import Decimal, InvalidOperation


def parse_money(value):
    if not isinstance(value, str):
        raise ValueError("send money as text, such as \\"12.50\\"")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise ValueError("not a number") from None
    if amount.as_tuple().exponent < -2 or amount <= 0:
        raise ValueError("a positive amount with at most two decimals")
    return amount
'''

APP = '''
import secrets
from decimal import Decimal

from flask import Flask, g, jsonify, request

from .guards import operator_required, player_required
from .money import parse_money
from .store import GAMES, PLAYERS

GENRES = ("puzzle", "racing", "shooter")


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(OPERATOR_KEY="change-me")
    app.config.update(test_config or {})
    PLAYERS.clear()
    GAMES.clear()

    def player_json(player):
        return {"id": player["id"], "name": player["name"], "balance": str(player["balance"])}

    @app.post("/players")
    def join():
        name = ((request.get_json(silent=True) or {}).get("name") or "").strip()
        if not name:
            return jsonify(error="name is required"), 400
        token = secrets.token_hex(12)
        PLAYERS[token] = {"id": len(PLAYERS) + 1, "name": name, "balance": Decimal("0.00")}
        return jsonify({**player_json(PLAYERS[token]), "token": token}), 201

    @app.get("/players/me")
    @player_required
    def me():
        return jsonify(player_json(g.player))

    @app.post("/players/me/deposit")
    @player_required
    def deposit():
        try:
            amount = parse_money((request.get_json(silent=True) or {}).get("amount"))
        except ValueError as exc:
            return jsonify(error=str(exc)), 400
        g.player["balance"] += amount
        return jsonify(player_json(g.player))

    @app.post("/players/me/genres")
    @player_required
    def pick_genres():
        genres = (request.get_json(silent=True) or {}).get("genres") or []
        if not isinstance(genres, list) or any(genre not in GENRES for genre in genres):
            return jsonify(error=f"genres are chosen from {', '.join(GENRES)}"), 400
        g.player["genres"] = sorted(set(genres))
        return jsonify(genres=g.player["genres"])

    @app.post("/games")
    @operator_required
    def add_game():
        data = request.get_json(silent=True) or {}
        title = (data.get("title") or "").strip()
        try:
            price = parse_money(data.get("price"))
        except ValueError as exc:
            return jsonify(error=str(exc)), 400
        if not title:
            return jsonify(error="title is required"), 400
        game = {"id": len(GAMES) + 1, "title": title, "price": price}
        GAMES[game["id"]] = game
        return jsonify(id=game["id"], title=title, price=str(price)), 201

    @app.get("/games/<int:game_id>")
    def read_game(game_id):
        game = GAMES.get(game_id)
        if game is None:
            return jsonify(error="no such game"), 404
        return jsonify(id=game["id"], title=game["title"], price=str(game["price"]))

    @app.post("/games/<int:game_id>/plays")
    @player_required
    def play(game_id):
        game = GAMES.get(game_id)
        if game is None:
            return jsonify(error="no such game"), 404
        if g.player["balance"] < game["price"]:
            return jsonify(error="top up first"), 402
        g.player["balance"] -= game["price"]
        return jsonify(game_id=game_id, balance=str(g.player["balance"])), 201

    return app
'''

Made = tuple[Path, str, str, list[str]]


@pytest.fixture(scope="module")
def arcade(tmp_path_factory: pytest.TempPathFactory) -> Made:
    files = {"arcade/__init__.py": APP, "arcade/guards.py": GUARDS, "arcade/store.py": STORE,
             "arcade/money.py": MONEY}
    repo = make_repo(tmp_path_factory.mktemp("arcade"), files)
    return repo, *run(repo, "add tests for the arcade API: operators adding games, players joining, paying in and "
                            "playing")


def test_each_guard_gets_its_own_header_and_a_play_is_paid_for(arcade: Made) -> None:
    """The operator's key goes in `X-Operator-Key` and players' tokens in `Authorization: Bearer`; money goes as
    text; a play is preceded by a deposit of the price, as discovery found it must be."""
    repo, path, text, findings = arcade
    assert findings == []
    assert 'OPERATOR_HEADERS = {"X-Operator-Key": "test-operator-key"}' in text
    assert 'return {"Authorization": "Bearer " + resp.get_json()["token"]}' in text
    assert '"price": "12.50"' in text
    play = text.split("def test_post_games_plays_succeeds(")[1].split("\ndef ")[0]
    assert 'client.post("/players/me/deposit", json={"amount": "12.50"}, headers=user_headers)' in play
    assert "def test_post_games_is_forbidden_without_the_operator_role(" in text
    assert "def test_post_games_plays_answers_402_before_paying_in(client, user_headers):" in text
    assert '`balance` from "12.50" to "0.00".' in text  # the player's own account, read before and after
    assert pytest_in(repo, path).returncode == 0


@pytest.mark.parametrize(("rel", "before", "after"), [
    ("arcade/__init__.py", 'if g.player["balance"] < game["price"]:', 'if g.player["balance"] <= game["price"]:'),
    ("arcade/guards.py", 'if request.headers.get("X-Operator-Key") != current_app.config["OPERATOR_KEY"]:',
     "if False:"),
    ("arcade/__init__.py", 'g.player["balance"] -= game["price"]', "pass"),
])
def test_the_arcade_tests_catch_a_seeded_bug(arcade: Made, tmp_path: Path, rel: str, before: str,
                                            after: str) -> None:
    assert run_on_a_bug(arcade, rel, before, after, tmp_path).returncode == 1, arcade[2]


MARKET = '''
import os

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field


class NewStall(BaseModel):
    name: str = Field(min_length=1)


class Sale(BaseModel):
    amount_cents: int = Field(gt=0)


def create_app():
    manager_key = os.environ["MARKET_MANAGER_KEY"]
    stall_keys = {k.strip() for k in os.environ.get("MARKET_STALL_KEYS", "").split(",") if k.strip()}
    app = FastAPI()
    stalls: dict[int, dict] = {}

    def caller(x_api_key: str = Header(default="")) -> str:
        if x_api_key == manager_key:
            return "manager"
        if x_api_key in stall_keys:
            return "stall"
        raise HTTPException(401, "unknown key")

    @app.post("/stalls", status_code=201)
    def add_stall(stall: NewStall, who: str = Depends(caller)):
        if who != "manager":
            raise HTTPException(403, "managers only")
        record = {"id": len(stalls) + 1, "name": stall.name, "takings": 0}
        stalls[record["id"]] = record
        return record

    @app.get("/stalls/{stall_id}")
    def read_stall(stall_id: int):
        if stall_id not in stalls:
            raise HTTPException(404, "no such stall")
        return stalls[stall_id]

    @app.post("/stalls/{stall_id}/sales", status_code=201)
    def record_sale(stall_id: int, sale: Sale, who: str = Depends(caller)):
        if stall_id not in stalls:
            raise HTTPException(404, "no such stall")
        stalls[stall_id]["takings"] += sale.amount_cents
        return stalls[stall_id]

    return app
'''


@pytest.fixture(scope="module")
def market(tmp_path_factory: pytest.TempPathFactory) -> Made:
    repo = make_repo(tmp_path_factory.mktemp("market"), {"market/__init__.py": MARKET})
    return repo, *run(repo, "add tests for the market API: managers adding stalls, stalls recording sales")


def test_a_key_setting_named_for_a_role_stands_for_it(market: Made, tmp_path: Path) -> None:
    """`MARKET_MANAGER_KEY` is a manager's key beside the stall holders' list: stalls are made with it, and a stall
    holder's key is pinned as refused there."""
    repo, path, text, findings = market
    assert findings == []
    assert 'client.post("/stalls", json={"name": "name-1"}, headers=MANAGER_HEADERS)' in text
    assert "def test_post_stalls_is_forbidden_without_the_manager_role(" in text
    assert pytest_in(repo, path).returncode == 0
    open_to_all = ('        if who != "manager":\n            raise HTTPException(403, "managers only")\n', "")
    assert run_on_a_bug(market, "market/__init__.py", *open_to_all, tmp_path).returncode == 1, text


def test_the_items_of_a_list_checked_against_a_constant_are_its_choices(arcade: Made, tmp_path: Path) -> None:
    """`any(genre not in GENRES for genre in genres)`: the list is sent with the genres the app knows, and goes
    through."""
    text = arcade[2]
    assert 'json={"genres": ["puzzle", "racing", "shooter"]}' in text
    assert "def test_post_players_me_genres_creates_with_a_valid_payload(" in text
    first_only = ('g.player["genres"] = sorted(set(genres))', 'g.player["genres"] = sorted(set(genres))[:1]')
    assert run_on_a_bug(arcade, "arcade/__init__.py", *first_only, tmp_path).returncode == 1, text

"""The offline engine on an API whose members an admin makes (their own key in another header than the admin's)
and whose baskets list items by their code and the bay they come from, both made by an admin through other routes:
the members' fixtures carry their key in the header the members' routes read, a basket is filled with the item and
the bay made first, and the admin-only routes are tried with a member's own key where the admin's goes.

The app runs through a whole offline session; its tests pass on the app as written, and each aimed test fails on
its bug.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_offline_engine import pytest_in, seeded
from test_offline_http_shapes import aimed_test_fails, run

from conftest import make_repo

PANTRY = '''
import os
import secrets

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

ADMIN_TOKEN = os.environ["PANTRY_ADMIN_TOKEN"]
app = FastAPI()
members: dict[str, dict] = {}
items: dict[str, dict] = {}
bays: dict[int, dict] = {}
baskets: dict[int, dict] = {}


def admin(x_admin_token: str | None = Header(default=None)) -> None:
    if x_admin_token is None:
        raise HTTPException(401, "admin token required")
    if x_admin_token != ADMIN_TOKEN:
        raise HTTPException(403, "not an admin")


def member(x_member_key: str | None = Header(default=None)) -> dict:
    found = members.get(x_member_key or "")
    if found is None:
        raise HTTPException(401, "member key required")
    return found


class MemberIn(BaseModel):
    name: str = Field(min_length=1, max_length=40)


class ItemIn(BaseModel):
    code: str = Field(pattern=r"^[A-Z]{3}$")
    name: str = Field(min_length=1, max_length=60)
    price: int = Field(gt=0)


class BayIn(BaseModel):
    aisle: int = Field(ge=1, le=20)


class LineIn(BaseModel):
    code: str
    bay_id: int
    count: int = Field(ge=1, le=9)


class BasketIn(BaseModel):
    lines: list[LineIn] = Field(min_length=1)


@app.post("/admin/members", status_code=201, dependencies=[Depends(admin)])
def add_member(body: MemberIn) -> dict:
    key = secrets.token_hex(8)
    members[key] = {"id": len(members) + 1, "name": body.name}
    return {**members[key], "api_key": key}


@app.post("/admin/items", status_code=201, dependencies=[Depends(admin)])
def add_item(body: ItemIn) -> dict:
    if body.code in items:
        raise HTTPException(409, "code taken")
    items[body.code] = body.model_dump()
    return items[body.code]


@app.post("/admin/bays", status_code=201, dependencies=[Depends(admin)])
def add_bay(body: BayIn) -> dict:
    bay = {"id": len(bays) + 1, "aisle": body.aisle}
    bays[bay["id"]] = bay
    return bay


@app.post("/baskets", status_code=201)
def fill(body: BasketIn, who: dict = Depends(member)) -> dict:
    lines = []
    for line in body.lines:
        item = items.get(line.code)
        if item is None or line.bay_id not in bays:
            raise HTTPException(422, f"no item {line.code} in bay {line.bay_id}")
        lines.append({"code": line.code, "count": line.count, "total": item["price"] * line.count})
    basket = {"id": len(baskets) + 1, "owner": who["id"], "lines": lines, "total": sum(l["total"] for l in lines)}
    baskets[basket["id"]] = basket
    return basket


@app.get("/baskets/{basket_id}")
def show(basket_id: int, who: dict = Depends(member)) -> dict:
    basket = baskets.get(basket_id)
    if basket is None or basket["owner"] != who["id"]:
        raise HTTPException(404, "no such basket")
    return basket
'''

PANTRY_BUGS = {
    # any member reads any basket
    "test_get_basket_by_id_refuses_another_users_record": (
        'if basket is None or basket["owner"] != who["id"]:', "if basket is None:"),
    # a member's key opens the admin's routes
    "test_post_admin_items_is_forbidden_without_the_admin_role": (
        "if x_admin_token != ADMIN_TOKEN:", "if x_admin_token not in (ADMIN_TOKEN, *members):"),
}


@pytest.fixture(scope="module")
def pantry(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("pantry"), {"pantry.py": PANTRY})
    return repo, *run(repo, "add tests for the pantry API: admins adding members and items, members filling baskets "
                            "and seeing only their own")


def test_items_named_by_code_are_made_first_and_keys_go_where_each_route_reads_them(
        pantry: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = pantry
    assert findings == []
    assert 'return {"x-member-key": resp.json()["api_key"]}' in text  # a member's key, where members send it
    assert 'code = client.post("/admin/items", json={"code": ' in text  # the item a basket line names, made first
    assert 'bay_id = client.post("/admin/bays", json={"aisle": ' in text  # and the bay, each line naming both
    assert '{"code": code, "bay_id": bay_id, "count": 2}' in text
    assert 'headers={"x-admin-token": next(iter(user_headers.values()))}' in text  # a member's own key, as admin
    assert "def test_get_basket_by_id_refuses_another_users_record(" in text


@pytest.mark.parametrize("name", sorted(PANTRY_BUGS))
def test_the_aimed_pantry_test_fails_on_its_bug(pantry: tuple[Path, str, str, list[str]], tmp_path: Path,
                                               name: str) -> None:
    aimed_test_fails(pantry[0], pantry[1], "pantry.py", PANTRY_BUGS[name], name, tmp_path)


BAKERY = '''
from flask import Flask, jsonify, request


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(test_config or {})
    recipes, batches = {}, {}

    @app.post("/recipes")
    def add_recipe():
        data = request.get_json(silent=True) or {}
        title, cost = data.get("title"), data.get("cost")
        if not isinstance(title, str) or not title or not isinstance(cost, int) or cost < 1:
            return jsonify(error="a title and a cost of at least one cent"), 400
        recipe = {"id": len(recipes) + 1, "title": title, "cost": cost}
        recipes[recipe["id"]] = recipe
        return jsonify(recipe), 201

    @app.post("/batches")
    def bake():
        data = request.get_json(silent=True) or {}
        lines = data.get("lines")
        if not isinstance(lines, list) or not lines:
            return jsonify(error="at least one line"), 400
        total = 0
        for line in lines:
            recipe = recipes.get(line["recipe_id"]) if isinstance(line, dict) else None
            trays = line.get("trays") if isinstance(line, dict) else None
            if recipe is None or not isinstance(trays, int) or trays < 1:
                return jsonify(error="each line names a recipe and at least one tray"), 422
            total += recipe["cost"] * trays
        batch = {"id": len(batches) + 1, "total": total}
        batches[batch["id"]] = batch
        return jsonify(batch), 201

    @app.get("/batches/<int:batch_id>")
    def show(batch_id):
        if batch_id not in batches:
            return jsonify(error="no such batch"), 404
        return jsonify(batches[batch_id])

    return app
'''

BAKERY_BUGS = {
    # a cost sent as text is no longer refused: comparing it with a number fails (500)
    "test_post_recipes_rejects_non_numeric_cost": (
        "or not isinstance(cost, int) or cost < 1", "or cost < 1"),
    # every line counts one tray
    "test_post_batches_creates_with_a_valid_payload": ('total += recipe["cost"] * trays', 'total += recipe["cost"]'),
    # a recipe may cost nothing
    "test_post_recipes_cost_of_0_and_1": ("or cost < 1:", "or cost < 0:"),
}


@pytest.fixture(scope="module")
def bakery(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("bakery"), {"bakery/__init__.py": BAKERY})
    return repo, *run(repo, "add tests for the bakery API: recipes and baking batches of them")


def test_a_list_read_by_hand_gets_items_naming_records_made_first(bakery: tuple[Path, str, str, list[str]]) -> None:
    """`title, cost = data.get("title"), data.get("cost")` binds each name to its key, so the cost is sent as a
    number; `for line in lines: line["recipe_id"], line.get("trays")` gives the lines their keys, and the recipe a
    line names is made first (though /batches sorts before /recipes)."""
    _, _, text, findings = bakery
    assert findings == []
    assert 'client.post("/recipes", json={"title": "title-1", "cost": 2}, headers={})' in text
    assert 'recipe_id = client.post("/recipes", json={"title": ' in text
    assert 'json={"lines": [{"recipe_id": recipe_id, "trays": 2}]}' in text \
        or 'json={"lines": [{"trays": 2, "recipe_id": recipe_id}]}' in text
    assert "def test_get_batch_by_id_succeeds(client):" in text
    assert "def test_post_recipes_cost_of_0_and_1(client):" in text  # `cost < 1`: the number the code compares with
    assert "echoes it" not in text.split("def test_post_batches_creates_with_a_valid_payload")[1].split("def ")[0]


@pytest.mark.parametrize("name", sorted(BAKERY_BUGS))
def test_the_aimed_bakery_test_fails_on_its_bug(bakery: tuple[Path, str, str, list[str]], tmp_path: Path,
                                               name: str) -> None:
    aimed_test_fails(bakery[0], bakery[1], "bakery/__init__.py", BAKERY_BUGS[name], name, tmp_path)


TILL = '''
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

app = FastAPI()
discounts: dict[str, dict] = {}
checkouts: dict[int, dict] = {}


class DiscountIn(BaseModel):
    code: str = Field(pattern=r"^[A-Z0-9]{4,12}$")
    percent: int = Field(ge=1, le=90)


class CheckoutIn(BaseModel):
    amount_cents: int = Field(gt=0)
    discount_code: str | None = None


@app.post("/discounts", status_code=201)
def add_discount(body: DiscountIn) -> dict:
    if body.code in discounts:
        raise HTTPException(409, "code taken")
    discounts[body.code] = body.model_dump()
    return discounts[body.code]


@app.post("/checkouts", status_code=201)
def check_out(body: CheckoutIn) -> dict:
    charged = body.amount_cents
    if body.discount_code is not None:
        discount = discounts.get(body.discount_code)
        if discount is None:
            raise HTTPException(404, "no such discount code")
        charged = body.amount_cents - body.amount_cents * discount["percent"] // 100
    checkout = {"id": len(checkouts) + 1, "amount_cents": body.amount_cents, "charged_cents": charged}
    checkouts[checkout["id"]] = checkout
    return checkout
'''


def test_a_code_field_names_a_record_of_its_collection_by_its_code(tmp_path: Path) -> None:
    """`discount_code` holds the `code` of a record of /discounts: the checkout tests make a discount first (though
    /checkouts sorts before /discounts) and send its code, and an unknown code's answer is pinned."""
    repo = make_repo(tmp_path / "till", {"till.py": TILL})
    path, text, findings = run(repo, "add tests for the till API: discount codes and checking out with one")
    assert findings == []
    assert 'discount_code = client.post("/discounts", json={"code": ' in text
    assert '"discount_code": discount_code}' in text
    assert "def test_post_checkouts_refuses_an_unknown_discount_code(client):" in text
    assert pytest_in(repo, path).returncode == 0, text
    seeded(repo, "till.py", 'raise HTTPException(404, "no such discount code")', 'discount = {"percent": 0}')
    done = pytest_in(repo, path, "-k", "test_post_checkouts_refuses_an_unknown_discount_code")
    assert "1 failed" in done.stdout, text

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

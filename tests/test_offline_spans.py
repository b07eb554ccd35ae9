"""The offline engine on apps written here whose records carry two dates the code compares, and whose listings
keep an order of their own.

A Flask app logs users in with a session cookie (JSON register and login), keeps rentals with a pickup and a return
day (the return not before the pickup, at most 14 days counting both), lists them by pickup day, updates them and
keeps notes under each. A FastAPI app lists tasks by priority, highest first. The written tests must edit a rental
with dates that are still dates, pin both sides of the span, pin each listing's order, and fail on a seeded bug.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from test_offline_adders import run_on_a_bug
from test_offline_engine import pytest_in
from test_offline_http_shapes import run

from conftest import make_repo

RENTALS_APP = '''
import functools
import sqlite3
from datetime import date

from flask import Flask, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

SCHEMA = """
CREATE TABLE IF NOT EXISTS account (id INTEGER PRIMARY KEY, email TEXT UNIQUE NOT NULL, hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rental (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, item TEXT NOT NULL,
                                   pickup_on TEXT NOT NULL, return_on TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS note (id INTEGER PRIMARY KEY, rental_id INTEGER NOT NULL, body TEXT NOT NULL);
"""
LONGEST = 14


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="dev", DATABASE="rentals.db")
    app.config.update(test_config or {})

    def db():
        if "db" not in g:
            g.db = sqlite3.connect(app.config["DATABASE"])
            g.db.row_factory = sqlite3.Row
            g.db.executescript(SCHEMA)
        return g.db

    app.teardown_appcontext(lambda exc: g.pop("db", None) and None)

    def signed_in(view):
        @functools.wraps(view)
        def wrapped(**kwargs):
            if session.get("account_id") is None:
                return jsonify(error="sign in first"), 401
            return view(**kwargs)
        return wrapped

    def checked(data):
        item = (data.get("item") or "").strip()
        try:
            first = date.fromisoformat(data.get("pickup_on") or "")
            last = date.fromisoformat(data.get("return_on") or "")
        except ValueError:
            return None, "dates must be YYYY-MM-DD"
        if not item:
            return None, "item is required"
        if last < first:
            return None, "return_on is before pickup_on"
        if (last - first).days + 1 > LONGEST:
            return None, "a rental lasts at most 14 days"
        return (item, first.isoformat(), last.isoformat()), None

    def owned(rental_id):
        return db().execute("SELECT * FROM rental WHERE id = ? AND account_id = ?",
                            (rental_id, session["account_id"])).fetchone()

    @app.post("/signup")
    def signup():
        data = request.get_json(silent=True) or {}
        if not data.get("email") or not data.get("password"):
            return jsonify(error="email and password are required"), 400
        try:
            db().execute("INSERT INTO account (email, hash) VALUES (?, ?)",
                         (data["email"], generate_password_hash(data["password"])))
            db().commit()
        except sqlite3.IntegrityError:
            return jsonify(error="taken"), 409
        return jsonify(email=data["email"]), 201

    @app.post("/signin")
    def signin():
        data = request.get_json(silent=True) or {}
        row = db().execute("SELECT * FROM account WHERE email = ?", (data.get("email") or "",)).fetchone()
        if row is None or not check_password_hash(row["hash"], data.get("password") or ""):
            return jsonify(error="wrong email or password"), 401
        session.clear()
        session["account_id"] = row["id"]
        return jsonify(email=row["email"])

    @app.get("/rentals")
    @signed_in
    def rentals():
        rows = db().execute("SELECT * FROM rental WHERE account_id = ? ORDER BY pickup_on, id",
                            (session["account_id"],)).fetchall()
        return jsonify([dict(r) for r in rows])

    @app.post("/rentals")
    @signed_in
    def rent():
        values, error = checked(request.get_json(silent=True) or {})
        if error:
            return jsonify(error=error), 400
        cur = db().execute("INSERT INTO rental (account_id, item, pickup_on, return_on) VALUES (?, ?, ?, ?)",
                           (session["account_id"], *values))
        db().commit()
        return jsonify(dict(owned(cur.lastrowid))), 201

    @app.put("/rentals/<int:rental_id>")
    @signed_in
    def change(rental_id):
        if owned(rental_id) is None:
            return jsonify(error="no such rental"), 404
        values, error = checked(request.get_json(silent=True) or {})
        if error:
            return jsonify(error=error), 400
        db().execute("UPDATE rental SET item = ?, pickup_on = ?, return_on = ? WHERE id = ?", (*values, rental_id))
        db().commit()
        return jsonify(dict(owned(rental_id)))

    @app.post("/rentals/<int:rental_id>/notes")
    @signed_in
    def add_note(rental_id):
        if owned(rental_id) is None:
            return jsonify(error="no such rental"), 404
        body = ((request.get_json(silent=True) or {}).get("body") or "").strip()
        if not body:
            return jsonify(error="body is required"), 400
        cur = db().execute("INSERT INTO note (rental_id, body) VALUES (?, ?)", (rental_id, body))
        db().commit()
        return jsonify(id=cur.lastrowid, body=body), 201

    return app
'''

TASKS_APP = '''
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI()
TASKS: list[dict] = []


class NewTask(BaseModel):
    title: str
    priority: int


@app.post("/tasks", status_code=201)
def add_task(task: NewTask):
    if not 1 <= task.priority <= 9:
        raise HTTPException(422, "priority is 1 to 9")
    record = {"id": len(TASKS) + 1, **task.model_dump()}
    TASKS.append(record)
    return record


@app.get("/tasks")
def list_tasks():
    return sorted(TASKS, key=lambda t: (-t["priority"], t["id"]))
'''

Made = tuple[Path, str, str, list[str]]


@pytest.fixture(scope="module")
def rentals(tmp_path_factory: pytest.TempPathFactory) -> Made:
    repo = make_repo(tmp_path_factory.mktemp("rentals"), {"rentals/__init__.py": RENTALS_APP})
    return repo, *run(repo, "add tests for the rentals API: signing in, renting with pickup and return days, "
                            "changing a rental, notes")


@pytest.fixture(scope="module")
def tasks(tmp_path_factory: pytest.TempPathFactory) -> Made:
    repo = make_repo(tmp_path_factory.mktemp("tasks"), {"tasks/__init__.py": TASKS_APP})
    return repo, *run(repo, "add tests for the tasks API: adding tasks and listing them")


def test_a_session_app_gets_edits_spans_and_order_that_pass(rentals: Made) -> None:
    """The edit sends dates that are still dates and goes through; a note is made under a rental; the two days
    are tried equal, swapped, and 13 and 14 days apart (15 counting both ends is one too many); the listing's order
    by pickup day is pinned."""
    repo, path, text, findings = rentals
    assert findings == []
    assert "def test_put_rental_by_id_on_an_existing_record(" in text
    assert "def test_post_rentals_notes_on_an_existing_record(" in text
    assert re.search(r"\d{4}-\d\d-\d\d-changed", text) is None  # no date with a tag stuck on
    for name in ("test_post_rentals_with_return_on_equal_to_pickup_on_answers_201",
                 "test_post_rentals_with_return_on_before_pickup_on_answers_400",
                 "test_post_rentals_with_return_on_13_days_after_pickup_on_answers_201",
                 "test_post_rentals_with_return_on_14_days_after_pickup_on_answers_400",
                 "test_get_rentals_lists_records_by_pickup_on"):
        assert f"def {name}(client):" in text, name
    assert "by `pickup_on` and `return_on`, earliest first." in text
    done = pytest_in(repo, path)
    assert done.returncode == 0, done.stdout[-2000:]


@pytest.mark.parametrize(("before", "after"), [
    ("ORDER BY pickup_on, id", "ORDER BY id"),
    ("if last < first:", "if last <= first:"),
    ("(last - first).days + 1 > LONGEST", "(last - first).days > LONGEST"),
    ('db().execute("UPDATE rental SET item = ?, pickup_on = ?, return_on = ? WHERE id = ?", (*values, rental_id))',
     'db().execute("UPDATE rental SET item = ? WHERE id = ?", (values[0], rental_id))'),
])
def test_the_rental_tests_catch_a_seeded_bug(rentals: Made, tmp_path: Path, before: str, after: str) -> None:
    assert run_on_a_bug(rentals, "rentals/__init__.py", before, after, tmp_path).returncode == 1, rentals[2]


def test_a_json_listing_order_is_pinned_and_fails_when_it_changes(tasks: Made, tmp_path: Path) -> None:
    """Three tasks made with priorities in another order are listed highest first; listing them as made fails."""
    repo, path, text, findings = tasks
    assert findings == []
    assert "def test_get_tasks_lists_records_by_priority(client):" in text
    assert "by `priority`, largest first." in text
    assert pytest_in(repo, path).returncode == 0
    unsorted = ('return sorted(TASKS, key=lambda t: (-t["priority"], t["id"]))', "return TASKS")
    assert run_on_a_bug(tasks, "tasks/__init__.py", *unsorted, tmp_path).returncode == 1, text


CLAIMS_APP = '''
import secrets
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI()
USERS: dict[str, str] = {}
CLAIMS: dict[int, dict] = {}
OPEN_PER_USER = 2


class NewUser(BaseModel):
    name: str = Field(min_length=1)


class NewClaim(BaseModel):
    title: str = Field(min_length=1, max_length=80)
    amount: int = Field(ge=1, le=1000)


class ClaimChange(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=80)
    amount: int | None = Field(default=None, ge=1, le=1000)


def caller(authorization: Annotated[str, Header()] = "") -> str:
    name = USERS.get(authorization.removeprefix("Bearer "))
    if name is None:
        raise HTTPException(401, "who are you?")
    return name


Caller = Annotated[str, Depends(caller)]


def owned(claim_id: int, name: str) -> dict:
    claim = CLAIMS.get(claim_id)
    if claim is None or claim["owner"] != name:
        raise HTTPException(404, "no such claim")
    return claim


@app.post("/users", status_code=201)
def add_user(user: NewUser):
    token = secrets.token_hex(8)
    USERS[token] = user.name
    return {"name": user.name, "token": token}


@app.post("/claims", status_code=201)
def add_claim(claim: NewClaim, name: Caller):
    if sum(c["owner"] == name and c["status"] == "draft" for c in CLAIMS.values()) >= OPEN_PER_USER:
        raise HTTPException(409, "too many draft claims")
    record = {"id": len(CLAIMS) + 1, "owner": name, "status": "draft", **claim.model_dump()}
    CLAIMS[record["id"]] = record
    return record


@app.get("/claims/{claim_id}")
def read_claim(claim_id: int, name: Caller):
    return owned(claim_id, name)


@app.patch("/claims/{claim_id}")
def change_claim(claim_id: int, change: ClaimChange, name: Caller):
    claim = owned(claim_id, name)
    if claim["status"] != "draft":
        raise HTTPException(409, "only drafts change")
    claim.update(change.model_dump(exclude_unset=True))
    return claim


@app.post("/claims/{claim_id}/pay")
def pay_claim(claim_id: int, name: Caller):
    claim = owned(claim_id, name)
    if claim["status"] != "filed":
        raise HTTPException(409, "file the claim first")
    claim["status"] = "paid"
    return claim


@app.post("/claims/{claim_id}/file")
def file_claim(claim_id: int, name: Caller):
    claim = owned(claim_id, name)
    if claim["status"] != "draft":
        raise HTTPException(409, "already filed")
    claim["status"] = "filed"
    return claim
'''


@pytest.fixture(scope="module")
def claims(tmp_path_factory: pytest.TempPathFactory) -> Made:
    repo = make_repo(tmp_path_factory.mktemp("claims"), {"claims/__init__.py": CLAIMS_APP})
    return repo, *run(repo, "add tests for the claims API: drafts, changing them, filing them")


def test_a_quota_the_probes_use_up_leaves_the_item_routes_tested(claims: Made) -> None:
    """Two drafts per user fill up while discovery probes the create; the item routes, the bound itself and an
    edit after filing are still observed, each on an empty store, and pinned."""
    repo, path, text, findings = claims
    assert findings == []
    for name in ("test_get_claim_by_id_succeeds", "test_patch_claim_by_id_succeeds",
                 "test_post_claims_takes_amount_at_its_maximum", "test_post_claims_takes_amount_at_its_minimum",
                 "test_post_claims_file_then_patch"):
        assert f"def {name}(" in text, name
    assert "After POST /claims/{claim_id}/file, PATCH /claims/{claim_id} answers 409" in text
    assert "answers 409 for the third; after `file` on the first, the third answers 201." in text
    assert pytest_in(repo, path).returncode == 0


@pytest.mark.parametrize(("before", "after"), [
    ("amount: int = Field(ge=1, le=1000)", "amount: int = Field(ge=1, lt=1000)"),
    ('    claim = owned(claim_id, name)\n    if claim["status"] != "draft":\n        raise HTTPException(409, "only '
     'drafts change")', "    claim = owned(claim_id, name)"),
    ('c["owner"] == name and c["status"] == "draft"', 'c["owner"] == name'),
])
def test_the_claim_tests_catch_a_seeded_bug(claims: Made, tmp_path: Path, before: str, after: str) -> None:
    assert run_on_a_bug(claims, "claims/__init__.py", before, after, tmp_path).returncode == 1, claims[2]


MEMOS_APP = '''
from fastapi import FastAPI, HTTPException, Query
from pydantic import BaseModel, Field

app = FastAPI()
MEMOS: dict[int, dict] = {}


class NewMemo(BaseModel):
    text: str = Field(min_length=1)


@app.post("/memos", status_code=201)
def add_memo(memo: NewMemo):
    record = {"id": len(MEMOS) + 1, "text": memo.text, "version": 1}
    MEMOS[record["id"]] = record
    return record


@app.get("/memos/{memo_id}")
def read_memo(memo_id: int):
    if memo_id not in MEMOS:
        raise HTTPException(404, "no such memo")
    return MEMOS[memo_id]


class MemoChange(BaseModel):
    text: str = Field(min_length=1)
    version: int


@app.put("/memos/{memo_id}")
def change_memo(memo_id: int, change: MemoChange):
    memo = MEMOS.get(memo_id)
    if memo is None:
        raise HTTPException(404, "no such memo")
    if change.version != memo["version"]:
        raise HTTPException(409, "the memo changed since you read it")
    memo.update(text=change.text, version=memo["version"] + 1)
    return memo


SUBSCRIBERS: dict[str, dict] = {}


class NewSubscriber(BaseModel):
    email: str = Field(pattern=r"^[^@\\s]+@[^@\\s]+$")
    name: str = Field(min_length=1)


@app.post("/subscribers", status_code=201)
def subscribe(subscriber: NewSubscriber):
    key = subscriber.email.lower()
    if key in SUBSCRIBERS:
        raise HTTPException(409, "already subscribed")
    SUBSCRIBERS[key] = {"email": key, "name": subscriber.name}
    return SUBSCRIBERS[key]


@app.delete("/memos/{memo_id}", status_code=204)
def drop_memo(memo_id: int, version: int = Query(...)):
    memo = MEMOS.get(memo_id)
    if memo is None:
        raise HTTPException(404, "no such memo")
    if version != memo["version"]:
        raise HTTPException(409, "the memo changed since you read it")
    del MEMOS[memo_id]
'''


@pytest.fixture(scope="module")
def memos(tmp_path_factory: pytest.TempPathFactory) -> Made:
    repo = make_repo(tmp_path_factory.mktemp("memos"), {"memos/__init__.py": MEMOS_APP})
    return repo, *run(repo, "add tests for the memos API: adding, reading and deleting with the version; subscribers")


def test_a_required_query_value_is_the_records_own(memos: Made, tmp_path: Path) -> None:
    """DELETE needs `?version=`: the tests send the record's own version, and another one is refused with 409."""
    repo, path, text, findings = memos
    assert findings == []
    assert 'client.delete(f"/memos/{item_id}", params={"version": created["version"]}, headers={})' in text
    assert "def test_delete_memo_by_id_with_another_version_answers_409(client):" in text
    assert pytest_in(repo, path).returncode == 0
    unchecked = ('    if version != memo["version"]:\n        raise HTTPException(409, "the memo changed since you '
                 'read it")\n', "")
    assert run_on_a_bug(memos, "memos/__init__.py", *unchecked, tmp_path).returncode == 1, text


def test_an_address_taken_in_other_case_is_pinned_as_refused(memos: Made, tmp_path: Path) -> None:
    """Subscribers are unique by address whatever its case: the tests pin the refusal and catch a case-sensitive
    comparison."""
    text = memos[2]
    assert "def test_post_subscribers_refuses_a_email_taken_in_other_case(client):" in text
    sensitive = ("key = subscriber.email.lower()", "key = subscriber.email")
    assert run_on_a_bug(memos, "memos/__init__.py", *sensitive, tmp_path).returncode == 1, text


def test_an_update_sent_twice_with_the_same_version_is_pinned_as_refused(memos: Made, tmp_path: Path) -> None:
    """The update sends the memo's version; sent again, that version is stale and the app answers 409."""
    text = memos[2]
    assert "def test_put_memo_by_id_twice_answers_409(client):" in text
    unchecked = ('    if change.version != memo["version"]:\n        raise HTTPException(409, "the memo changed since '
                 'you read it")\n', "")
    assert run_on_a_bug(memos, "memos/__init__.py", *unchecked, tmp_path).returncode == 1, text


def test_a_request_its_records_state_refuses_is_made_after_the_records_own_action(claims: Made,
                                                                                   tmp_path: Path) -> None:
    """Paying a draft claim answers 409: the success case files the claim first, as discovery found it must."""
    repo, path, text, _ = claims
    paid = text.split("def test_post_claims_pay_succeeds(")[1].split("\ndef ")[0]
    assert 'client.post(f"/claims/{item_id}/file", headers=user_headers)' in paid
    assert pytest_in(repo, path).returncode == 0
    unfiled = ('if claim["status"] != "filed":', 'if claim["status"] == "paid":')
    assert run_on_a_bug(claims, "claims/__init__.py", *unfiled, tmp_path).returncode == 1, text


HOLDS_APP = '''
import os
from datetime import date

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

LIBRARIAN_KEY = os.environ.get("HOLDS_LIBRARIAN_KEY", "")
app = FastAPI()
HOLDS: dict[int, dict] = {}


class NewHold(BaseModel):
    title: str = Field(min_length=1, max_length=60)
    pickup_by: date
    copies: int = Field(ge=1, le=3)


def librarian(x_librarian_key: str = Header(default="")) -> None:
    if not LIBRARIAN_KEY or x_librarian_key != LIBRARIAN_KEY:
        raise HTTPException(401, "librarians only")


@app.post("/holds", status_code=201, dependencies=[Depends(librarian)])
def place(hold: NewHold):
    record = {"id": len(HOLDS) + 1, "status": "waiting", **hold.model_dump(mode="json")}
    HOLDS[record["id"]] = record
    return record


@app.get("/holds", dependencies=[Depends(librarian)])
def listing():
    return sorted(HOLDS.values(), key=lambda h: (h["pickup_by"], h["id"]))


@app.get("/holds/{hold_id}", dependencies=[Depends(librarian)])
def read(hold_id: int):
    if hold_id not in HOLDS:
        raise HTTPException(404, "no such hold")
    return HOLDS[hold_id]


@app.post("/holds/{hold_id}/collect", dependencies=[Depends(librarian)])
def collect(hold_id: int):
    hold = read(hold_id)
    if hold["status"] != "waiting":
        raise HTTPException(409, "already collected")
    hold["status"] = "collected"
    return hold
'''


@pytest.fixture(scope="module")
def holds(tmp_path_factory: pytest.TempPathFactory) -> Made:
    repo = make_repo(tmp_path_factory.mktemp("holds"), {"holds/__init__.py": HOLDS_APP})
    return repo, *run(repo, "add tests for the holds API")


def test_a_key_read_with_an_empty_default_a_bounded_number_and_a_listing_order(holds: Made, tmp_path: Path) -> None:
    """`environ.get("HOLDS_LIBRARIAN_KEY", "")` is set for the tests and sent; `copies` (1 to 3) is pinned at its
    bounds as whole numbers; three holds made with their numbers as sent (a step would pass `le=3`) are listed by
    pickup day."""
    repo, path, text, findings = holds
    assert findings == []
    assert 'os.environ.setdefault("HOLDS_LIBRARIAN_KEY", "test-holds-librarian-key")' in text
    assert '"copies": 3}' in text and '"copies": 3.0' not in text
    assert "def test_get_holds_lists_records_by_pickup_by(client):" in text
    assert pytest_in(repo, path).returncode == 0
    by_id = ('key=lambda h: (h["pickup_by"], h["id"])', 'key=lambda h: h["id"]')
    assert run_on_a_bug(holds, "holds/__init__.py", *by_id, tmp_path).returncode == 1, text

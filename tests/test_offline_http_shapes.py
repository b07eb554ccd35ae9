"""The offline engine on more app shapes, written here: a Flask JSON API of class-based views whose changes
need an API key from the app's config and the record's current ETag in If-Match, and a FastAPI app whose records
live in repository objects handed out by `Depends` providers, with users who sign up and log in for a token; and a
FastAPI factory that takes a settings object of its own class.

Each app runs through a whole offline session; its tests pass on the app as written, say nothing false, and the
aimed test fails on its bug.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from agent.sandbox import ProcessSandbox
from agent.session import RunConfig, run_session
from test_offline_engine import pytest_in, seeded

from conftest import make_repo

SHELVES_INIT = '''
import os
import sqlite3

from flask import Flask, g


def get_db():
    if "db" not in g:
        g.db = sqlite3.connect(g.app_config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(DATABASE=os.path.join(app.instance_path, "shelves.sqlite"), SHELF_KEY=None)
    if test_config is not None:
        app.config.from_mapping(test_config)
    os.makedirs(os.path.dirname(os.path.abspath(app.config["DATABASE"])), exist_ok=True)
    with sqlite3.connect(app.config["DATABASE"]) as db:
        db.execute("CREATE TABLE IF NOT EXISTS shelves (id INTEGER PRIMARY KEY, label TEXT NOT NULL, "
                   "slots INTEGER NOT NULL)")

    @app.before_request
    def remember_config():
        g.app_config = app.config

    @app.teardown_appcontext
    def close_db(exc):
        db = g.pop("db", None)
        if db is not None:
            db.close()

    from .views import bp

    app.register_blueprint(bp)
    return app
'''

SHELVES_VIEWS = '''
import hashlib
import json

from flask import Blueprint, abort, current_app, jsonify, request
from flask.views import MethodView

from . import get_db

bp = Blueprint("shelves", __name__)
TEXT_FIELDS = ("label",)


@bp.before_request
def require_key():
    if request.method == "GET":
        return
    expected = current_app.config.get("SHELF_KEY")
    if not expected:
        abort(503)
    if request.headers.get("X-Shelf-Key") != expected:
        abort(401)


def problems(data):
    errors = {}
    for field in TEXT_FIELDS:
        value = data.get(field)
        if not isinstance(value, str) or not value.strip():
            errors[field] = "required"
    slots = data.get("slots")
    if not isinstance(slots, int) or isinstance(slots, bool) or slots < 1:
        errors["slots"] = "a whole number, one or more"
    return errors


def tag(shelf):
    return hashlib.sha256(json.dumps(shelf, sort_keys=True).encode()).hexdigest()[:16]


def found(shelf_id):
    row = get_db().execute("SELECT * FROM shelves WHERE id = ?", (shelf_id,)).fetchone()
    if row is None:
        abort(404)
    return dict(row)


def answer(shelf, status=200):
    resp = jsonify(shelf)
    resp.status_code = status
    resp.set_etag(tag(shelf))
    return resp


class ShelfList(MethodView):
    def get(self):
        rows = get_db().execute("SELECT * FROM shelves ORDER BY id").fetchall()
        return jsonify(shelves=[dict(r) for r in rows])

    def post(self):
        data = request.get_json(silent=True) or {}
        errors = problems(data)
        if errors:
            return jsonify(errors=errors), 400
        db = get_db()
        cur = db.execute("INSERT INTO shelves (label, slots) VALUES (?, ?)", (data["label"], data["slots"]))
        db.commit()
        return answer(found(cur.lastrowid), 201)


class ShelfItem(MethodView):
    def get(self, shelf_id):
        return answer(found(shelf_id))

    def delete(self, shelf_id):
        shelf = found(shelf_id)
        if not request.if_match:
            abort(428)
        if tag(shelf) not in request.if_match:
            abort(412)
        db = get_db()
        db.execute("DELETE FROM shelves WHERE id = ?", (shelf_id,))
        db.commit()
        return "", 204


bp.add_url_rule("/shelves", view_func=ShelfList.as_view("shelves"))
bp.add_url_rule("/shelves/<int:shelf_id>", view_func=ShelfItem.as_view("shelf"))
'''

SHELF_BUGS = {
    "test_post_shelves_requires_credentials": (
        'if request.headers.get("X-Shelf-Key") != expected:', 'if request.headers.get("X-Shelf-Key") == "never":'),
    "test_delete_shelve_by_id_without_if_match_answers_428": ("abort(428)", "pass"),
    "test_delete_shelve_by_id_with_a_stale_etag_answers_412": ("abort(412)", "pass"),
    "test_post_shelves_rejects_missing_label": (  # a field read in a loop over names
        "if not isinstance(value, str) or not value.strip():", "if False:"),
}


def run(repo: Path, request: str) -> tuple[str, str, list[str]]:
    """One offline session on `repo`: the written test file's path and text, and the outcome's findings. What
    these tests check is the engine's output, so the runtime skips mutants, flake reruns and coverage."""
    config = RunConfig(repo=repo, request=request, model="offline",
                       verify_options={"mutants": False, "flake_reruns": 0, "coverage": False})
    outcome = run_session(config, sandbox=ProcessSandbox(), progress=lambda _: None).outcome
    [written] = [f for f in outcome.implementation.files if f.path.endswith(".py")]
    return written.path, (repo / written.path).read_text(), list(outcome.run.findings)


@pytest.fixture(scope="module")
def shelves(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    files = {"shelves/__init__.py": textwrap.dedent(SHELVES_INIT), "shelves/views.py": textwrap.dedent(SHELVES_VIEWS)}
    repo = make_repo(tmp_path_factory.mktemp("shelves"), files)
    return repo, *run(repo, "add tests for the shelves API: the key on changes, creating shelves, deleting with "
                            "If-Match")


def test_class_views_get_the_config_key_and_the_etag_and_pass(shelves: tuple[Path, str, str, list[str]]) -> None:
    repo, path, text, findings = shelves
    assert findings == []
    assert '"SHELF_KEY": "test-shelf-key"' in text  # the key the app checks, set in the test config
    assert '{"X-Shelf-Key": "test-shelf-key"}' in text  # sent in the header the app reads
    assert 'etag = client.get(f"/shelves/{item_id}"' in text
    assert '"If-Match": etag' in text
    for name in ("test_post_shelves_creates_with_a_valid_payload", "test_delete_shelve_by_id_succeeds", *SHELF_BUGS):
        assert f"def {name}(" in text, name
    assert "ShelfList" not in text.split("def client", 1)[0], "a class-based view is not a unit under test"
    done = pytest_in(repo, path)
    assert done.returncode == 0, done.stdout[-2000:]


def aimed_test_fails(repo: Path, path: str, rel: str, bug: tuple[str, str], name: str, tmp_path: Path) -> None:
    """On a copy of `repo` with `bug` seeded in `rel`, the test `name` fails."""
    copy = tmp_path / "repo"
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache", "instance"))
    seeded(copy, rel, *bug)
    done = pytest_in(copy, path, "-k", name)
    assert "1 failed" in done.stdout, done.stdout[-2000:]


@pytest.mark.parametrize("name", sorted(SHELF_BUGS))
def test_the_aimed_shelf_test_fails_on_its_bug(shelves: tuple[Path, str, str, list[str]], tmp_path: Path,
                                              name: str) -> None:
    aimed_test_fails(shelves[0], shelves[1], "shelves/views.py", SHELF_BUGS[name], name, tmp_path)


CHORES = '''
import hashlib
import secrets
import threading

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field


class People:
    def __init__(self):
        self.hashes = {}
        self.lock = threading.Lock()


class Tokens:
    def __init__(self):
        self.owners = {}


class Chores:
    def __init__(self):
        self.rows = {}
        self.next_id = 1
        self.lock = threading.Lock()


_people, _tokens, _chores = People(), Tokens(), Chores()


def people():
    return _people


def tokens():
    return _tokens


def chores():
    return _chores


class Signup(BaseModel):
    name: str = Field(min_length=3, max_length=20, pattern=r"^[a-z]+$")
    password: str = Field(min_length=8)


class ChoreIn(BaseModel):
    title: str = Field(min_length=1, max_length=80)


app = FastAPI()


def me(authorization: str = Header(), t: Tokens = Depends(tokens)):
    owner = t.owners.get(authorization.removeprefix("Bearer "))
    if owner is None:
        raise HTTPException(401, "unknown token")
    return owner


@app.post("/signup", status_code=201)
def signup(body: Signup, p: People = Depends(people)):
    with p.lock:
        if body.name in p.hashes:
            raise HTTPException(409, "taken")
        p.hashes[body.name] = hashlib.sha256(body.password.encode()).hexdigest()
    return {"name": body.name}


@app.post("/login")
def login(body: Signup, p: People = Depends(people), t: Tokens = Depends(tokens)):
    if p.hashes.get(body.name) != hashlib.sha256(body.password.encode()).hexdigest():
        raise HTTPException(401, "wrong name or password")
    token = secrets.token_hex(8)
    t.owners[token] = body.name
    return {"token": token}


@app.post("/chores", status_code=201)
def add_chore(body: ChoreIn, who: str = Depends(me), c: Chores = Depends(chores)):
    with c.lock:
        chore = {"id": c.next_id, "title": body.title}
        c.rows[c.next_id] = (who, chore)
        c.next_id += 1
    return chore


@app.get("/chores/{chore_id}")
def read_chore(chore_id: int, who: str = Depends(me), c: Chores = Depends(chores)):
    owner, chore = c.rows.get(chore_id, (None, None))
    if chore is None or owner != who:
        raise HTTPException(404, "no such chore")
    return chore
'''

CHORE_BUGS = {
    "test_get_chore_by_id_refuses_another_users_record": ("if chore is None or owner != who:", "if chore is None:"),
    "test_post_signup_refuses_the_same_record_twice": ("if body.name in p.hashes:", "if False:"),
}


@pytest.fixture(scope="module")
def chores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("chores"), {"chores/__init__.py": "",
                                                         "chores/main.py": textwrap.dedent(CHORES)})
    return repo, *run(repo, "add tests for the chores API: signing up, logging in, and each user's chores")


def test_repository_objects_are_fresh_per_test_and_the_tests_pass(chores: tuple[Path, str, str, list[str]]) -> None:
    repo, path, text, findings = chores
    assert findings == []
    for store in ("_chores", "_people", "_tokens"):  # each test starts on copies of the stores (locks shared)
        assert f'monkeypatch.setattr(chores.main, "{store}", _fresh_copy(chores.main.{store}))' in text
    for name in ("test_get_chore_by_id_succeeds", *CHORE_BUGS):
        assert f"def {name}(" in text, name
    done = pytest_in(repo, path)  # every test signs the same users up: it passes only on fresh stores
    assert done.returncode == 0, done.stdout[-2000:]


@pytest.mark.parametrize("name", sorted(CHORE_BUGS))
def test_the_aimed_chore_test_fails_on_its_bug(chores: tuple[Path, str, str, list[str]], tmp_path: Path,
                                              name: str) -> None:
    aimed_test_fails(chores[0], chores[1], "chores/main.py", CHORE_BUGS[name], name, tmp_path)


LEDGER = '''
from decimal import Decimal

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

app = FastAPI()
WALLETS: dict[int, dict] = {}
MOVES: list[dict] = []


class WalletIn(BaseModel):
    holder: str = Field(min_length=1, max_length=40)


class MoveIn(BaseModel):
    from_wallet_id: int
    to_wallet_id: int
    amount: Decimal = Field(gt=0, max_digits=8, decimal_places=2)


@app.post("/wallets", status_code=201)
def open_wallet(body: WalletIn):
    wallet = {"id": len(WALLETS) + 1, "holder": body.holder}
    WALLETS[wallet["id"]] = wallet
    return wallet


@app.post("/moves", status_code=201)
def move(body: MoveIn):
    if body.from_wallet_id not in WALLETS or body.to_wallet_id not in WALLETS:
        raise HTTPException(404, "no such wallet")
    if body.from_wallet_id == body.to_wallet_id:
        raise HTTPException(422, "a wallet cannot pay itself")
    made = {"id": len(MOVES) + 1, **body.model_dump(mode="json")}
    MOVES.append(made)
    return made
'''


def test_a_body_pointing_to_records_makes_them_first(tmp_path: Path) -> None:
    """`from_wallet_id` and `to_wallet_id` point to records of POST /wallets: the tests make two wallets first and
    send their ids, and the declared `gt=0` is checked at the bound."""
    repo = make_repo(tmp_path / "ledger", {"ledger/__init__.py": "", "ledger/main.py": textwrap.dedent(LEDGER)})
    path, text, findings = run(repo, "add tests for the ledger API: opening wallets and moves between them")
    assert findings == []
    assert 'from_wallet_id = client.post("/wallets", json=' in text
    assert '"from_wallet_id": from_wallet_id, "to_wallet_id": to_wallet_id' in text
    assert "def test_post_moves_creates_with_a_valid_payload(" in text
    assert pytest_in(repo, path).returncode == 0, text
    seeded(repo, "ledger/main.py", "Field(gt=0,", "Field(ge=0,")
    done = pytest_in(repo, path, "-k", "test_post_moves_rejects_amount_at_its_exclusive_minimum")
    assert "1 failed" in done.stdout, text


RACK = '''
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RACK_")

    max_items: int = 3


class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=30)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI()
    items: list[dict] = []

    @app.post("/items", status_code=201)
    def add(body: ItemIn):
        if len(items) >= settings.max_items:
            raise HTTPException(409, "the rack is full")
        item = {"id": len(items) + 1, "name": body.name}
        items.append(item)
        return item

    @app.get("/items")
    def listing():
        return items

    return app
'''


@pytest.fixture(scope="module")
def rack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("rack"), {"rack.py": textwrap.dedent(RACK)})
    return repo, *run(repo, "add tests for the rack API: adding and listing items")


def test_a_factory_taking_its_own_settings_object_builds_with_the_apps_defaults(
        rack: tuple[Path, str, str, list[str]]) -> None:
    """`create_app(settings: Settings | None = None)` takes no config mapping: a dict there broke every request."""
    repo, path, text, findings = rack
    assert findings == []
    assert "create_app()" in text
    assert "def test_post_items_creates_with_a_valid_payload(client):" in text
    done = pytest_in(repo, path)
    assert done.returncode == 0, done.stdout[-2000:]


NOTEBOOK = '''
import os
import sqlite3

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

DB_PATH = os.environ["NOTEBOOK_DB_PATH"]
app = FastAPI()


def connect():
    db = sqlite3.connect(DB_PATH)
    db.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
    return db


class NoteIn(BaseModel):
    body: str = Field(min_length=1, max_length=200)


@app.post("/notes", status_code=201)
def add(note: NoteIn):
    with connect() as db:
        cur = db.execute("INSERT INTO notes (body) VALUES (?)", (note.body,))
    return {"id": cur.lastrowid, "body": note.body}


@app.get("/notes/{note_id}")
def show(note_id: int):
    with connect() as db:
        row = db.execute("SELECT id, body FROM notes WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        raise HTTPException(404, "no such note")
    return {"id": row[0], "body": row[1]}
'''


def test_a_database_path_setting_gets_a_folder_that_goes_when_the_tests_end(tmp_path: Path) -> None:
    """`os.environ["NOTEBOOK_DB_PATH"]` points into a temporary folder of the test module's own, removed when the
    tests end: running the written tests leaves nothing in the temporary directory."""
    repo = make_repo(tmp_path / "notebook", {"notebook.py": NOTEBOOK})
    path, text, findings = run(repo, "add tests for the notebook API: adding and reading notes")
    assert findings == []
    assert 'os.environ.setdefault("NOTEBOOK_DB_PATH", os.path.join(_ENV_DIR, ' in text
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", path], cwd=repo,
                          capture_output=True, text=True, timeout=300, env={**os.environ, "TMPDIR": str(scratch)})
    assert done.returncode == 0, done.stdout[-2000:]
    assert "passed" in done.stdout
    assert [p.name for p in scratch.iterdir() if p.name.startswith("assay-")] == []


BOARD = '''
import hashlib
import os
import sqlite3
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Header, HTTPException, Request
from pydantic import BaseModel, Field


def connect(path):
    db = sqlite3.connect(path, check_same_thread=False)
    db.row_factory = sqlite3.Row
    return db


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.db_path = os.environ.get("BOARD_DB", "board.sqlite")
    db = connect(app.state.db_path)
    db.executescript("CREATE TABLE IF NOT EXISTS keys (hash TEXT PRIMARY KEY, admin INTEGER NOT NULL);"
                     "CREATE TABLE IF NOT EXISTS posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL);")
    admin_key = os.environ.get("BOARD_ADMIN_KEY")
    if admin_key:
        db.execute("INSERT OR IGNORE INTO keys VALUES (?, 1)", (hashlib.sha256(admin_key.encode()).hexdigest(),))
    db.commit()
    db.close()
    yield


app = FastAPI(lifespan=lifespan)


def get_db(request: Request):
    db = connect(request.app.state.db_path)
    try:
        yield db
    finally:
        db.close()


def admin(authorization: str | None = Header(default=None), db=Depends(get_db)):
    scheme, _, key = (authorization or "").partition(" ")
    found = db.execute("SELECT admin FROM keys WHERE hash = ?", (hashlib.sha256(key.encode()).hexdigest(),)).fetchone()
    if scheme.lower() != "bearer" or found is None:
        raise HTTPException(401, "unknown key")
    return db


class PostIn(BaseModel):
    title: str = Field(min_length=1, max_length=80)


@app.post("/posts", status_code=201)
def add(body: PostIn, db=Depends(admin)):
    cur = db.execute("INSERT INTO posts (title) VALUES (?)", (body.title,))
    db.commit()
    return {"id": cur.lastrowid, "title": body.title}


@app.get("/posts/{post_id}")
def show(post_id: int, db=Depends(admin)):
    row = db.execute("SELECT id, title FROM posts WHERE id = ?", (post_id,)).fetchone()
    if row is None:
        raise HTTPException(404, "no such post")
    return dict(row)
'''


def test_a_database_and_an_admin_key_read_from_the_environment_with_defaults(tmp_path: Path) -> None:
    """`environ.get("BOARD_DB", "board.sqlite")` is pointed at a temporary file (the tests no longer share one
    database), and `environ.get("BOARD_ADMIN_KEY")`, a key the start-up seeds, is the tests' credential."""
    repo = make_repo(tmp_path / "board", {"board.py": BOARD})
    path, text, findings = run(repo, "add tests for the board API: admins adding and reading posts")
    assert findings == []
    assert 'os.environ.setdefault("BOARD_DB", os.path.join(_ENV_DIR, ' in text
    assert 'os.environ.setdefault("BOARD_ADMIN_KEY", ' in text
    assert "def test_post_posts_creates_with_a_valid_payload(" in text
    assert pytest_in(repo, path).returncode == 0, text
    assert not (repo / "board.sqlite").exists()
    seeded(repo, "board.py", "if row is None:", "if row is None or row['id'] > 0:")
    done = pytest_in(repo, path, "-k", "test_get_post_by_id_succeeds")
    assert "1 failed" in done.stdout, text


SURGERY = '''
from flask import Flask, jsonify, request

MIN_MINUTES, MAX_MINUTES = 5, 90


def create_app():
    app = Flask(__name__)
    visits = {}

    @app.post("/visits")
    def book():
        data = request.get_json(silent=True) or {}
        patient, minutes = data.get("patient"), data.get("minutes")
        if not isinstance(patient, str) or not patient.strip():
            return jsonify(error="patient is required"), 400
        if not isinstance(minutes, int) or not MIN_MINUTES <= minutes <= MAX_MINUTES:
            return jsonify(error="minutes must be between 5 and 90"), 400
        visit = {"id": len(visits) + 1, "patient": patient, "minutes": minutes, "slots": -(-minutes // 15)}
        visits[visit["id"]] = visit
        return jsonify(visit), 201

    @app.get("/visits/<int:visit_id>")
    def show(visit_id):
        visit = visits.get(visit_id)
        if visit is None:
            return jsonify(error="no such visit"), 404
        return jsonify(visit)

    @app.put("/visits/<int:visit_id>")
    def extend(visit_id):
        visit = visits.get(visit_id)
        if visit is None:
            return jsonify(error="no such visit"), 404
        minutes = (request.get_json(silent=True) or {}).get("minutes")
        if not isinstance(minutes, int) or not MIN_MINUTES <= minutes <= MAX_MINUTES:
            return jsonify(error="minutes must be between 5 and 90"), 400
        visit.update(minutes=minutes, slots=-(-minutes // 15))
        return jsonify(visit)

    return app
'''
SURGERY_BUGS = {
    "test_post_visits_creates_with_a_valid_payload": ("-(-minutes // 15)", "minutes // 15"),
    "test_post_visits_can_be_read_back": ("return jsonify(visit)\n", "return jsonify(dict(visit, minutes=0))\n"),
}


def test_a_create_whose_samples_are_out_of_the_codes_range_is_made_on_its_limits(tmp_path: Path) -> None:
    """`5 <= minutes <= 90` refuses the samples (2, then 1); the create is tried on the numbers the view compares
    with, so it and the read of what it made get success tests that catch bugs, and the range's edges are pinned."""
    repo = make_repo(tmp_path / "surgery", {"surgery/__init__.py": SURGERY})
    path, text, findings = run(repo, "add tests for the surgery API: booking visits and reading them back")
    assert findings == []
    assert "def test_post_visits_creates_with_a_valid_payload(client):" in text
    assert "def test_get_visit_by_id_succeeds(client):" in text
    assert "def test_put_visit_by_id_succeeds(client):" in text  # the update too, on the limits
    assert "no success case" not in text
    assert "minutes_of_4_and_5" in text and "minutes_of_90_and_91" in text
    assert "test_post_visits_stores_patient_as_sent" in text  # `.strip()` in a check only: stored as it came
    assert pytest_in(repo, path).returncode == 0, text
    for name, bug in SURGERY_BUGS.items():
        aimed_test_fails(repo, path, "surgery/__init__.py", bug, name, tmp_path / name)


LENDING = '''
from flask import Flask, jsonify, request

MAX_OPEN_LOANS = 3


def create_app():
    app = Flask(__name__)
    members, books, loans = {}, {}, {}

    @app.post("/members")
    def join():
        name = (request.get_json(silent=True) or {}).get("name")
        if not isinstance(name, str) or not name:
            return jsonify(error="name is required"), 400
        member = {"id": len(members) + 1, "name": name}
        members[member["id"]] = member
        return jsonify(member), 201

    @app.post("/books")
    def shelve():
        data = request.get_json(silent=True) or {}
        title, copies = data.get("title"), data.get("copies")
        if not isinstance(title, str) or not isinstance(copies, int) or copies < 1:
            return jsonify(error="title and copies are required"), 400
        book = {"id": len(books) + 1, "title": title, "copies": copies}
        books[book["id"]] = book
        return jsonify(book), 201

    @app.post("/loans")
    def lend():
        data = request.get_json(silent=True) or {}
        member_id, book_id = data.get("member_id"), data.get("book_id")
        if member_id not in members or book_id not in books:
            return jsonify(error="no such member or book"), 404
        open_loans = sum(1 for loan in loans.values() if loan["member_id"] == member_id)
        if open_loans >= MAX_OPEN_LOANS:
            return jsonify(error="too many open loans"), 409
        lent = sum(1 for loan in loans.values() if loan["book_id"] == book_id)
        if lent >= books[book_id]["copies"]:
            return jsonify(error="no copy left"), 409
        loan = {"id": len(loans) + 1, "member_id": member_id, "book_id": book_id}
        loans[loan["id"]] = loan
        return jsonify(loan), 201

    @app.get("/loans")
    def all_loans():
        return jsonify(list(loans.values()))

    return app
'''


def test_records_made_until_the_app_refuses_one_pin_the_count_it_allows(tmp_path: Path) -> None:
    """A book of two copies is lent twice and refused the third time; with a new book for each loan, one member
    gets three loans and is refused the fourth (`if open_loans >= MAX_OPEN_LOANS`). Both counts are pinned, so a
    limit one off either way (or gone) fails a test."""
    repo = make_repo(tmp_path / "lending", {"lending/__init__.py": LENDING})
    path, text, findings = run(repo, "add tests for the lending API: members, books and their loans")
    assert findings == []
    assert "def test_post_loans_refuses_a_fourth_record_for_one_member(client):" in text
    assert pytest_in(repo, path).returncode == 0, text
    per_member = "test_post_loans_refuses_a_fourth_record_for_one_member"
    for n, (bug, name) in enumerate([(("open_loans >= MAX_OPEN_LOANS", "open_loans > MAX_OPEN_LOANS"), per_member),
                                     (("open_loans >= MAX_OPEN_LOANS", "open_loans >= MAX_OPEN_LOANS - 1"),
                                      per_member),
                                     (("lent >= books", "lent > books"), "test_post_loans_refuses_a_third_record")]):
        aimed_test_fails(repo, path, "lending/__init__.py", bug, name, tmp_path / str(n))


JOURNAL = '''
from fastapi import FastAPI, HTTPException, Query, Response
from pydantic import BaseModel, Field

app = FastAPI()
entries: dict[int, dict] = {}


class EntryIn(BaseModel):
    title: str = Field(min_length=1, max_length=80)


@app.post("/entries", status_code=201)
def add(body: EntryIn) -> dict:
    entry = {"id": len(entries) + 1, "title": body.title}
    entries[entry["id"]] = entry
    return entry


@app.get("/entries/{entry_id}")
def one(entry_id: int) -> dict:
    if entry_id not in entries:
        raise HTTPException(404, "no such entry")
    return entries[entry_id]


@app.get("/entries")
def page(response: Response, offset: int = Query(0, ge=0), limit: int = Query(10, ge=1, le=50)) -> dict:
    ordered = sorted(entries.values(), key=lambda e: e["id"])
    items = ordered[offset:offset + limit]
    response.headers["X-Total-Count"] = str(len(ordered))
    more = offset + limit < len(ordered)
    return {"items": items, "next_offset": offset + limit if more else None}


@app.get("/feed")
def feed(cursor: int | None = None, limit: int = Query(10, ge=1, le=50)) -> dict:
    newest = sorted(entries.values(), key=lambda e: -e["id"])
    if cursor is not None:
        newest = [e for e in newest if e["id"] < cursor]
    items = newest[:limit]
    more = len(newest) > limit
    return {"items": items, "next_cursor": items[-1]["id"] if more else None}
'''
JOURNAL_BUGS = {
    "test_get_entries_last_full_page_with_offset_and_limit": ("offset + limit < len(ordered)",
                                                              "offset + limit <= len(ordered)"),
    "test_get_entries_pages_with_offset_and_limit": ('str(len(ordered))', 'str(len(items))'),
    "test_get_feed_follows_its_next_cursor_page_by_page": ('e["id"] < cursor', 'e["id"] <= cursor'),
}


def test_pages_are_read_to_the_last_full_one_and_cursors_followed(tmp_path: Path) -> None:
    """Three records read one per page: the middle page with its `X-Total-Count`, the last page that is exactly
    full (no next page), and a cursor listing followed page by page until it answers no cursor."""
    repo = make_repo(tmp_path / "journal", {"journal.py": JOURNAL})
    path, text, findings = run(repo, "add tests for the journal API: entries, their pages and the feed")
    assert findings == []
    assert 'assert resp.headers["x-total-count"] == "3"' in text
    assert 'assert body["next_offset"] is None' in text
    assert pytest_in(repo, path).returncode == 0, text
    for name, bug in JOURNAL_BUGS.items():
        aimed_test_fails(repo, path, "journal.py", bug, name, tmp_path / name)


STUDIO = '''
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

app = FastAPI()
projects: dict[int, dict] = {}


class ProjectIn(BaseModel):
    name: str = Field(min_length=1, max_length=60)
    client: str = Field(min_length=1, max_length=60)


@app.post("/projects", status_code=201)
def create(body: ProjectIn) -> dict:
    name = body.name.strip()
    if any(p["name"].lower() == name.lower() for p in projects.values()):
        raise HTTPException(409, "a project of that name exists")
    project = {"id": len(projects) + 1, "name": name, "client": body.client.strip().lower()}
    projects[project["id"]] = project
    return project
'''


def test_a_name_unique_whatever_its_case_is_pinned_and_stored_text_shows_its_folding(tmp_path: Path) -> None:
    """The same payload twice is refused, so the field that alone makes a duplicate (`name`) is asked again in
    other case and its refusal pinned; a padded text in mixed case shows what the app stores."""
    repo = make_repo(tmp_path / "studio", {"studio.py": STUDIO})
    path, text, findings = run(repo, "add tests for the studio API: creating projects with unique names")
    assert findings == []
    assert "def test_post_projects_refuses_a_name_taken_in_other_case(client):" in text
    assert pytest_in(repo, path).returncode == 0, text
    aimed_test_fails(repo, path, "studio.py", ('p["name"].lower() == name.lower()', 'p["name"] == name'),
                     "test_post_projects_refuses_a_name_taken_in_other_case", tmp_path / "case")


MEMOS = '''
import os
import sqlite3

from flask import Flask, g, jsonify, request


def create_app(test_config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(DATABASE=os.path.join(app.instance_path, "memos.sqlite"))
    if test_config:
        app.config.update(test_config)
    os.makedirs(os.path.dirname(app.config["DATABASE"]), exist_ok=True)

    def db():
        if "db" not in g:
            g.db = sqlite3.connect(app.config["DATABASE"])
            g.db.row_factory = sqlite3.Row
        return g.db

    @app.teardown_appcontext
    def close(_exc):
        conn = g.pop("db", None)
        if conn is not None:
            conn.close()

    with app.app_context():
        db().execute("CREATE TABLE IF NOT EXISTS memo (id INTEGER PRIMARY KEY, title TEXT NOT NULL,"
                     " body TEXT NOT NULL, archived INTEGER NOT NULL DEFAULT 0)")
        db().commit()

    def as_json(row):
        return {"id": row["id"], "title": row["title"], "body": row["body"], "archived": bool(row["archived"])}

    def load(memo_id):
        return db().execute("SELECT * FROM memo WHERE id = ?", (memo_id,)).fetchone()

    @app.post("/memos")
    def add():
        data = request.get_json(silent=True) or {}
        title, body = data.get("title"), data.get("body")
        if not isinstance(title, str) or not title or not isinstance(body, str):
            return jsonify(error="title and body are required"), 400
        cur = db().execute("INSERT INTO memo (title, body) VALUES (?, ?)", (title, body))
        db().commit()
        return jsonify(as_json(load(cur.lastrowid))), 201

    @app.get("/memos/<int:memo_id>")
    def show(memo_id):
        row = load(memo_id)
        return (jsonify(as_json(row)), 200) if row else (jsonify(error="no such memo"), 404)

    @app.put("/memos/<int:memo_id>")
    def edit(memo_id):
        data = request.get_json(silent=True) or {}
        title, body = data.get("title"), data.get("body")
        if load(memo_id) is None:
            return jsonify(error="no such memo"), 404
        if not isinstance(title, str) or not title or not isinstance(body, str):
            return jsonify(error="title and body are required"), 400
        db().execute("UPDATE memo SET title = ?, body = ? WHERE id = ?", (title, body, memo_id))
        db().commit()
        return jsonify(as_json(load(memo_id)))

    @app.post("/memos/<int:memo_id>/archive")
    def archive(memo_id):
        if load(memo_id) is None:
            return jsonify(error="no such memo"), 404
        db().execute("UPDATE memo SET archived = 1 WHERE id = ?", (memo_id,))
        db().commit()
        return "", 204

    return app
'''


def test_a_change_is_read_back_so_one_never_committed_fails(tmp_path: Path) -> None:
    """A PUT and an action (`POST /memos/{id}/archive`, 204) are each read back through the record's GET: a change
    answered but never committed reads back as it was, and the test fails."""
    repo = make_repo(tmp_path / "memos", {"memos/__init__.py": MEMOS})
    path, text, findings = run(repo, "add tests for the memos API: writing, editing and archiving memos")
    assert findings == []
    assert "def test_put_memo_by_id_is_kept(client):" in text
    assert "def test_post_memos_archive_is_kept(client):" in text
    assert 'assert read["archived"] is True' in text
    assert pytest_in(repo, path).returncode == 0, text
    edit = ("(title, body, memo_id))\n        db().commit()", "(title, body, memo_id))")
    aimed_test_fails(repo, path, "memos/__init__.py", edit, "test_put_memo_by_id_is_kept", tmp_path / "put")
    archive = ("(memo_id,))\n        db().commit()", "(memo_id,))")
    aimed_test_fails(repo, path, "memos/__init__.py", archive, "test_post_memos_archive_is_kept", tmp_path / "post")


TILLS = '''
from typing import Annotated

from fastapi import FastAPI, Header, HTTPException, Response
from pydantic import BaseModel, Field

app = FastAPI()
payments: dict[int, dict] = {}
by_key: dict[str, int] = {}


class PaymentIn(BaseModel):
    payer: str = Field(min_length=1, max_length=40)
    amount_cents: int = Field(gt=0)


@app.post("/payments", status_code=201)
def pay(body: PaymentIn, response: Response,
        idempotency_key: Annotated[str | None, Header(max_length=64)] = None) -> dict:
    if idempotency_key is not None and idempotency_key in by_key:
        earlier = payments[by_key[idempotency_key]]
        if (earlier["payer"], earlier["amount_cents"]) != (body.payer, body.amount_cents):
            raise HTTPException(409, "that key was used for another payment")
        response.status_code = 200
        return earlier
    payment = {"id": len(payments) + 1, "payer": body.payer, "amount_cents": body.amount_cents}
    payments[payment["id"]] = payment
    if idempotency_key is not None:
        by_key[idempotency_key] = payment["id"]
    return payment
'''


def test_a_create_with_an_idempotency_key_is_asked_again_with_it(tmp_path: Path) -> None:
    """The same payload twice under one `Idempotency-Key` answers the first payment again, and another payload
    under it is refused: a key that is not stored, or that ignores the payload, fails the test."""
    repo = make_repo(tmp_path / "tills", {"tills.py": TILLS})
    path, text, findings = run(repo, "add tests for the tills API: payments with an idempotency key")
    assert findings == []
    name = "test_post_payments_with_the_same_idempotency_key"
    assert f"def {name}(client):" in text
    assert pytest_in(repo, path).returncode == 0, text
    for n, bug in enumerate([('by_key[idempotency_key] = payment["id"]', "pass"),
                             ("raise HTTPException(409, ", "return earlier  # ")]):
        aimed_test_fails(repo, path, "tills.py", bug, name, tmp_path / str(n))


ARCHIVE = '''
from fastapi import FastAPI, HTTPException, Query, Response
from pydantic import BaseModel, Field

app = FastAPI()
boxes: dict[int, dict] = {}
papers: dict[int, dict] = {}


class BoxIn(BaseModel):
    label: str = Field(min_length=1, max_length=40)


class PaperIn(BaseModel):
    title: str = Field(min_length=1, max_length=80)


@app.post("/boxes", status_code=201)
def add_box(body: BoxIn) -> dict:
    box = {"id": len(boxes) + 1, "label": body.label}
    boxes[box["id"]] = box
    return box


@app.get("/boxes/{box_id}")
def box(box_id: int) -> dict:
    if box_id not in boxes:
        raise HTTPException(404, "no such box")
    return boxes[box_id]


@app.post("/boxes/{box_id}/papers", status_code=201)
def file_paper(box_id: int, body: PaperIn) -> dict:
    if box_id not in boxes:
        raise HTTPException(404, "no such box")
    paper = {"id": len(papers) + 1, "box_id": box_id, "title": body.title}
    papers[paper["id"]] = paper
    return paper


@app.get("/boxes/{box_id}/papers")
def box_papers(box_id: int, response: Response, after: int | None = None,
               limit: int = Query(10, ge=1, le=50)) -> dict:
    if box_id not in boxes:
        raise HTTPException(404, "no such box")
    mine = sorted((p for p in papers.values() if p["box_id"] == box_id), key=lambda p: p["id"])
    response.headers["X-Total-Count"] = str(len(mine))
    if after is not None:
        mine = [p for p in mine if p["id"] > after]
    page = mine[:limit]
    return {"items": page, "next_after": page[-1]["id"] if len(mine) > limit else None}
'''


def test_a_listing_under_a_record_is_paged_through_its_cursor(tmp_path: Path) -> None:
    """`GET /boxes/{box_id}/papers?after=&limit=` lists the papers `POST /boxes/{box_id}/papers` files: one box,
    three papers in it, then the pages followed through `next_after` until it answers none."""
    repo = make_repo(tmp_path / "archive", {"archive.py": ARCHIVE})
    path, text, findings = run(repo, "add tests for the archive API: boxes and the papers filed in them")
    assert findings == []
    name = "test_get_boxes_papers_follows_its_next_after_page_by_page"
    assert f"def {name}(client):" in text
    assert 'client.get(f"/boxes/{parent_id}/papers", params={"limit": 1, "after": body["next_after"]}' in text
    assert pytest_in(repo, path).returncode == 0, text
    aimed_test_fails(repo, path, "archive.py", ('p["id"] > after', 'p["id"] >= after'), name, tmp_path / "after")


GATE = '''
from fastapi import Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel, Field

REQUESTS_PER_MINUTE = 5


class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=200)


def create_app():
    app = FastAPI()
    app.state.hits = {}
    notes: list[dict] = []

    def limited(request: Request) -> None:
        caller = request.client.host if request.client else "?"
        seen = app.state.hits.get(caller, 0)
        if seen >= REQUESTS_PER_MINUTE:
            raise HTTPException(429, "too many requests")
        app.state.hits[caller] = seen + 1

    @app.post("/notes", status_code=201, dependencies=[Depends(limited)])
    def add(body: NoteIn) -> dict:
        note = {"id": len(notes) + 1, "text": body.text}
        notes.append(note)
        return note

    @app.get("/notes", dependencies=[Depends(limited)])
    def everything() -> list[dict]:
        return notes

    return app
'''


def test_a_read_asked_again_and_again_pins_where_requests_are_refused(tmp_path: Path) -> None:
    """Five requests a caller may make, the sixth answers 429: the listing is asked in a row on its own app until
    its answer changes, and the test pins that count."""
    repo = make_repo(tmp_path / "gate", {"gate.py": GATE})
    path, text, findings = run(repo, "add tests for the gate API: notes, and its limit on requests")
    assert findings == []
    name = "test_get_notes_answers_429_after_5_requests"
    assert f"def {name}(client):" in text
    assert pytest_in(repo, path).returncode == 0, text
    aimed_test_fails(repo, path, "gate.py", ("seen >= REQUESTS_PER_MINUTE", "seen > REQUESTS_PER_MINUTE"), name,
                     tmp_path / "limit")


FEEDBACK = '''
from flask import Flask, redirect, render_template_string, request

PAGE = "<ul>{% for r in reviews %}<li>{{ r.name }}: {{ r.stars }}</li>{% endfor %}</ul>"
FORM = "<form method=post><input name=name><input name=stars type=number></form><p>{{ error }}</p>"
MAX_STARS = 5


def create_app():
    app = Flask(__name__)
    reviews = []

    @app.get("/")
    def index():
        return render_template_string(PAGE, reviews=reviews)

    @app.route("/reviews", methods=["GET", "POST"])
    def review():
        if request.method == "GET":
            return render_template_string(FORM, error="")
        name = request.form.get("name", "").strip()
        stars = request.form.get("stars", type=int)
        if not name or stars is None or not 1 <= stars <= MAX_STARS:
            return render_template_string(FORM, error="a name and 1 to 5 stars, please"), 400
        reviews.append({"name": name, "stars": stars})
        return redirect("/", code=303)

    return app
'''


def test_a_number_typed_in_a_form_is_sent_on_both_sides_of_each_limit(tmp_path: Path) -> None:
    """`1 <= stars <= MAX_STARS` in a form view: the form is posted with 0 and 1, and 5 and 6, and both answers
    (status and redirect) pinned."""
    repo = make_repo(tmp_path / "feedback", {"feedback/__init__.py": FEEDBACK})
    path, text, findings = run(repo, "add tests for the feedback form: posting reviews with stars")
    assert findings == []
    name = "test_post_reviews_stars_of_5_and_6"
    assert f"def {name}(client):" in text
    assert pytest_in(repo, path).returncode == 0, text
    aimed_test_fails(repo, path, "feedback/__init__.py", ("<= MAX_STARS", "<= MAX_STARS + 1"), name, tmp_path / "b")


TALKS = '''
from datetime import datetime

from flask import Flask, abort, current_app, jsonify, request


def create_app(config=None):
    app = Flask(__name__)
    app.config.from_mapping(SPEAKER_TOKENS={})
    if config:
        app.config.from_mapping(config)
    talks = {}

    def speaker():
        header = request.headers.get("Authorization", "")
        token = header.removeprefix("Bearer ") if header.startswith("Bearer ") else None
        name = current_app.config["SPEAKER_TOKENS"].get(token) if token else None
        if name is None:
            abort(401)
        return name

    @app.post("/talks")
    def propose():
        who = speaker()
        data = request.get_json(silent=True) or {}
        title, minutes = data.get("title"), data.get("minutes")
        try:
            starts = datetime.fromisoformat(data.get("starts_at") or "")
        except (TypeError, ValueError):
            return jsonify(error="starts_at must be a date and time"), 422
        if starts.tzinfo is None:
            return jsonify(error="starts_at needs a UTC offset"), 422
        if not isinstance(title, str) or not title or not isinstance(minutes, int) or minutes < 1:
            return jsonify(error="title and minutes are required"), 422
        if ("slides_url" in data) != ("slides_due" in data):
            return jsonify(error="slides_url and slides_due go together"), 422
        talk = {"id": len(talks) + 1, "speaker": who, "title": title, "minutes": minutes,
                "starts_at": starts.isoformat()}
        talks[talk["id"]] = talk
        return jsonify(talk), 201

    @app.get("/talks/<int:talk_id>")
    def show(talk_id):
        who = speaker()
        talk = talks.get(talk_id)
        if talk is None or talk["speaker"] != who:
            abort(404)
        return jsonify(talk)

    return app
'''


def test_a_config_mapping_of_tokens_to_users_gives_two_users_and_aware_moments_are_tried(tmp_path: Path) -> None:
    """`config["SPEAKER_TOKENS"].get(token)` reads a mapping of tokens to their holders: the test config holds two,
    one user each, so a talk is proposed and another speaker is refused it. Optional fields that only go together
    make every full body fail, and the required-only body is tried with an aware `starts_at` too."""
    repo = make_repo(tmp_path / "talks", {"talks/__init__.py": TALKS})
    path, text, findings = run(repo, "add tests for the talks API: proposing talks and reading your own")
    assert findings == []
    assert '"SPEAKER_TOKENS": {"test-speaker-tokens-1": "user-1", "test-speaker-tokens-2": "user-2"}' in text
    assert "def test_post_talks_creates_with_a_valid_payload(client):" in text
    assert "def test_get_talk_by_id_refuses_another_users_record(client):" in text
    assert pytest_in(repo, path).returncode == 0, text
    aimed_test_fails(repo, path, "talks/__init__.py", ('talk is None or talk["speaker"] != who', "talk is None"),
                     "test_get_talk_by_id_refuses_another_users_record", tmp_path / "owner")


ROTA = '''
from datetime import datetime, timedelta

from flask import Flask, abort, current_app, jsonify, request


def parse_moment(value):
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        abort(422)


def read_shift():
    data = request.get_json(silent=True) or {}
    starts_at, ends_at = parse_moment(data.get("starts_at")), parse_moment(data.get("ends_at"))
    note = data.get("note")
    if not isinstance(note, str) or not note.strip():
        abort(422)
    if ends_at <= starts_at:
        abort(422)
    if ends_at - starts_at > timedelta(hours=current_app.config["MAX_SHIFT_HOURS"]):
        abort(422)
    return starts_at, ends_at, note


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(MAX_SHIFT_HOURS=10)
    if test_config:
        app.config.from_mapping(test_config)
    shifts = []

    @app.post("/shifts")
    def add_shift():
        starts_at, ends_at, note = read_shift()
        for other in shifts:
            if starts_at < other["ends_at"] and other["starts_at"] < ends_at:
                return jsonify(error="overlaps another shift"), 409
        shift = {"id": len(shifts) + 1, "starts_at": starts_at, "ends_at": ends_at, "note": note}
        shifts.append(shift)
        return jsonify(id=shift["id"], starts_at=starts_at.isoformat(), ends_at=ends_at.isoformat(), note=note), 201

    return app
'''

OFFERS = '''
from functools import lru_cache
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException
from pydantic import BaseModel, Field, model_validator

app = FastAPI()
offers: dict[int, dict] = {}
MAX_RESTOCK = 40
LABELS = ("new", "sale")


class Settings(BaseModel):
    max_price: int = 500


@lru_cache
def get_settings() -> Settings:
    return Settings()


class OfferIn(BaseModel):
    title: str = Field(min_length=1)
    price: int = Field(gt=0)
    early_price: int = Field(gt=0)
    stock: int = Field(ge=0, le=100)
    labels: list[str]

    @model_validator(mode="after")
    def early_is_cheaper(self):
        if self.early_price >= self.price:
            raise ValueError("the early price must be below the price")
        return self


class Restock(BaseModel):
    stock: int = Field(ge=0)


@app.get("/offers/{offer_id}")
def offer(offer_id: int) -> dict:
    if offer_id not in offers:
        raise HTTPException(404, "no such offer")
    return offers[offer_id]


shelf = APIRouter(prefix="/offers")


@shelf.patch("/{offer_id}")
def restock(offer_id: int, body: Restock) -> dict:
    if offer_id not in offers:
        raise HTTPException(404, "no such offer")
    if body.stock > MAX_RESTOCK:
        raise HTTPException(409, "more than the shelf holds")
    offers[offer_id]["stock"] = body.stock
    return offers[offer_id]


@app.post("/offers", status_code=201)
def add_offer(body: OfferIn, settings: Annotated[Settings, Depends(get_settings)]) -> dict:
    if body.price > settings.max_price:
        raise HTTPException(422, "too dear")
    unknown = [label for label in body.labels if label not in LABELS]
    if unknown or not body.labels:
        raise HTTPException(422, "labels are chosen from a list")
    offer = {"id": len(offers) + 1, **body.model_dump()}
    offers[offer["id"]] = offer
    return offer


app.include_router(shelf)
'''


def test_two_moments_compared_with_each_other_are_sent_equal_swapped_a_span_apart_and_touching(
        tmp_path: Path) -> None:
    """`ends_at <= starts_at` and `ends_at - starts_at > timedelta(hours=config[...])` in a helper the view calls:
    a shift ending when it starts, ending before it starts, of exactly the longest span and a minute more, and one
    starting when another ends or inside it: each answer pinned, and each aimed test fails on its bug."""
    repo = make_repo(tmp_path / "rota", {"rota/__init__.py": ROTA})
    path, text, findings = run(repo, "add tests for the rota API: adding shifts")
    assert findings == []
    names = {"equal": "test_post_shifts_with_ends_at_equal_to_starts_at_answers_422",
             "longest": "test_post_shifts_with_ends_at_10_hours_after_starts_at_answers_201",
             "longer": "test_post_shifts_with_ends_at_10_hours_1_minute_after_starts_at_answers_422",
             "touching": "test_post_shifts_with_a_record_starting_when_another_ends_answers_201",
             "inside": "test_post_shifts_with_a_record_starting_inside_another_answers_409"}
    for name in names.values():
        assert f"def {name}(client):" in text
    assert pytest_in(repo, path).returncode == 0, text
    rel = "rota/__init__.py"
    aimed_test_fails(repo, path, rel, ("ends_at <= starts_at", "ends_at < starts_at"), names["equal"],
                     tmp_path / "equal")
    aimed_test_fails(repo, path, rel, ("MAX_SHIFT_HOURS\"]):", "MAX_SHIFT_HOURS\"]) - timedelta(minutes=1):"),
                     names["longest"], tmp_path / "longest")
    aimed_test_fails(repo, path, rel, ('starts_at < other["ends_at"]', 'starts_at <= other["ends_at"]'),
                     names["touching"], tmp_path / "touching")


def test_two_numbers_a_validator_compares_are_sent_equal_and_swapped(tmp_path: Path) -> None:
    """A pydantic model validator refuses `early_price >= price`: an offer with the two equal is refused, and the
    test fails where the validator lets equal through. The view's limit is a field of the settings a dependency
    hands it (`settings.max_price`): prices on both sides of it are sent, and so are stocks on both sides of the
    schema's `le=100`, and an update's stock on both sides of the limit its own view draws (a view of a router the
    app includes, which newer FastAPI keeps as one lazy entry of `app.routes`). Its labels are each checked against
    a module's tuple: the body sends them all."""
    repo = make_repo(tmp_path / "offers", {"offers.py": OFFERS})
    path, text, findings = run(repo, "add tests for the offers API: adding offers")
    assert findings == []
    name = "test_post_offers_with_price_equal_to_early_price_answers_422"
    assert f"def {name}(client):" in text
    assert '"labels": ["new", "sale"]' in text  # each label the view checks against LABELS
    assert "def test_post_offers_with_price_before_early_price_answers_422(client):" in text
    assert pytest_in(repo, path).returncode == 0, text
    aimed_test_fails(repo, path, "offers.py", ("self.early_price >= self.price", "self.early_price > self.price"),
                     name, tmp_path / "equal")
    limit = "test_post_offers_price_of_500_and_501"
    assert f"def {limit}(client):" in text
    aimed_test_fails(repo, path, "offers.py", ("body.price > settings", "body.price >= settings"), limit,
                     tmp_path / "limit")
    bound = "test_post_offers_stock_of_100_and_101"  # the schema's own bound: its last number taken, then one more
    assert f"def {bound}(client):" in text
    aimed_test_fails(repo, path, "offers.py", ("le=100", "lt=100"), bound, tmp_path / "bound")
    change = "test_patch_offer_by_id_stock_of_40_and_41"  # an update sent around the limit its view draws
    assert f"def {change}(client):" in text
    aimed_test_fails(repo, path, "offers.py", ("body.stock > MAX_RESTOCK", "body.stock >= MAX_RESTOCK"), change,
                     tmp_path / "change")

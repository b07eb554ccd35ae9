"""The offline engine on apps whose users no route signs up: a function of the app's own adds them (behind a shell
command), written here.

A FastAPI factory app adds members with `add_member(db: Session, ...)` and logs them in for a bearer token; a plain
Starlette app adds clerks with `add_clerk(path, ...)` on its sqlite file and keeps them in `SessionMiddleware`'s
cookie, which its views read through a helper (no declared guard). The tests call the function on the test's own
database (a manager with `manager=True`, in the shop of a plain clerk), log in through the app's route and pass on
the app as written; a seeded bug fails them.
"""

from __future__ import annotations

import inspect
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from test_offline_engine import pytest_in, seeded
from test_offline_http_shapes import run

from conftest import make_repo


def run_on_a_bug(made: tuple[Path, str, str, list[str]], rel: str, before: str, after: str,
                 tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """The written tests run on a copy of the repo with one bug seeded in `rel`."""
    copy = tmp_path / "repo"
    shutil.copytree(made[0], copy, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    seeded(copy, rel, before, after)
    return pytest_in(copy, made[1])


DIARY_APP = '''
import hashlib
import hmac
import secrets
from datetime import date
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session, sessionmaker

from diary.models import Base, Entry, Member


class LoginIn(BaseModel):
    email: str
    password: str


class RefreshIn(BaseModel):
    refresh_token: str


class EntryIn(BaseModel):
    day: date
    text: str = Field(min_length=1, max_length=200)


def create_app(database_url: str, secret_key: str) -> FastAPI:
    engine = create_engine(database_url, connect_args={"check_same_thread": False})
    Base.metadata.create_all(engine)
    make_session = sessionmaker(engine, expire_on_commit=False)
    app = FastAPI()

    def get_db():
        with make_session() as db:
            yield db

    def sign(member_id: int) -> str:
        mac = hmac.new(secret_key.encode(), str(member_id).encode(), hashlib.sha256).hexdigest()
        return f"{member_id}.{mac}"

    def current(db: Annotated[Session, Depends(get_db)], authorization: str = Header(default="")) -> Member:
        member_id, _, mac = authorization.removeprefix("Bearer ").partition(".")
        if not member_id.isdigit() or not hmac.compare_digest(sign(int(member_id)), f"{member_id}.{mac}"):
            raise HTTPException(401, "log in first")
        member = db.get(Member, int(member_id))
        if member is None:
            raise HTTPException(401, "log in first")
        return member

    @app.post("/login")
    def login(body: LoginIn, db: Annotated[Session, Depends(get_db)]) -> dict:
        member = db.scalar(select(Member).where(Member.email == body.email))
        if member is None or member.password_hash != hashlib.sha256(body.password.encode()).hexdigest():
            raise HTTPException(401, "wrong email or password")
        return issue(member.id)

    refresh_tokens: dict[str, int] = {}

    def issue(member_id: int) -> dict:
        refresh = secrets.token_urlsafe(16)
        refresh_tokens[refresh] = member_id
        return {"access_token": sign(member_id), "refresh_token": refresh}

    @app.post("/refresh")
    def refresh(body: RefreshIn) -> dict:
        member_id = refresh_tokens.pop(body.refresh_token, None)
        if member_id is None:
            raise HTTPException(401, "unknown refresh token")
        return issue(member_id)

    @app.post("/logout", status_code=204)
    def logout(body: RefreshIn) -> None:
        refresh_tokens.pop(body.refresh_token, None)

    @app.post("/entries", status_code=201)
    def add_entry(body: EntryIn, member: Annotated[Member, Depends(current)],
                  db: Annotated[Session, Depends(get_db)]) -> dict:
        if body.day.weekday() >= 5:
            raise HTTPException(422, "the diary is kept on working days")
        entry = Entry(member_id=member.id, day=body.day, text=body.text)
        db.add(entry)
        db.commit()
        return {"id": entry.id, "day": entry.day.isoformat(), "text": entry.text}

    @app.get("/entries/{entry_id}")
    def read_entry(entry_id: int, member: Annotated[Member, Depends(current)],
                   db: Annotated[Session, Depends(get_db)]) -> dict:
        entry = db.get(Entry, entry_id)
        if entry is None or entry.member_id != member.id:
            raise HTTPException(404, "no such entry")
        return {"id": entry.id, "day": entry.day.isoformat(), "text": entry.text}

    @app.get("/entries")
    def list_entries(member: Annotated[Member, Depends(current)], db: Annotated[Session, Depends(get_db)]) -> list:
        rows = db.scalars(select(Entry).where(Entry.member_id == member.id).order_by(Entry.id))
        return [{"id": e.id, "day": e.day.isoformat(), "text": e.text} for e in rows]

    return app
'''

DIARY_MODELS = '''
from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Member(Base):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(200), unique=True)
    password_hash: Mapped[str] = mapped_column(String(64))


class Entry(Base):
    __tablename__ = "entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    day: Mapped[date]
    text: Mapped[str] = mapped_column(String(200))
'''

DIARY_ACCOUNTS = '''
"""Members are added from a shell: python -m diary.accounts EMAIL PASSWORD"""
import hashlib
import sys

from sqlalchemy.orm import Session

from diary.models import Member


def add_member(db: Session, email: str, password: str) -> Member:
    member = Member(email=email, password_hash=hashlib.sha256(password.encode()).hexdigest())
    db.add(member)
    db.commit()
    return member


if __name__ == "__main__":
    raise SystemExit(sys.argv)
'''


@pytest.fixture(scope="module")
def diary(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    files = {"diary/__init__.py": "", "diary/app.py": DIARY_APP, "diary/models.py": DIARY_MODELS,
             "diary/accounts.py": DIARY_ACCOUNTS}
    repo = make_repo(tmp_path_factory.mktemp("diary"), files)
    return repo, *run(repo, "add tests for the diary API: logging in, adding and reading entries")


def test_members_a_function_adds_log_in_and_the_factory_secret_is_no_token(
        diary: tuple[Path, str, str, list[str]]) -> None:
    """No route signs members up: the fixtures call `diary.accounts.add_member` on a session of the test's
    database and log in; the factory's `secret_key` (which signs tokens, and which the app refuses as a token) is
    not sent as a user's token; a day the app refuses on its own is not read as a limit on how many entries one
    may add."""
    repo, path, text, findings = diary
    assert findings == []
    assert "engine = sqlalchemy.create_engine(f\"sqlite:///{tmp_path / 'app.db'}\")" in text
    assert 'diary.accounts.add_member(db_session, "alice@example.com", "pw-alice-12345")' in text
    assert 'return {"Authorization": "Bearer " + resp.json()["access_token"]}' in text
    assert "def test_post_login_login_with_the_right_password(client, tmp_path):" in text
    assert '"Bearer test-secret-key"' not in text
    assert "refuses_a_fourth_record" not in text and "refuses_a_third_record" not in text
    assert "def test_get_entry_by_id_refuses_another_users_record(" in text
    done = pytest_in(repo, path)
    assert done.returncode == 0, done.stdout[-2000:]


def test_a_refresh_token_the_login_answers_is_tried_twice_and_after_a_logout(
        diary: tuple[Path, str, str, list[str]]) -> None:
    """The login answers a `refresh_token` too, which `POST /refresh` exchanges once and `POST /logout` ends: the
    tests send it twice, then the newer one, and send it to the refresh after a logout, as observed."""
    _, _, text, _ = diary
    login = 'client.post("/login", json={"email": "alice@example.com", "password": "pw-alice-12345"})'
    assert f"answered = {login}.json()" in text
    assert "def test_post_refresh_with_the_same_refresh_token_twice(client, tmp_path):" in text
    assert 'again = client.post("/refresh", json={"refresh_token": answered["refresh_token"]})' in text
    assert "assert again.status_code == 401" in text
    assert 'newer = client.post("/refresh", json={"refresh_token": resp.json()["refresh_token"]})' in text
    assert "def test_post_logout_then_post_refresh(client, tmp_path):" in text
    assert "def test_post_refresh_then_post_logout(" not in text  # a logout answers the same after a refresh


@pytest.mark.parametrize(("before", "after"), [
    ("refresh_tokens.pop(body.refresh_token, None)\n        if", "refresh_tokens.get(body.refresh_token)\n        if"),
    ("    def logout(body: RefreshIn) -> None:\n        refresh_tokens.pop(body.refresh_token, None)",
     "    def logout(body: RefreshIn) -> None:\n        pass"),
])
def test_the_diary_tests_catch_a_refresh_token_kept(diary: tuple[Path, str, str, list[str]], tmp_path: Path,
                                                    before: str, after: str) -> None:
    assert run_on_a_bug(diary, "diary/app.py", before, after, tmp_path).returncode == 1, diary[2]


def test_the_diary_tests_catch_another_members_entry_shown(diary: tuple[Path, str, str, list[str]],
                                                          tmp_path: Path) -> None:
    done = run_on_a_bug(diary, "diary/app.py", "if entry is None or entry.member_id != member.id:",
                        "if entry is None:", tmp_path)
    assert done.returncode == 1, diary[2]


PANTRY_APP = '''
import sqlite3
from contextlib import closing

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Route

from pantry.db import SCHEMA, check_password, connect


def create_app(database: str, secret_key: str) -> Starlette:
    with closing(connect(database)) as conn:
        conn.executescript(SCHEMA)

    def clerk(request, conn):
        row = None
        if request.session.get("clerk_id") is not None:
            row = conn.execute("SELECT * FROM clerks WHERE id = ?", (request.session["clerk_id"],)).fetchone()
        if row is None:
            raise PermissionError
        return row

    async def login(request):
        form = await request.form()
        with closing(connect(database)) as conn:
            row = conn.execute("SELECT * FROM clerks WHERE username = ?", (form.get("username", ""),)).fetchone()
        if row is None or not check_password(str(form.get("password", "")), row["password_hash"]):
            return JSONResponse({"error": "wrong username or password"}, status_code=401)
        request.session["clerk_id"] = row["id"]
        return JSONResponse({"username": row["username"], "shop": row["shop"]})

    async def shelves(request):
        with closing(connect(database)) as conn:
            try:
                me = clerk(request, conn)
            except PermissionError:
                return JSONResponse({"error": "sign in first"}, status_code=401)
            if request.method == "POST":
                body = await request.json()
                name = str(body.get("name", "")).strip()
                if not 1 <= len(name) <= 40:
                    return JSONResponse({"error": "name is 1 to 40 characters"}, status_code=400)
                cur = conn.execute("INSERT INTO shelves (shop, name) VALUES (?, ?)", (me["shop"], name))
                conn.commit()
                return JSONResponse({"id": cur.lastrowid, "name": name}, status_code=201)
            rows = conn.execute("SELECT * FROM shelves WHERE shop = ? ORDER BY id", (me["shop"],)).fetchall()
            return JSONResponse([{"id": r["id"], "name": r["name"]} for r in rows])

    async def shelf(request):
        with closing(connect(database)) as conn:
            try:
                me = clerk(request, conn)
            except PermissionError:
                return JSONResponse({"error": "sign in first"}, status_code=401)
            row = conn.execute("SELECT * FROM shelves WHERE id = ? AND shop = ?",
                               (request.path_params["shelf_id"], me["shop"])).fetchone()
            if row is None:
                return JSONResponse({"error": "no such shelf"}, status_code=404)
            if request.method == "DELETE":
                if not me["is_manager"]:
                    return JSONResponse({"error": "only managers remove shelves"}, status_code=403)
                conn.execute("DELETE FROM shelves WHERE id = ?", (row["id"],))
                conn.commit()
                return JSONResponse({}, status_code=204)
            return JSONResponse({"id": row["id"], "name": row["name"]})

    routes = [Route("/login", login, methods=["POST"]), Route("/shelves", shelves, methods=["GET", "POST"]),
              Route("/shelves/{shelf_id:int}", shelf, methods=["GET", "DELETE"])]
    middleware = [Middleware(SessionMiddleware, secret_key=secret_key, session_cookie="pantry_session")]
    return Starlette(routes=routes, middleware=middleware)
'''

PANTRY_DB = '''
import hashlib
import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS clerks (id INTEGER PRIMARY KEY, username TEXT UNIQUE NOT NULL,
                                   password_hash TEXT NOT NULL, shop TEXT NOT NULL,
                                   is_manager INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS shelves (id INTEGER PRIMARY KEY, shop TEXT NOT NULL, name TEXT NOT NULL);
"""


def connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    return conn


def check_password(password: str, stored: str) -> bool:
    return hashlib.sha256(password.encode()).hexdigest() == stored


def add_clerk(path: str, username: str, password: str, shop: str, *, manager: bool = False) -> int:
    """Run from a shell; there is no sign-up route."""
    conn = connect(path)
    cur = conn.execute("INSERT INTO clerks (username, password_hash, shop, is_manager) VALUES (?, ?, ?, ?)",
                       (username, hashlib.sha256(password.encode()).hexdigest(), shop, int(manager)))
    conn.commit()
    conn.close()
    return cur.lastrowid
'''


@pytest.fixture(scope="module")
def pantry(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    files = {"pantry/__init__.py": "", "pantry/app.py": PANTRY_APP, "pantry/db.py": PANTRY_DB}
    repo = make_repo(tmp_path_factory.mktemp("pantry"), files)
    return repo, *run(repo, "add tests for the pantry app: clerks signing in, their shop's shelves")


def test_clerks_a_function_adds_on_the_file_sign_in_to_the_session_cookie(
        pantry: tuple[Path, str, str, list[str]]) -> None:
    """The views read the clerk from Starlette's session through a helper (no declared guard): answering 401 to
    an anonymous call makes them take the session cookie. The fixtures add each clerk with `pantry.db.add_clerk`
    on the test's database file, in a shop of their own, sign in with the form and send the cookie the login set
    as a header."""
    repo, path, text, findings = pantry
    assert findings == []
    assert 'pantry.db.add_clerk(str(tmp_path / "app.db"), "alice_user", "pw-alice-12345", "alice-shop")' in text
    assert 'session = resp.cookies["pantry_session"]' in text
    assert 'return {"Cookie": "pantry_session=" + session}' in text
    assert "_by_id_refuses_another_users_record(client, other_user_headers, user_headers)" in text
    assert ('pantry.db.add_clerk(str(tmp_path / "app.db"), "manager1_user", "pw-manager1-12345", "alice-shop", '
            "manager=True)") in text
    assert "_is_forbidden_without_the_manager_role(client, user_headers):" in text
    done = pytest_in(repo, path)
    assert done.returncode == 0, done.stdout[-2000:]


def test_the_pantry_tests_catch_another_shops_shelf_shown(pantry: tuple[Path, str, str, list[str]],
                                                         tmp_path: Path) -> None:
    done = run_on_a_bug(pantry, "pantry/app.py", '"SELECT * FROM shelves WHERE id = ? AND shop = ?",\n'
                        '                               (request.path_params["shelf_id"], me["shop"])',
                        '"SELECT * FROM shelves WHERE id = ?",\n                               '
                        '(request.path_params["shelf_id"],)', tmp_path)
    assert done.returncode == 1, pantry[2]


def test_the_pantry_tests_catch_a_clerk_removing_a_shelf(pantry: tuple[Path, str, str, list[str]],
                                                        tmp_path: Path) -> None:
    done = run_on_a_bug(pantry, "pantry/app.py", 'if not me["is_manager"]:', "if False:", tmp_path)
    assert done.returncode == 1
    assert re.search(r"FAILED \S+_is_forbidden_without_the_manager_role", done.stdout), done.stdout[-2000:]


def test_how_a_function_is_handed_its_database_and_the_roles_it_can_give() -> None:
    """The first parameter says what the function takes (a session, a connection, a URL, a path, or nothing the
    tests can hand it); a False flag is a role unless it says how to add (`commit`), and a role parameter's other
    checked texts are roles; values after one left at its default go by name."""
    from agent.offline.sandbox.adders import adder_roles, as_call, store_kind

    def by_session(session, email, password, *, moderator=False, commit=False): ...
    def by_path(db_path: str, handle, password, desk="news", role="reader"):
        if role not in ("reader", "editor"):
            raise ValueError(role)
    def by_url(database_url: str, name, password): ...
    def by_connection(conn, name, password): ...
    def by_client(client: dict, name, password): ...

    first = [next(iter(inspect.signature(f).parameters.values())) for f in
             (by_session, by_path, by_url, by_connection, by_client)]
    assert [store_kind(p) for p in first] == ["session", "path", "url", "sqlite3", None]
    assert [(p.name, value, role) for p, value, role in adder_roles(by_session)] == [("moderator", True, "moderator")]
    assert [(p.name, value, role) for p, value, role in adder_roles(by_path)] == [("role", "editor", "editor")]
    made = as_call(by_path, {"handle": "ann", "password": "pw", "role": "editor"})
    assert made == {"args": ["ann", "pw"], "kwargs": {"role": "editor"}}
    assert by_path("x.db", *made["args"], **made["kwargs"]) is None


BADGES = '''
from collections.abc import Mapping

from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field


class BadgeIn(BaseModel):
    label: str = Field(min_length=1, max_length=30)


def create_app(api_keys: Mapping[str, str]) -> FastAPI:
    """`api_keys` maps bearer keys to the names of their holders."""
    app = FastAPI()
    keys = dict(api_keys)
    badges: dict[int, dict] = {}
    bearer = HTTPBearer(auto_error=False)

    def holder(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> str:
        if credentials is None or credentials.credentials not in keys:
            raise HTTPException(401, "unknown key")
        return keys[credentials.credentials]

    @app.post("/badges", status_code=201)
    def add_badge(body: BadgeIn, who: str = Depends(holder)) -> dict:
        badge = {"id": len(badges) + 1, "label": body.label, "holder": who}
        badges[badge["id"]] = badge
        return badge

    @app.get("/badges/{badge_id}")
    def read_badge(badge_id: int, who: str = Depends(holder)) -> dict:
        badge = badges.get(badge_id)
        if badge is None or badge["holder"] != who:
            raise HTTPException(404, "no such badge")
        return badge

    return app
'''


def test_a_factory_that_takes_a_map_of_keys_gets_two_keys_of_two_holders(tmp_path: Path) -> None:
    """`create_app(api_keys: Mapping[str, str])` is given two keys of two holders (not one text, which the app
    could not read as a mapping and which lost the whole app): the tests send them and a holder's badge is refused
    to the other."""
    repo = make_repo(tmp_path / "badges", {"badges/__init__.py": BADGES})
    path, text, findings = run(repo, "add tests for the badges API")
    assert findings == []
    assert 'create_app(api_keys={"test-api-keys-1": "user-1", "test-api-keys-2": "user-2"})' in text
    assert "def test_get_badge_by_id_refuses_another_users_record(" in text
    assert pytest_in(repo, path).returncode == 0


LEDGER_STORE = '''import hashlib
import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS members (id INTEGER PRIMARY KEY, email TEXT UNIQUE NOT NULL, pw TEXT NOT NULL,
                                    treasurer INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY, member_id INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL, cents INTEGER NOT NULL,
                                    memo TEXT NOT NULL, approved INTEGER NOT NULL DEFAULT 0);
"""


def digest(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()


def create_member(conn: sqlite3.Connection, email: str, password: str, *, is_treasurer: bool = False) -> int:
    """Used by `python -m ledger.admin`; members do not sign themselves up."""
    cur = conn.execute("INSERT INTO members (email, pw, treasurer) VALUES (?, ?, ?)",
                       (email.lower(), digest(password), int(is_treasurer)))
    return cur.lastrowid
'''

LEDGER_APP = '''import secrets
import sqlite3

from flask import Flask, abort, g, jsonify, request

from ledger.store import SCHEMA, digest


def create_app(database: str) -> Flask:
    app = Flask(__name__)

    def db() -> sqlite3.Connection:
        if "db" not in g:
            g.db = sqlite3.connect(database)
            g.db.row_factory = sqlite3.Row
        return g.db

    @app.teardown_appcontext
    def close(_exc):
        conn = g.pop("db", None)
        if conn is not None:
            conn.close()

    with sqlite3.connect(database) as conn:
        conn.executescript(SCHEMA)

    def member():
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        row = db().execute("SELECT m.* FROM tokens t JOIN members m ON m.id = t.member_id WHERE t.token = ?",
                           (token,)).fetchone()
        if row is None:
            abort(401)
        return row

    @app.post("/login")
    def login():
        data = request.get_json(silent=True) or {}
        row = db().execute("SELECT * FROM members WHERE email = ?", (str(data.get("email", "")).lower(),)).fetchone()
        if row is None or row["pw"] != digest(str(data.get("password", ""))):
            return jsonify(error="wrong email or password"), 401
        token = secrets.token_urlsafe(16)
        db().execute("INSERT INTO tokens VALUES (?, ?)", (token, row["id"]))
        db().commit()
        return jsonify(token=token)

    @app.post("/entries")
    def add_entry():
        me = member()
        data = request.get_json(silent=True) or {}
        cents, memo = data.get("cents"), str(data.get("memo", "")).strip()
        if not isinstance(cents, int) or not 1 <= cents <= 100_000 or not memo:
            return jsonify(error="cents is 1 to 100000 and memo is required"), 400
        cur = db().execute("INSERT INTO entries (member_id, cents, memo) VALUES (?, ?, ?)", (me["id"], cents, memo))
        db().commit()
        return jsonify(id=cur.lastrowid, cents=cents, memo=memo, approved=False), 201

    @app.get("/entries/<int:entry_id>")
    def read_entry(entry_id):
        me = member()
        row = db().execute("SELECT * FROM entries WHERE id = ?", (entry_id,)).fetchone()
        if row is None or (row["member_id"] != me["id"] and not me["treasurer"]):
            abort(404)
        return jsonify(id=row["id"], cents=row["cents"], memo=row["memo"], approved=bool(row["approved"]))

    @app.post("/entries/<int:entry_id>/approve")
    def approve(entry_id):
        me = member()
        row = db().execute("SELECT * FROM entries WHERE id = ?", (entry_id,)).fetchone()
        if row is None or (row["member_id"] != me["id"] and not me["treasurer"]):
            abort(404)
        if not me["treasurer"]:
            abort(403)
        db().execute("UPDATE entries SET approved = 1 WHERE id = ?", (entry_id,))
        db().commit()
        return jsonify(id=entry_id, approved=True)

    return app
'''


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    files = {"ledger/__init__.py": "", "ledger/store.py": LEDGER_STORE, "ledger/app.py": LEDGER_APP}
    repo = make_repo(tmp_path_factory.mktemp("ledger"), files)
    return repo, *run(repo, "add tests for the ledger API: members logging in, adding entries, treasurers approving")


def test_a_flask_app_whose_members_a_function_adds_on_a_sqlite3_connection(
        ledger: tuple[Path, str, str, list[str]]) -> None:
    """A Flask factory on a sqlite3 file, members added by `create_member(conn: sqlite3.Connection, ...,
    is_treasurer=False)`: the fixtures hand it a connection to the test's database and commit, a treasurer is one
    with the flag set, and approving is forbidden to a plain member."""
    repo, path, text, findings = ledger
    assert findings == []
    assert 'conn = sqlite3.connect(tmp_path / "app.db")' in text
    assert 'ledger.store.create_member(conn, "alice@example.com", "pw-alice-12345")' in text
    assert 'ledger.store.create_member(conn, "treasurer1@example.com", "pw-treasurer1-12345", is_treasurer=True)' \
        in text
    assert "def test_post_entries_approve_is_forbidden_without_the_treasurer_role(client, user_headers):" in text
    assert pytest_in(repo, path).returncode == 0


@pytest.mark.parametrize(("before", "after"), [
    ('if not me["treasurer"]:\n            abort(403)', "if False:\n            abort(403)"),
    ('if row is None or (row["member_id"] != me["id"] and not me["treasurer"]):\n            abort(404)\n'
     '        return jsonify(id=row["id"]',
     'if row is None:\n            abort(404)\n        return jsonify(id=row["id"]'),
])
def test_the_ledger_tests_catch_a_seeded_bug(ledger: tuple[Path, str, str, list[str]], tmp_path: Path, before: str,
                                            after: str) -> None:
    assert run_on_a_bug(ledger, "ledger/app.py", before, after, tmp_path).returncode == 1, ledger[2]


DESKS = '''
from collections.abc import Mapping
from dataclasses import dataclass

from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, Field

ROLES = ("admin", "editor", "reader")


@dataclass(frozen=True)
class Member:
    handle: str
    desk: str
    role: str


class MemoIn(BaseModel):
    text: str = Field(min_length=1, max_length=200)


def create_app(api_keys: Mapping[str, Member]) -> FastAPI:
    for member in api_keys.values():
        if member.role not in ROLES:
            raise ValueError(f"unknown role {member.role!r}")
    app = FastAPI()
    memos: dict[int, dict] = {}
    header = APIKeyHeader(name="X-Desk-Key", auto_error=False)

    def member(key: str | None = Depends(header)) -> Member:
        if key not in api_keys:
            raise HTTPException(401, "unknown key")
        return api_keys[key]

    def writer(who: Member = Depends(member)) -> Member:
        if who.role == "reader":
            raise HTTPException(403, "read-only")
        return who

    @app.post("/memos", status_code=201)
    def add(body: MemoIn, who: Member = Depends(writer)) -> dict:
        memo_id = len(memos) + 1
        memos[memo_id] = {"id": memo_id, "text": body.text, "desk": who.desk}
        return memos[memo_id]

    @app.get("/memos/{memo_id}")
    def read(memo_id: int, who: Member = Depends(member)) -> dict:
        memo = memos.get(memo_id)
        if memo is None or memo["desk"] != who.desk:
            raise HTTPException(404, "no such memo")
        return memo

    @app.delete("/memos/{memo_id}", status_code=204)
    def remove(memo_id: int, who: Member = Depends(member)) -> None:
        memo = memos.get(memo_id)
        if memo is None or memo["desk"] != who.desk:
            raise HTTPException(404, "no such memo")
        if who.role != "admin":
            raise HTTPException(403, "admins only")
        del memos[memo_id]

    return app
'''


@pytest.fixture(scope="module")
def desks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("desks"), {"desks/__init__.py": DESKS})
    return repo, *run(repo, "add tests for the desks API: memos per desk")


def test_a_key_map_whose_values_are_members_gets_two_of_each_role_in_two_desks(
        desks: tuple[Path, str, str, list[str]]) -> None:
    """`create_app(api_keys: Mapping[str, Member])` is handed members made with keyword arguments, two per role the
    module's `ROLES` names (the plain editor first, the admin last), the two of a role in two desks: a memo of one
    desk is not found from the other, and removing one is forbidden without the admin role."""
    repo, path, text, findings = desks
    assert findings == []
    assert "import desks\n" in text
    assert '"test-api-keys-editor1": desks.Member(handle="editor1", desk="desk-1", role="editor")' in text
    assert '"test-api-keys-admin2": desks.Member(handle="admin2", desk="desk-2", role="admin")' in text
    assert "def test_get_memo_by_id_refuses_another_editors_record(" in text
    assert "def test_delete_memo_by_id_is_forbidden_without_the_admin_role(" in text
    assert pytest_in(repo, path).returncode == 0


@pytest.mark.parametrize(("before", "after"), [
    ('        if memo is None or memo["desk"] != who.desk:\n            raise HTTPException(404, "no such memo")\n'
     '        return memo', '        if memo is None:\n            raise HTTPException(404, "no such memo")\n'
     '        return memo'),
    ('if who.role != "admin":', "if False:"),
])
def test_the_desk_tests_catch_a_seeded_bug(desks: tuple[Path, str, str, list[str]], tmp_path: Path, before: str,
                                          after: str) -> None:
    assert run_on_a_bug(desks, "desks/__init__.py", before, after, tmp_path).returncode == 1, desks[2]


def test_key_holders_are_made_with_each_field_of_its_type(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A holder class written with text annotations (`from __future__ import annotations`) still gets a number for
    its int field and a text for the others; the plain role comes first, the privileged one last."""
    import importlib

    from agent.offline.sandbox.construct import held_keys

    (tmp_path / "heldmod.py").write_text(
        "from __future__ import annotations\n"
        "from collections.abc import Mapping\n"
        "from dataclasses import dataclass\n"
        'ROLES = ("admin", "clerk")\n'
        "@dataclass\n"
        "class Holder:\n"
        "    name: str\n"
        "    shelf: int\n"
        "    role: str\n"
        "def create_app(api_keys: Mapping[str, Holder]):\n"
        "    return api_keys\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("heldmod")
    made = held_keys(module.create_app, inspect.signature(module.create_app).parameters["api_keys"])
    assert [(key, source, role) for key, _, source, role in made] == [
        ("test-api-keys-clerk1", 'heldmod.Holder(name="clerk1", shelf=1, role="clerk")', "clerk"),
        ("test-api-keys-clerk2", 'heldmod.Holder(name="clerk2", shelf=2, role="clerk")', "clerk"),
        ("test-api-keys-admin1", 'heldmod.Holder(name="admin1", shelf=1, role="admin")', "admin"),
        ("test-api-keys-admin2", 'heldmod.Holder(name="admin2", shelf=2, role="admin")', "admin"),
    ]
    assert made[0][1] == module.Holder(name="clerk1", shelf=1, role="clerk")

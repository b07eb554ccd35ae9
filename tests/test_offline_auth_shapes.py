"""The offline engine on the ways apps hand out credentials, written here: a Flask JSON API whose users sign up,
get a token from `POST /api/tokens` and send it as `Authorization: Token <t>` to views guarded by a hand-rolled
`token_required`; and a FastAPI app configured by a pydantic `BaseSettings` class (an env prefix, an `lru_cache`d
`get_settings`), whose admin key is a setting, whose users are made by the admin and answer their own key, and whose
reservations are made under a desk (`POST /desks/{desk_id}/reservations`) and cancelled at `/reservations/{id}`;
a Flask-Login JSON API whose users log in with a JSON body and a session cookie; and a FastAPI app whose users
choose a role when they sign up (`"role": "teacher"`) and log in through an OAuth2 password form with their email;
a FastAPI app whose users sign up, then send their name and password with each request as HTTP Basic
credentials; a FastAPI app whose tenants' keys come from one setting of `key=tenant` pairs; and a Flask app of
`MethodView` classes guarded by flask-jwt-extended's `jwt_required()`, whose bodies are marshmallow schemas; and a
Flask-HTTPAuth app whose customers trade their name and password (HTTP Basic) for a Bearer token, whose technicians
are made by a CLI command, and whose views check roles themselves; and a FastAPI app on an async SQLAlchemy engine,
whose coaches' keys are `Name:key` entries of one setting and whose players make themselves and are answered their
key; a Flask app whose forms are Flask-WTF classes; and a form app whose stewards get their role from a CLI
command.

Each app runs through a whole offline session; its tests pass on the app as written, and each aimed test fails on
its bug.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from test_offline_http_shapes import aimed_test_fails, run

from conftest import make_repo

MEMO = '''
import hashlib
import secrets
from functools import wraps

from flask import Flask, g, jsonify, request
from werkzeug.security import check_password_hash, generate_password_hash


def create_app():
    app = Flask(__name__)
    users, tokens, memos = {}, {}, {}

    def token_required(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            scheme, _, token = request.headers.get("Authorization", "").partition(" ")
            if scheme != "Token" or not token:
                return jsonify(error="token required"), 401
            user = tokens.get(hashlib.sha256(token.encode()).hexdigest())
            if user is None:
                return jsonify(error="bad token"), 401
            g.user = user
            return view(*args, **kwargs)
        return wrapped

    @app.post("/api/users")
    def sign_up():
        data = request.get_json(silent=True) or {}
        name, password = data.get("username", ""), data.get("password", "")
        if not name or len(password) < 8:
            return jsonify(error="username and a password of 8+ characters required"), 400
        if name in users:
            return jsonify(error="taken"), 409
        users[name] = generate_password_hash(password)
        return jsonify(username=name), 201

    @app.post("/api/tokens")
    def issue_token():
        data = request.get_json(silent=True) or {}
        stored = users.get(data.get("username", ""))
        if stored is None or not check_password_hash(stored, data.get("password", "")):
            return jsonify(error="bad credentials"), 401
        token = secrets.token_hex(16)
        tokens[hashlib.sha256(token.encode()).hexdigest()] = data["username"]
        return jsonify(token=token), 201

    @app.post("/api/memos")
    @token_required
    def add_memo():
        data = request.get_json(silent=True) or {}
        text = data.get("text", "")
        if not isinstance(text, str) or not 1 <= len(text) <= 140:
            return jsonify(error="text of 1-140 characters required"), 400
        memo = {"id": len(memos) + 1, "text": text, "owner": g.user, "pinned": False}
        memos[memo["id"]] = memo
        return jsonify(memo), 201

    @app.get("/api/memos/<int:memo_id>")
    @token_required
    def show_memo(memo_id):
        memo = memos.get(memo_id)
        if memo is None or memo["owner"] != g.user:
            return jsonify(error="not found"), 404
        return jsonify(memo)

    @app.post("/api/memos/<int:memo_id>/pin")
    @token_required
    def pin(memo_id):
        memo = memos.get(memo_id)
        if memo is None or memo["owner"] != g.user:
            return jsonify(error="not found"), 404
        memo["pinned"] = True
        return jsonify(memo)

    return app
'''

MEMO_BUGS = {
    "test_post_api_memos_pin_changes_the_record": ('memo["pinned"] = True', "pass"),
    "test_get_api_memo_by_id_refuses_another_users_record": (
        'if memo is None or memo["owner"] != g.user:', "if memo is None:"),
    "test_post_api_memos_refuses_an_unknown_token": ("if user is None:", "if False:"),
    "test_post_api_memos_creates_with_a_valid_payload": ('"pinned": False}', '"pinned": None}'),
}


@pytest.fixture(scope="module")
def memo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("memo"), {"memo/__init__.py": textwrap.dedent(MEMO)})
    return repo, *run(repo, "add tests for the memo API: sign-up, tokens, memos and pinning")


def test_the_token_goes_out_with_the_scheme_word_the_app_wants(memo: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = memo
    assert findings == []
    assert 'return {"Authorization": "Token " + resp.get_json()["token"]}' in text
    assert "def test_post_api_memos_pin_succeeds(client, user_headers):" in text
    assert 'headers={"Authorization": "Token wrong-token"}' in text


@pytest.mark.parametrize("name", sorted(MEMO_BUGS))
def test_the_aimed_memo_test_fails_on_its_bug(memo: tuple[Path, str, str, list[str]], tmp_path: Path,
                                             name: str) -> None:
    aimed_test_fails(memo[0], memo[1], "memo/__init__.py", MEMO_BUGS[name], name, tmp_path)


DESK_SETTINGS = '''
from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DESKS_")

    database_path: str = "desks.sqlite3"
    admin_api_key: str | None = None
    max_days_ahead: int = 14


@lru_cache
def get_settings() -> Settings:
    return Settings()
'''

DESKS = '''
import hashlib
import secrets
import sqlite3
from contextlib import asynccontextmanager
from datetime import date

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

from .settings import Settings, get_settings

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, key_hash TEXT NOT NULL,
                                  is_admin INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS desks (id INTEGER PRIMARY KEY, label TEXT UNIQUE NOT NULL);
CREATE TABLE IF NOT EXISTS reservations (id INTEGER PRIMARY KEY, desk_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
                                         day TEXT NOT NULL, UNIQUE (desk_id, day));
"""


def connect(settings: Settings) -> sqlite3.Connection:
    db = sqlite3.connect(settings.database_path, check_same_thread=False)
    db.row_factory = sqlite3.Row
    return db


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@asynccontextmanager
async def lifespan(app):
    settings = get_settings()
    with connect(settings) as db:
        db.executescript(SCHEMA)
        if settings.admin_api_key:
            db.execute("INSERT OR IGNORE INTO users (name, key_hash, is_admin) VALUES ('admin', ?, 1)",
                       (digest(settings.admin_api_key),))
    yield


app = FastAPI(lifespan=lifespan)


def database(settings: Settings = Depends(get_settings)):
    db = connect(settings)
    try:
        yield db
    finally:
        db.close()


def caller(x_api_key: str | None = Header(default=None), db: sqlite3.Connection = Depends(database)) -> dict:
    row = db.execute("SELECT * FROM users WHERE key_hash = ?", (digest(x_api_key or ""),)).fetchone()
    if row is None:
        raise HTTPException(401, "a valid X-API-Key is required")
    return dict(row)


def admin(user: dict = Depends(caller)) -> dict:
    if not user["is_admin"]:
        raise HTTPException(403, "admins only")
    return user


class UserIn(BaseModel):
    name: str = Field(min_length=2, max_length=30)


class DeskIn(BaseModel):
    label: str = Field(min_length=1, max_length=20)


class ReservationIn(BaseModel):
    day: date


@app.post("/users", status_code=201)
def add_user(body: UserIn, _: dict = Depends(admin), db: sqlite3.Connection = Depends(database)):
    key = secrets.token_urlsafe(24)
    try:
        with db:
            cur = db.execute("INSERT INTO users (name, key_hash) VALUES (?, ?)", (body.name, digest(key)))
    except sqlite3.IntegrityError:
        raise HTTPException(409, "name taken") from None
    return {"id": cur.lastrowid, "name": body.name, "api_key": key}


@app.post("/desks", status_code=201)
def add_desk(body: DeskIn, _: dict = Depends(admin), db: sqlite3.Connection = Depends(database)):
    try:
        with db:
            cur = db.execute("INSERT INTO desks (label) VALUES (?)", (body.label,))
    except sqlite3.IntegrityError:
        raise HTTPException(409, "label taken") from None
    return {"id": cur.lastrowid, "label": body.label}


@app.post("/desks/{desk_id}/reservations", status_code=201)
def reserve(desk_id: int, body: ReservationIn, user: dict = Depends(caller),
            db: sqlite3.Connection = Depends(database)):
    if db.execute("SELECT 1 FROM desks WHERE id = ?", (desk_id,)).fetchone() is None:
        raise HTTPException(404, "no such desk")
    try:
        with db:
            cur = db.execute("INSERT INTO reservations (desk_id, user_id, day) VALUES (?, ?, ?)",
                             (desk_id, user["id"], body.day.isoformat()))
    except sqlite3.IntegrityError:
        raise HTTPException(409, "the desk is taken that day") from None
    return {"id": cur.lastrowid, "desk_id": desk_id, "day": body.day.isoformat(), "user_id": user["id"]}


@app.delete("/reservations/{reservation_id}", status_code=204)
def cancel(reservation_id: int, user: dict = Depends(caller), db: sqlite3.Connection = Depends(database)):
    row = db.execute("SELECT * FROM reservations WHERE id = ?", (reservation_id,)).fetchone()
    if row is None:
        raise HTTPException(404, "no such reservation")
    if row["user_id"] != user["id"]:
        raise HTTPException(403, "not yours")
    with db:
        db.execute("DELETE FROM reservations WHERE id = ?", (reservation_id,))
'''

DESK_BUGS = {
    "test_delete_reservation_by_id_refuses_another_users_record": ('if row["user_id"] != user["id"]:', "if False:"),
    "test_post_desks_is_forbidden_without_the_admin_role": ('if not user["is_admin"]:', "if False:"),
    "test_post_desks_reservations_twice_answers_409": (", UNIQUE (desk_id, day));", ");"),
}


@pytest.fixture(scope="module")
def desks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    files = {"desks/__init__.py": "", "desks/settings.py": textwrap.dedent(DESK_SETTINGS),
             "desks/main.py": textwrap.dedent(DESKS)}
    repo = make_repo(tmp_path_factory.mktemp("desks"), files)
    return repo, *run(repo, "add tests for the desks API: users, desks, reservations and cancelling")


def test_settings_keys_made_users_and_nested_records_get_tests(desks: tuple[Path, str, str, list[str]]) -> None:
    repo, _, text, findings = desks
    assert findings == []
    assert 'ADMIN_HEADERS = {"x-api-key": "test-desks-admin-api-key"}  # the DESKS_ADMIN_API_KEY setting' in text
    assert 'monkeypatch.setenv("DESKS_DATABASE_PATH", str(tmp_path / "env.db"))' in text  # a database per test
    assert "desks.settings.get_settings.cache_clear()" in text
    assert 'resp = client.post("/users", json={"name": "alice_user"}, headers=ADMIN_HEADERS)' in text
    assert 'client.post(f"/desks/{parent_id}/reservations"' in text
    assert "def test_delete_reservation_by_id_succeeds(client, user_headers):" in text
    assert not (repo / "desks.sqlite3").exists()  # the app's default database file was never written in the repo


@pytest.mark.parametrize("name", sorted(DESK_BUGS))
def test_the_aimed_desk_test_fails_on_its_bug(desks: tuple[Path, str, str, list[str]], tmp_path: Path,
                                             name: str) -> None:
    aimed_test_fails(desks[0], desks[1], "desks/main.py", DESK_BUGS[name], name, tmp_path)


TODO = '''
from flask import Flask, jsonify, request
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user
from werkzeug.security import check_password_hash, generate_password_hash


class User(UserMixin):
    def __init__(self, uid, email, password_hash):
        self.id, self.email, self.password_hash = uid, email, password_hash


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="dev")
    if test_config:
        app.config.update(test_config)
    users, todos = {}, {}
    login_manager = LoginManager(app)

    @login_manager.user_loader
    def load(uid):
        return users.get(int(uid))

    @login_manager.unauthorized_handler
    def unauthorized():
        return jsonify(error="login required"), 401

    @app.post("/api/register")
    def register():
        data = request.get_json(silent=True) or {}
        email, password = data.get("email", ""), data.get("password", "")
        if "@" not in email or len(password) < 8:
            return jsonify(error="an email and a password of 8+ characters"), 400
        if any(u.email == email for u in users.values()):
            return jsonify(error="taken"), 409
        user = User(len(users) + 1, email, generate_password_hash(password))
        users[user.id] = user
        return jsonify(id=user.id, email=email), 201

    @app.post("/api/login")
    def login():
        data = request.get_json(silent=True) or {}
        user = next((u for u in users.values() if u.email == data.get("email")), None)
        if user is None or not check_password_hash(user.password_hash, data.get("password", "")):
            return jsonify(error="bad credentials"), 401
        login_user(user)
        return jsonify(id=user.id, email=user.email)

    @app.post("/api/logout")
    @login_required
    def logout():
        logout_user()
        return jsonify(ok=True)

    @app.post("/api/todos")
    @login_required
    def add_todo():
        data = request.get_json(silent=True) or {}
        title = data.get("title", "")
        if not isinstance(title, str) or not 1 <= len(title) <= 60:
            return jsonify(error="a title of 1-60 characters"), 400
        todo = {"id": len(todos) + 1, "title": title, "done": False, "owner": current_user.id}
        todos[todo["id"]] = todo
        return jsonify(todo), 201

    @app.get("/api/todos/<int:todo_id>")
    @login_required
    def show_todo(todo_id):
        todo = todos.get(todo_id)
        if todo is None or todo["owner"] != current_user.id:
            return jsonify(error="not found"), 404
        return jsonify(todo)

    @app.post("/api/todos/<int:todo_id>/done")
    @login_required
    def finish(todo_id):
        todo = todos.get(todo_id)
        if todo is None or todo["owner"] != current_user.id:
            return jsonify(error="not found"), 404
        if todo["done"]:
            return jsonify(error="already done"), 409
        todo["done"] = True
        return jsonify(todo)

    return app
'''

TODO_BUGS = {
    "test_post_api_todos_done_on_an_existing_record": ('todo["done"] = True', "pass"),
    "test_post_api_todos_done_twice_answers_409": ('if todo["done"]:', "if False:"),
}


@pytest.fixture(scope="module")
def todo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("todo"), {"todo/__init__.py": textwrap.dedent(TODO)})
    return repo, *run(repo, "add tests for the todo API: register, login, todos and finishing them")


def test_a_json_session_login_reaches_the_actions_and_pins_what_they_change(
        todo: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = todo
    assert findings == []
    assert 'assert resp.get_json()["done"] is True' in text
    assert "no longer shows the record" not in text  # no page lists todos: nothing is said about one


@pytest.mark.parametrize("name", sorted(TODO_BUGS))
def test_the_aimed_todo_test_fails_on_its_bug(todo: tuple[Path, str, str, list[str]], tmp_path: Path,
                                             name: str) -> None:
    aimed_test_fails(todo[0], todo[1], "todo/__init__.py", TODO_BUGS[name], name, tmp_path)


SCHOOL = r'''
import hashlib
import secrets
from typing import Literal

from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel, Field

app = FastAPI()
USERS: dict[str, dict] = {}
TOKENS: dict[str, str] = {}
COURSES: dict[int, dict] = {}
ENROLMENTS: dict[int, dict] = {}
oauth2 = OAuth2PasswordBearer(tokenUrl="/auth/token")


class SignUp(BaseModel):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    password: str = Field(min_length=8)
    role: Literal["student", "teacher"] = "student"


class CourseIn(BaseModel):
    title: str = Field(min_length=1, max_length=80)
    seats: int = Field(ge=1, le=30)


class EnrolmentIn(BaseModel):
    course_id: int


def digest(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()


def current_user(token: str = Depends(oauth2)) -> dict:
    email = TOKENS.get(token)
    if email is None:
        raise HTTPException(401, "bad token", headers={"WWW-Authenticate": "Bearer"})
    return USERS[email]


def teacher(user: dict = Depends(current_user)) -> dict:
    if user["role"] != "teacher":
        raise HTTPException(403, "teachers only")
    return user


@app.post("/auth/register", status_code=201)
def register(body: SignUp):
    email = body.email.lower()
    if email in USERS:
        raise HTTPException(409, "already registered")
    USERS[email] = {"email": email, "password": digest(body.password), "role": body.role}
    return {"email": email, "role": body.role}


@app.post("/auth/token")
def log_in(form: OAuth2PasswordRequestForm = Depends()):
    user = USERS.get(form.username.lower())
    if user is None or user["password"] != digest(form.password):
        raise HTTPException(401, "wrong email or password")
    token = secrets.token_hex(16)
    TOKENS[token] = user["email"]
    return {"access_token": token, "token_type": "bearer"}


@app.post("/courses", status_code=201)
def add_course(body: CourseIn, user: dict = Depends(teacher)):
    course = {"id": len(COURSES) + 1, "title": body.title, "seats": body.seats, "teacher": user["email"]}
    COURSES[course["id"]] = course
    return course


@app.post("/enrolments", status_code=201)
def enrol(body: EnrolmentIn, user: dict = Depends(current_user)):
    course = COURSES.get(body.course_id)
    if course is None:
        raise HTTPException(404, "no such course")
    if any(e["course_id"] == course["id"] and e["student"] == user["email"] for e in ENROLMENTS.values()):
        raise HTTPException(409, "already enrolled")
    enrolment = {"id": len(ENROLMENTS) + 1, "course_id": course["id"], "student": user["email"]}
    ENROLMENTS[enrolment["id"]] = enrolment
    return enrolment


@app.get("/enrolments/{enrolment_id}")
def show_enrolment(enrolment_id: int, user: dict = Depends(current_user)):
    enrolment = ENROLMENTS.get(enrolment_id)
    if enrolment is None or enrolment["student"] != user["email"]:
        raise HTTPException(404, "no such enrolment")
    return enrolment
'''

SCHOOL_BUGS = {
    "test_post_courses_is_forbidden_without_the_teacher_role": ('if user["role"] != "teacher":', "if False:"),
    "test_get_enrolment_by_id_refuses_another_students_record": (
        'if enrolment is None or enrolment["student"] != user["email"]:', "if enrolment is None:"),
    "test_post_enrolments_refuses_the_same_record_twice": (
        'e["course_id"] == course["id"] and e["student"] == user["email"]', 'e["id"] == 0'),
}


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("school"), {"school/__init__.py": "", "school/main.py": SCHOOL})
    return repo, *run(repo, "add tests for the school API: signing up as a student or a teacher, logging in, "
                            "courses and enrolments")


def test_a_role_chosen_at_sign_up_gets_users_of_its_own(school: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = school
    assert findings == []
    assert 'json={"email": "teacher1@example.com", "password": "pw-teacher1-12345", "role": "teacher"})' in text
    assert 'data={"username": "teacher1@example.com", "password": "pw-teacher1-12345"})' in text  # the email
    assert "def test_post_courses_creates_with_a_valid_payload(client, teacher_headers):" in text
    # the users who sign up without choosing are named for the role the sign-up answered
    assert "def test_post_courses_is_forbidden_without_the_teacher_role(client, student_headers):" in text
    assert "def test_post_enrolments_creates_with_a_valid_payload(client, student_headers, teacher_headers):" in text


@pytest.mark.parametrize("name", sorted(SCHOOL_BUGS))
def test_the_aimed_school_test_fails_on_its_bug(school: tuple[Path, str, str, list[str]], tmp_path: Path,
                                               name: str) -> None:
    aimed_test_fails(school[0], school[1], "school/main.py", SCHOOL_BUGS[name], name, tmp_path)


VAULT = '''
import hashlib
import secrets

from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from pydantic import BaseModel, Field

app = FastAPI()
security = HTTPBasic()
USERS: dict[str, str] = {}
SECRETS: dict[int, dict] = {}


class SignUp(BaseModel):
    username: str = Field(min_length=3, max_length=30)
    password: str = Field(min_length=8)


class SecretIn(BaseModel):
    label: str = Field(min_length=1, max_length=50)
    value: str


def digest(password: str) -> str:
    return hashlib.sha256(password.encode()).hexdigest()


def caller(credentials: HTTPBasicCredentials = Depends(security)) -> str:
    stored = USERS.get(credentials.username)
    if stored is None or not secrets.compare_digest(stored, digest(credentials.password)):
        raise HTTPException(401, "wrong name or password", headers={"WWW-Authenticate": "Basic"})
    return credentials.username


@app.post("/users", status_code=201)
def sign_up(body: SignUp):
    if body.username in USERS:
        raise HTTPException(409, "taken")
    USERS[body.username] = digest(body.password)
    return {"username": body.username}


@app.post("/secrets", status_code=201)
def keep(body: SecretIn, user: str = Depends(caller)):
    item = {"id": len(SECRETS) + 1, "label": body.label, "value": body.value, "owner": user}
    SECRETS[item["id"]] = item
    return item


@app.get("/secrets/{secret_id}")
def reveal(secret_id: int, user: str = Depends(caller)):
    item = SECRETS.get(secret_id)
    if item is None or item["owner"] != user:
        raise HTTPException(404, "no such secret")
    return item
'''

VAULT_BUGS = {
    "test_get_secret_by_id_refuses_another_users_record": (
        'if item is None or item["owner"] != user:', "if item is None:"),
    "test_post_secrets_refuses_an_unknown_token": (
        "if stored is None or not secrets.compare_digest(stored, digest(credentials.password)):",
        "if stored is not None and not secrets.compare_digest(stored, digest(credentials.password)):"),
}


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("vault"), {"vault/__init__.py": "", "vault/main.py": VAULT})
    return repo, *run(repo, "add tests for the vault API: signing up and keeping and revealing secrets with HTTP "
                            "Basic auth")


def test_http_basic_users_sign_up_and_send_their_name_and_password(vault: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = vault
    assert findings == []
    assert 'client.post("/users", json={"username": "alice_user", "password": "pw-alice-12345"})' in text
    assert 'return {"Authorization": "Basic YWxpY2VfdXNlcjpwdy1hbGljZS0xMjM0NQ=="}  # alice_user:pw-alice-12345' in text
    assert "def test_post_secrets_creates_with_a_valid_payload(client, user_headers):" in text


@pytest.mark.parametrize("name", sorted(VAULT_BUGS))
def test_the_aimed_vault_test_fails_on_its_bug(vault: tuple[Path, str, str, list[str]], tmp_path: Path,
                                              name: str) -> None:
    aimed_test_fails(vault[0], vault[1], "vault/main.py", VAULT_BUGS[name], name, tmp_path)


DOCKS = '''
import os
import threading

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field


def read_keys(raw: str) -> dict[str, str]:
    """Tenant keys as `key=tenant` pairs separated by semicolons."""
    keys = {}
    for pair in raw.split(";"):
        if pair.strip():
            key, _, tenant = pair.partition("=")
            keys[key.strip()] = tenant.strip()
    return keys


KEYS = read_keys(os.environ.get("DOCKS_KEYS", ""))
DOCKS: dict[int, dict] = {}
LOCK = threading.Lock()
app = FastAPI()


def tenant(x_dock_key: str | None = Header(default=None)) -> str:
    if x_dock_key is None or x_dock_key not in KEYS:
        raise HTTPException(401, "unknown key")
    return KEYS[x_dock_key]


class DockIn(BaseModel):
    name: str = Field(min_length=1, max_length=40)
    berths: int = Field(ge=1, le=50)


@app.post("/docks", status_code=201)
def add_dock(body: DockIn, owner: str = Depends(tenant)):
    with LOCK:
        dock_id = len(DOCKS) + 1
        DOCKS[dock_id] = {"id": dock_id, "name": body.name, "berths": body.berths, "tenant": owner}
    return DOCKS[dock_id]


@app.get("/docks/{dock_id}")
def show_dock(dock_id: int, owner: str = Depends(tenant)):
    dock = DOCKS.get(dock_id)
    if dock is None or dock["tenant"] != owner:
        raise HTTPException(404, "no such dock")
    return dock
'''

DOCK_BUGS = {
    "test_get_dock_by_id_refuses_another_users_record": ('if dock is None or dock["tenant"] != owner:',
                                                          "if dock is None:"),
}


@pytest.fixture(scope="module")
def docks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("docks"), {"docks/__init__.py": "", "docks/main.py": DOCKS})
    return repo, *run(repo, "add tests for the docks API: tenant keys, adding docks and reading them")


def test_tenant_keys_in_one_setting_of_pairs_are_two_users(docks: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = docks
    assert findings == []
    assert "test-key-1=user-1;test-key-2=user-2" in text  # the setting, in the form its reader splits
    assert '{"x-dock-key": "test-key-2"}' in text  # the second tenant's key, sent where the app reads it
    assert "def test_post_docks_creates_with_a_valid_payload(" in text


@pytest.mark.parametrize("name", sorted(DOCK_BUGS))
def test_the_aimed_dock_test_fails_on_its_bug(docks: tuple[Path, str, str, list[str]], tmp_path: Path,
                                             name: str) -> None:
    aimed_test_fails(docks[0], docks[1], "docks/main.py", DOCK_BUGS[name], name, tmp_path)


ROTA_INIT = '''
import os

from flask import Flask, jsonify
from flask_jwt_extended import JWTManager
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(JWT_SECRET_KEY=os.environ.get("ROTA_JWT_KEY"))
    if test_config is not None:
        app.config.update(test_config)
    if not app.config["JWT_SECRET_KEY"]:
        raise RuntimeError("ROTA_JWT_KEY is not set")
    JWTManager(app)
    app.extensions["rota"] = {"users": {}, "shifts": {}}

    from rota import views

    app.register_blueprint(views.bp)

    @app.errorhandler(ValidationError)
    def invalid(error):
        return jsonify(errors=error.messages), 422

    @app.errorhandler(HTTPException)
    def failed(error):
        return jsonify(error=error.description), error.code

    return app
'''

ROTA_VIEWS = '''
import hashlib

from flask import Blueprint, abort, current_app, request
from flask.views import MethodView
from flask_jwt_extended import create_access_token, get_jwt_identity, jwt_required
from marshmallow import Schema, fields, validate

bp = Blueprint("rota", __name__)


class SignupSchema(Schema):
    email = fields.Email(required=True)
    password = fields.String(required=True, load_only=True, validate=validate.Length(min=8))


class LoginSchema(Schema):
    email = fields.String(required=True)
    password = fields.String(required=True, load_only=True)


class ShiftSchema(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=60))
    hours = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=12))


def store():
    return current_app.extensions["rota"]


def digest(password):
    return hashlib.sha256(password.encode()).hexdigest()


def load_shift(partial=False):
    return ShiftSchema().load(request.get_json(silent=True) or {}, partial=partial)


def own(shift_id):
    shift = store()["shifts"].get(shift_id)
    if shift is None:
        abort(404, "no such shift")
    if shift["owner"] != get_jwt_identity():
        abort(403, "not your shift")
    return shift


class SignupAPI(MethodView):
    def post(self):
        data = SignupSchema().load(request.get_json(silent=True) or {})
        users = store()["users"]
        if data["email"] in users:
            abort(409, "already signed up")
        users[data["email"]] = digest(data["password"])
        return {"email": data["email"]}, 201


class LoginAPI(MethodView):
    def post(self):
        data = LoginSchema().load(request.get_json(silent=True) or {})
        stored = store()["users"].get(data["email"])
        if stored is None or stored != digest(data["password"]):
            abort(401, "wrong email or password")
        return {"access_token": create_access_token(identity=data["email"])}


class ShiftListAPI(MethodView):
    decorators = [jwt_required()]

    def post(self):
        data = load_shift()
        shifts = store()["shifts"]
        shift = {"id": len(shifts) + 1, "owner": get_jwt_identity(), **data}
        shifts[shift["id"]] = shift
        return shift, 201


class ShiftAPI(MethodView):
    decorators = [jwt_required()]

    def get(self, shift_id):
        return own(shift_id)

    def patch(self, shift_id):
        shift = own(shift_id)
        shift.update(load_shift(partial=True))
        return shift


bp.add_url_rule("/auth/signup", view_func=SignupAPI.as_view("signup"))
bp.add_url_rule("/auth/login", view_func=LoginAPI.as_view("login"))
bp.add_url_rule("/shifts", view_func=ShiftListAPI.as_view("shifts"))
bp.add_url_rule("/shifts/<int:shift_id>", view_func=ShiftAPI.as_view("shift"))
'''

ROTA_BUGS = {
    "test_get_shift_by_id_refuses_another_users_record": ('if shift["owner"] != get_jwt_identity():', "if False:"),
    "test_post_shifts_rejects_hours_above_maximum": ("validate.Range(min=1, max=12)", "validate.Range(min=1, max=13)"),
}


@pytest.fixture(scope="module")
def rota(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("rota"), {"rota/__init__.py": ROTA_INIT, "rota/views.py": ROTA_VIEWS})
    return repo, *run(repo, "add tests for the rota API: signing up, logging in for a token, adding, reading and "
                            "changing shifts")


def test_jwt_guarded_method_views_log_in_for_a_bearer_token_and_send_schema_bodies(
        rota: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = rota
    assert findings == []
    assert "test-jwt-secret-key-long-enough-to-sign" in text  # a signing key, not a credential, long enough
    assert 'client.post("/auth/login", json=' in text
    assert '{"Authorization": "Bearer " + ' in text
    assert 'json={"title": "title-1", "hours": 2}' in text  # the schema's fields, with their types
    assert "def test_patch_shift_by_id_succeeds(" in text


@pytest.mark.parametrize("name", sorted(ROTA_BUGS))
def test_the_aimed_rota_test_fails_on_its_bug(rota: tuple[Path, str, str, list[str]], tmp_path: Path,
                                             name: str) -> None:
    aimed_test_fails(rota[0], rota[1], "rota/views.py", ROTA_BUGS[name], name, tmp_path)


REPAIRS = '''
import secrets

import click
from flask import Flask, abort, g, jsonify, request
from flask_httpauth import HTTPBasicAuth, HTTPTokenAuth
from werkzeug.security import check_password_hash, generate_password_hash

CUSTOMER, TECHNICIAN = "customer", "technician"
KINDS = ("plumbing", "electrical", "heating")
STAGES = ("new", "diagnosed", "fixed")

basic = HTTPBasicAuth()
bearer = HTTPTokenAuth(scheme="Bearer")


def store():
    return g.store


@basic.verify_password
def check_pair(email, password):
    user = store()["users"].get(email)
    if user and check_password_hash(user["hash"], password):
        return user
    return None


@bearer.verify_token
def check_token(token):
    email = store()["tokens"].get(token)
    return store()["users"].get(email) if email else None


@bearer.get_user_roles
def roles_of(user):
    return user["role"]


def add_user(email, name, password, role):
    store()["users"][email] = {"email": email, "name": name, "role": role,
                               "hash": generate_password_hash(password)}


def create_app(config=None):
    app = Flask(__name__)
    app.config.update(config or {})
    data = {"users": {}, "tokens": {}, "jobs": {}}

    @app.before_request
    def attach():
        g.store = data

    @app.cli.command("create-technician")
    @click.argument("email")
    @click.argument("name")
    @click.password_option()
    def create_technician(email, name, password):
        g.store = data
        add_user(email, name, password, TECHNICIAN)

    @app.post("/accounts")
    def sign_up():
        body = request.get_json(silent=True) or {}
        email, name, password = body.get("email", ""), body.get("name", ""), body.get("password", "")
        if "@" not in email or not name or len(password) < 8:
            return jsonify(error="email, name and a password of 8+ characters"), 400
        if email in data["users"]:
            return jsonify(error="taken"), 409
        add_user(email, name, password, CUSTOMER)
        return jsonify(email=email, name=name, role=CUSTOMER), 201

    @app.post("/auth/tokens")
    @basic.login_required
    def issue():
        token = secrets.token_hex(16)
        data["tokens"][token] = basic.current_user()["email"]
        return jsonify(token=token), 201

    @app.post("/jobs")
    @bearer.login_required(role=CUSTOMER)
    def open_job():
        body = request.get_json(silent=True) or {}
        kind = body.get("kind")
        if kind not in KINDS:
            return jsonify(error="unknown kind"), 400
        job = {"id": len(data["jobs"]) + 1, "kind": kind, "stage": "new", "owner": bearer.current_user()["email"],
               "technician": None}
        data["jobs"][job["id"]] = job
        return jsonify(job), 201

    def visible(job_id):
        job = data["jobs"].get(job_id)
        user = bearer.current_user()
        if job is None or (user["role"] == CUSTOMER and job["owner"] != user["email"]):
            abort(404)
        return job

    @app.get("/jobs/<int:job_id>")
    @bearer.login_required
    def show_job(job_id):
        return jsonify(visible(job_id))

    @app.post("/jobs/<int:job_id>/claim")
    @bearer.login_required(role=TECHNICIAN)
    def claim(job_id):
        job = visible(job_id)
        job["technician"] = bearer.current_user()["email"]
        return jsonify(job)

    @app.post("/jobs/<int:job_id>/stage")
    @bearer.login_required
    def move(job_id):
        job = visible(job_id)
        stage = (request.get_json(silent=True) or {}).get("stage")
        if stage not in STAGES:
            return jsonify(error="unknown stage"), 400
        if bearer.current_user()["role"] != TECHNICIAN:
            return jsonify(error="technicians only"), 403
        if STAGES.index(stage) != STAGES.index(job["stage"]) + 1:
            return jsonify(error="one stage at a time"), 409
        job["stage"] = stage
        return jsonify(job)

    return app
'''

REPAIRS_BUGS = {
    "test_post_auth_tokens_login_with_a_wrong_password": (
        'if user and check_password_hash(user["hash"], password):', "if user:"),
    "test_post_jobs_claim_is_forbidden_without_the_technician_role": (
        "@bearer.login_required(role=TECHNICIAN)", "@bearer.login_required"),
    "test_post_jobs_stage_is_forbidden_without_the_technician_role": (
        'if bearer.current_user()["role"] != TECHNICIAN:', "if False:"),
    "test_post_jobs_stage_succeeds": ('STAGES.index(job["stage"]) + 1', 'STAGES.index(job["stage"]) + 2'),
    "test_get_job_by_id_refuses_another_customers_record": (
        'user["role"] == CUSTOMER and job["owner"] != user["email"]', "False"),
}


@pytest.fixture(scope="module")
def repairs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("repairs"), {"repairs/__init__.py": REPAIRS})
    return repo, *run(repo, "add tests for the repairs API: accounts, tokens, jobs, claiming and stages")


def test_flask_httpauth_tokens_for_basic_pairs_and_cli_made_roles(repairs: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = repairs
    assert findings == []
    # customers sign up, then trade their email and password, sent as HTTP Basic, for a Bearer token
    assert 'client.post("/auth/tokens", headers={"Authorization": "Basic ' in text
    assert 'return {"Authorization": "Bearer " + resp.get_json()["token"]}' in text
    assert "def test_post_jobs_creates_with_a_valid_payload(client, customer_headers):" in text
    # technicians are made by the app's own CLI command, as its maintainers make them
    assert '.test_cli_runner().invoke(args=["create-technician", "technician1@example.com"' in text
    assert "def test_post_jobs_claim_succeeds(client, customer_headers, technician_headers):" in text
    # a stage the record can move to, one of the values the view accepts
    assert 'json={"stage": "diagnosed"}, headers=technician_headers)' in text


@pytest.mark.parametrize("name", sorted(REPAIRS_BUGS))
def test_the_aimed_repairs_test_fails_on_its_bug(repairs: tuple[Path, str, str, list[str]], tmp_path: Path,
                                                name: str) -> None:
    aimed_test_fails(repairs[0], repairs[1], "repairs/__init__.py", REPAIRS_BUGS[name], name, tmp_path)


CLUBS_DB = '''
import os

from sqlalchemy import ForeignKey, String
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

engine = create_async_engine(os.environ.get("CLUBS_DATABASE_URL", "sqlite+aiosqlite:///./clubs.db"))
Session = async_sessionmaker(engine, expire_on_commit=False)


class Base(DeclarativeBase):
    pass


class Member(Base):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(10))
    api_key: Mapped[str] = mapped_column(String(64), unique=True)


class Training(Base):
    __tablename__ = "trainings"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(80))
    places: Mapped[int]
    coach_id: Mapped[int] = mapped_column(ForeignKey("members.id"))


async def get_session():
    async with Session() as session:
        yield session
'''

CLUBS_MAIN = '''
import os
import secrets
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .db import Base, Member, Session, Training, engine, get_session


def parse_coaches(value):
    """`"Ann Lee:key-1,Bo Park:key-2"` -> [(name, key)]."""
    coaches = []
    for entry in filter(None, (e.strip() for e in value.split(","))):
        name, _, key = entry.rpartition(":")
        if not name or not key:
            raise RuntimeError(f"CLUBS_COACHES: cannot read {entry!r}")
        coaches.append((name, key))
    return coaches


@asynccontextmanager
async def lifespan(app):
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    async with Session() as session:
        for name, key in parse_coaches(os.environ.get("CLUBS_COACHES", "")):
            if await session.scalar(select(Member).where(Member.api_key == key)) is None:
                session.add(Member(name=name, role="coach", api_key=key))
        await session.commit()
    yield


app = FastAPI(lifespan=lifespan)
api_key = APIKeyHeader(name="X-API-Key", auto_error=False)


async def caller(key: str | None = Depends(api_key), session: AsyncSession = Depends(get_session)) -> Member:
    member = await session.scalar(select(Member).where(Member.api_key == key)) if key else None
    if member is None:
        raise HTTPException(401, "unknown key")
    return member


async def coach(member: Member = Depends(caller)) -> Member:
    if member.role != "coach":
        raise HTTPException(403, "coaches only")
    return member


class PlayerIn(BaseModel):
    name: str = Field(min_length=1, max_length=60)


class TrainingIn(BaseModel):
    title: str = Field(min_length=1, max_length=80)
    places: int = Field(ge=1, le=30)


@app.post("/players", status_code=201)
async def join(body: PlayerIn, session: AsyncSession = Depends(get_session)):
    player = Member(name=body.name, role="player", api_key=secrets.token_urlsafe(24))
    session.add(player)
    await session.commit()
    return {"id": player.id, "name": player.name, "role": player.role, "api_key": player.api_key}


@app.post("/trainings", status_code=201)
async def plan(body: TrainingIn, member: Member = Depends(coach), session: AsyncSession = Depends(get_session)):
    training = Training(title=body.title, places=body.places, coach_id=member.id)
    session.add(training)
    await session.commit()
    return {"id": training.id, "title": training.title, "places": training.places, "coach": member.name}


@app.get("/trainings/{training_id}")
async def show(training_id: int, member: Member = Depends(caller), session: AsyncSession = Depends(get_session)):
    training = await session.get(Training, training_id)
    if training is None:
        raise HTTPException(404, "no such training")
    return {"id": training.id, "title": training.title, "places": training.places}
'''

CLUBS_BUGS = {
    "test_post_trainings_is_forbidden_without_the_coach_role": ('if member.role != "coach":', "if False:"),
    "test_post_trainings_creates_with_a_valid_payload": ('"coach": member.name}', '"coach": member.api_key}'),
    "test_post_players_creates_with_a_valid_payload": ('role="player"', 'role="coach"'),
    "test_get_training_by_id_succeeds": ("if training is None:", "if True:"),
}


@pytest.fixture(scope="module")
def clubs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    files = {"clubs/__init__.py": "", "clubs/db.py": CLUBS_DB, "clubs/main.py": CLUBS_MAIN}
    repo = make_repo(tmp_path_factory.mktemp("clubs"), files)
    return repo, *run(repo, "add tests for the clubs API: players joining, coaches planning trainings, reading a "
                            "training")


def test_async_engines_keys_of_named_holders_and_users_who_make_themselves(
        clubs: tuple[Path, str, str, list[str]]) -> None:
    repo, _, text, findings = clubs
    assert findings == []
    # each test gets its own file behind the app's async engine and session factory
    assert 'monkeypatch.setattr(clubs.db, "engine", async_engine)' in text
    assert 'monkeypatch.setitem(clubs.db.Session.kw, "bind", async_engine)' in text
    assert not (repo / "clubs.db").exists()
    # coaches' keys come from a setting of `Name:key` entries, the key after the colon
    assert 'os.environ.setdefault("CLUBS_COACHES", "user-1:test-key-1,user-2:test-key-2")' in text
    assert 'COACH_HEADERS = {"X-API-Key": "test-key-1"}' in text
    # players make themselves through an open route that answers their key
    assert 'return {"X-API-Key": resp.json()["api_key"]}' in text
    assert "def test_post_trainings_is_forbidden_without_the_coach_role(client, player_headers):" in text


@pytest.mark.parametrize("name", sorted(CLUBS_BUGS))
def test_the_aimed_clubs_test_fails_on_its_bug(clubs: tuple[Path, str, str, list[str]], tmp_path: Path,
                                              name: str) -> None:
    rel = "clubs/db.py" if CLUBS_BUGS[name][0] in CLUBS_DB else "clubs/main.py"
    aimed_test_fails(clubs[0], clubs[1], rel, CLUBS_BUGS[name], name, tmp_path)


JOT = '''
import functools

from flask import Flask, abort, flash, g, redirect, render_template_string, session, url_for
from flask_wtf import FlaskForm
from werkzeug.security import check_password_hash, generate_password_hash
from wtforms import IntegerField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, NumberRange

PAGE = "{% for m in get_flashed_messages() %}<p>{{ m }}</p>{% endfor %}{{ body | safe }}"


class SignUpForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(), Length(min=3, max=20)])
    password = PasswordField("Password", validators=[DataRequired(), Length(min=8)])
    again = PasswordField("Again", validators=[DataRequired(), EqualTo("password")])


class SignInForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired()])
    password = PasswordField("Password", validators=[DataRequired()])


class JotForm(FlaskForm):
    text = StringField("Text", validators=[DataRequired(), Length(max=40)])


class StarForm(FlaskForm):
    stars = IntegerField("Stars", validators=[InputRequired(), NumberRange(min=1, max=5)])


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="dev")
    if test_config:
        app.config.update(test_config)
    users, jots = {}, []

    def login_required(view):
        @functools.wraps(view)
        def wrapped(**kwargs):
            if session.get("user") not in users:
                return redirect(url_for("login"))
            g.user = session["user"]
            return view(**kwargs)
        return wrapped

    def page(body, status=200):
        return render_template_string(PAGE, body=body), status

    @app.route("/register", methods=("GET", "POST"))
    def register():
        form = SignUpForm()
        if form.validate_on_submit():
            if form.username.data in users:
                flash("That name is taken.")
                return page("taken", 409)
            users[form.username.data] = generate_password_hash(form.password.data)
            return redirect(url_for("login"))
        return page(f"register {form.errors}", 400 if form.is_submitted() else 200)

    @app.route("/login", methods=("GET", "POST"))
    def login():
        form = SignInForm()
        if form.validate_on_submit():
            stored = users.get(form.username.data)
            if stored and check_password_hash(stored, form.password.data):
                session["user"] = form.username.data
                return redirect(url_for("list_jots"))
            flash("Wrong name or password.")
        return page("login", 400 if form.is_submitted() else 200)

    @app.route("/logout")
    def logout():
        session.clear()
        return redirect(url_for("login"))

    @app.route("/jots", methods=("GET", "POST"))
    @login_required
    def list_jots():
        form = JotForm()
        if form.validate_on_submit():
            jots.append({"user": g.user, "text": form.text.data})
            flash("Jotted.")
            return redirect(url_for("list_jots"))
        mine = "".join(f"<li>{j['text']}</li>" for j in jots if j["user"] == g.user)
        return page(f"<ul>{mine}</ul>", 400 if form.is_submitted() else 200)

    @app.route("/jots/<int:jot_id>/stars", methods=("POST",))
    @login_required
    def star(jot_id):
        if jot_id > len(jots) or jots[jot_id - 1]["user"] != g.user:
            abort(404)
        form = StarForm()
        if form.validate_on_submit():
            jots[jot_id - 1]["stars"] = form.stars.data
            return redirect(url_for("list_jots"))
        return page("stars from 1 to 5", 400)

    return app
'''

JOT_BUGS = {
    "test_register_twice_is_refused": ("if form.username.data in users:", "if False:"),
    "test_log_in_with_wrong_password_is_refused": (
        "if stored and check_password_hash(stored, form.password.data):", "if stored:"),
    "test_post_jots_is_not_listed_to_another_user": ('if j["user"] == g.user', "if True"),
    "test_post_jots_with_a_valid_form": ('jots.append({"user": g.user, "text": form.text.data})', "pass"),
    "test_post_jots_stars_stars_of_5_and_6": ("NumberRange(min=1, max=5)", "NumberRange(min=1, max=6)"),
    "test_post_jots_stars_stars_of_0_and_1": ("NumberRange(min=1, max=5)", "NumberRange(min=0, max=5)"),
}


@pytest.fixture(scope="module")
def jot(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("jot"), {"jot/__init__.py": JOT})
    return repo, *run(repo, "add tests for the jot app: registering, logging in and out, jotting, stars")


def test_flask_wtf_forms_give_their_fields_a_repeated_password_and_number_bounds(
        jot: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = jot
    assert findings == []
    # the sign-up form's fields, the one that must repeat the password filled with it
    assert 'USER = {"again": "pw-alice-12345", "password": "pw-alice-12345", "username": "alice_user"}' in text
    assert "def test_log_in_opens_the_pages_behind_login(client):" in text
    assert 'resp = client.post("/jots", data={"text": "text-1"})' in text
    # a posted number's declared bounds, both sides of each
    assert 'resp = client.post("/jots/1/stars", data={"stars": "0"})' in text
    assert 'resp = client.post("/jots/1/stars", data={"stars": "6"})' in text


@pytest.mark.parametrize("name", sorted(JOT_BUGS))
def test_the_aimed_jot_test_fails_on_its_bug(jot: tuple[Path, str, str, list[str]], tmp_path: Path, name: str) -> None:
    aimed_test_fails(jot[0], jot[1], "jot/__init__.py", JOT_BUGS[name], name, tmp_path)


HALL = '''
import functools

import click
from flask import Flask, abort, g, redirect, render_template_string, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="dev")
    if test_config:
        app.config.update(test_config)
    users, rooms = {}, []

    @app.cli.command("make-steward")
    @click.argument("username")
    def make_steward(username):
        """Give USERNAME the steward flag."""
        users[username]["steward"] = True

    @app.before_request
    def load_user():
        g.user = users.get(session.get("user"))

    def login_required(view):
        @functools.wraps(view)
        def wrapped(**kwargs):
            if g.user is None:
                return redirect(url_for("login"))
            return view(**kwargs)
        return wrapped

    def steward_required(view):
        @functools.wraps(view)
        def wrapped(**kwargs):
            if not g.user["steward"]:
                abort(403)
            return view(**kwargs)
        return wrapped

    @app.route("/register", methods=("GET", "POST"))
    def register():
        if request.method == "POST":
            name, password = request.form["username"], request.form["password"]
            if not name or len(password) < 8 or name in users:
                return render_template_string("bad sign-up"), 400
            users[name] = {"name": name, "hash": generate_password_hash(password), "steward": False}
            return redirect(url_for("login"))
        return render_template_string("register")

    @app.route("/login", methods=("GET", "POST"))
    def login():
        if request.method == "POST":
            user = users.get(request.form["username"])
            if user and check_password_hash(user["hash"], request.form["password"]):
                session["user"] = user["name"]
                return redirect(url_for("list_rooms"))
            return render_template_string("wrong name or password"), 400
        return render_template_string("login")

    @app.route("/logout")
    def logout():
        session.clear()
        return redirect(url_for("login"))

    @app.route("/rooms")
    @login_required
    def list_rooms():
        return render_template_string("{% for r in rooms %}<li>{{ r }}</li>{% endfor %}", rooms=rooms)

    @app.route("/rooms/new", methods=("GET", "POST"))
    @login_required
    @steward_required
    def new_room():
        if request.method == "POST":
            title = request.form["title"].strip()
            if not title:
                return render_template_string("a title, please"), 400
            rooms.append(title)
            return redirect(url_for("list_rooms"))
        return render_template_string("new room")

    return app
'''

HALL_BUGS = {
    "test_get_rooms_new_is_forbidden_without_the_steward_role": ('if not g.user["steward"]:', "if False:"),
    "test_post_rooms_new_with_a_valid_form": ("rooms.append(title)", "pass"),
}


@pytest.fixture(scope="module")
def hall(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("hall"), {"hall/__init__.py": HALL})
    return repo, *run(repo, "add tests for the hall app: registering, logging in, rooms")


def test_a_form_apps_role_given_by_its_cli_gets_a_user_of_its_own(hall: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = hall
    assert findings == []
    # a steward signs up, the app's own command gives the role, then the steward logs in
    assert 'STEWARD_COMMAND = ["make-steward", "steward1_user"]' in text
    assert "result = client.application.test_cli_runner().invoke(args=command)" in text
    assert "    log_in(client, STEWARD, STEWARD_COMMAND)\n    resp = client.post(\"/rooms/new\"" in text


@pytest.mark.parametrize("name", sorted(HALL_BUGS))
def test_the_aimed_hall_test_fails_on_its_bug(hall: tuple[Path, str, str, list[str]], tmp_path: Path,
                                             name: str) -> None:
    aimed_test_fails(hall[0], hall[1], "hall/__init__.py", HALL_BUGS[name], name, tmp_path)

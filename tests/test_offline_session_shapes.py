"""The offline engine on more ways apps know their callers, written here: a FastAPI app whose users are a settings
map of names to passwords and log in to a session cookie (`APIKeyCookie`), whose admin is an HTTP Basic name and
password from two settings, and whose bookings take time zones, times of day and aware moments; a Flask JSON app
whose views read the body through a helper that returns its fields (`name, password = credentials()`), whose
editors are made by a CLI command with a `--role` choice and guarded by `@requires_role("editor")`, and whose pages
are updated with the version they were read at; a Flask-RESTful app of `Resource` classes guarded by
`method_decorators` and parsed with `reqparse`; and a FastAPI app whose members make themselves and are answered a
token that an identity-looking header (`X-Member`) carries.

Each app runs through a whole offline session; its tests pass on the app as written, and each aimed test fails on
its bug.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from test_offline_engine import pytest_in
from test_offline_http_shapes import aimed_test_fails, run

from conftest import make_repo

STUDIO = '''
import secrets
from datetime import time
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import Depends, FastAPI, HTTPException, Response
from fastapi.security import APIKeyCookie, HTTPBasic, HTTPBasicCredentials
from pydantic import AwareDatetime, BaseModel, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

COOKIE = "studio_session"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="STUDIO_")

    users: dict[str, str] = {}
    admin_username: str = "admin"
    admin_password: str


def create_app() -> FastAPI:
    settings = Settings()
    app = FastAPI()
    sessions: dict[str, str] = {}
    studios: dict[int, dict] = {}
    bookings: dict[int, dict] = {}
    cookie = APIKeyCookie(name=COOKIE, auto_error=False)
    basic = HTTPBasic()

    def member(session: Annotated[str | None, Depends(cookie)]) -> str:
        if session is None or session not in sessions:
            raise HTTPException(401, "log in first")
        return sessions[session]

    def admin(credentials: Annotated[HTTPBasicCredentials, Depends(basic)]) -> str:
        good_name = secrets.compare_digest(credentials.username, settings.admin_username)
        good_password = secrets.compare_digest(credentials.password, settings.admin_password)
        if not (good_name and good_password):
            raise HTTPException(401, "wrong admin credentials", headers={"WWW-Authenticate": "Basic"})
        return credentials.username

    class Login(BaseModel):
        username: str
        password: str

    class StudioIn(BaseModel):
        name: str = Field(min_length=1, max_length=40)
        timezone: str
        opens: time
        closes: time

        @field_validator("timezone")
        @classmethod
        def known(cls, value: str) -> str:
            ZoneInfo(value)
            return value

    class BookingIn(BaseModel):
        start: AwareDatetime
        end: AwareDatetime

    @app.post("/login")
    def login(body: Login, response: Response) -> dict:
        if settings.users.get(body.username) != body.password:
            raise HTTPException(401, "wrong name or password")
        token = secrets.token_urlsafe(16)
        sessions[token] = body.username
        response.set_cookie(COOKIE, token, httponly=True)
        return {"username": body.username}

    @app.post("/studios", status_code=201)
    def add_studio(body: StudioIn, _: Annotated[str, Depends(admin)]) -> dict:
        if body.opens >= body.closes:
            raise HTTPException(422, "opens before it closes")
        studio = {"id": len(studios) + 1, **body.model_dump(mode="json")}
        studios[studio["id"]] = studio
        return studio

    @app.post("/studios/{studio_id}/bookings", status_code=201)
    def book(studio_id: int, body: BookingIn, who: Annotated[str, Depends(member)]) -> dict:
        studio = studios.get(studio_id)
        if studio is None:
            raise HTTPException(404, "no such studio")
        if body.end <= body.start:
            raise HTTPException(422, "ends before it starts")
        booking = {"id": len(bookings) + 1, "studio_id": studio_id, "member": who,
                   "start": body.start.isoformat(), "end": body.end.isoformat()}
        bookings[booking["id"]] = booking
        return booking

    @app.get("/bookings/{booking_id}")
    def show_booking(booking_id: int, who: Annotated[str, Depends(member)]) -> dict:
        booking = bookings.get(booking_id)
        if booking is None or booking["member"] != who:
            raise HTTPException(404, "no such booking")
        return booking

    return app
'''

STUDIO_BUGS = {
    "test_get_booking_by_id_refuses_another_users_record": (
        'if booking is None or booking["member"] != who:', "if booking is None:"),
    "test_post_studios_refuses_an_unknown_token": (  # the right name with a wrong password goes through
        "if not (good_name and good_password):", "if not (good_name or good_password):"),
}


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("studio"), {"studio/__init__.py": "", "studio/main.py": STUDIO})
    return repo, *run(repo, "add tests for the studio API: logging in, adding studios as the admin, booking them")


def test_settings_users_log_in_to_a_cookie_and_the_admin_is_a_settings_pair(
        studio: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = studio
    assert findings == []
    # the users map of the settings holds the test users, who log in and carry the session cookie as a header
    assert 'os.environ.setdefault("STUDIO_USERS", "{\\"alice_user\\": \\"pw-alice-12345\\"' in text
    assert 'session = resp.cookies["studio_session"]' in text
    assert 'return {"Cookie": "studio_session=" + session}' in text
    # the admin's name (its default) and password (a required setting) go as HTTP Basic
    assert "YWRtaW46dGVzdC1zdHVkaW8tYWRtaW4tcGFzc3dvcmQ=" in text  # admin:test-studio-admin-password
    assert "with the right name and a wrong password" in text
    assert 'headers={"Cookie": "studio_session=wrong-token"}' in text
    # a time zone, times of day in order, moments with their offset
    assert '"timezone": "UTC", "opens": "09:00:00", "closes": "17:00:00"' in text
    assert '"start": "2030-01-15T10:00:00+00:00"' in text
    assert "def test_get_booking_by_id_refuses_another_users_record(" in text


@pytest.mark.parametrize("name", sorted(STUDIO_BUGS))
def test_the_aimed_studio_test_fails_on_its_bug(studio: tuple[Path, str, str, list[str]], tmp_path: Path,
                                               name: str) -> None:
    aimed_test_fails(studio[0], studio[1], "studio/main.py", STUDIO_BUGS[name], name, tmp_path)


PAGES = '''
import functools

import click
from flask import Flask, abort, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

ROLES = ("reader", "editor")


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="dev", PASSWORD_METHOD="scrypt:16384:8:1")
    app.config.from_mapping(test_config or {})
    users, pages = {}, {}

    def add_user(name, password, role):
        users[name] = {"name": name, "hash": generate_password_hash(password, app.config["PASSWORD_METHOD"]),
                       "role": role}

    def login_required(view):
        @functools.wraps(view)
        def wrapped(**kwargs):
            user = users.get(session.get("user"))
            if user is None:
                abort(401)
            g.user = user
            return view(**kwargs)
        return wrapped

    def requires_role(role):
        def decorator(view):
            @functools.wraps(view)
            def wrapped(**kwargs):
                if g.user["role"] != role:
                    abort(403)
                return view(**kwargs)
            return login_required(wrapped)
        return decorator

    def credentials():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            abort(400)
        name, password = data.get("name"), data.get("password")
        if not isinstance(name, str) or not isinstance(password, str):
            abort(400)
        return name.strip().lower(), password

    def body():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            abort(400)
        return data

    def title_of(data):
        title = data.get("title")
        if not isinstance(title, str) or not 1 <= len(title) <= 80:
            abort(400)
        return title

    @app.cli.command("create-user")
    @click.argument("name")
    @click.option("--password", prompt=True, hide_input=True)
    @click.option("--role", type=click.Choice(ROLES), default="reader")
    def create_user(name, password, role):
        add_user(name, password, role)
        click.echo(f"created {role} {name}")

    @app.post("/signup")
    def signup():
        name, password = credentials()
        if len(password) < 8:
            abort(400)
        if name in users:
            abort(409)
        add_user(name, password, "reader")
        return jsonify(name=name, role="reader"), 201

    @app.post("/login")
    def login():
        name, password = credentials()
        user = users.get(name)
        if user is None or not check_password_hash(user["hash"], password):
            abort(401)
        session["user"] = name
        return jsonify(name=name)

    @app.post("/pages")
    @requires_role("editor")
    def add_page():
        title = title_of(body())
        page = {"id": len(pages) + 1, "title": title, "version": 1, "owner": g.user["name"]}
        pages[page["id"]] = page
        return jsonify(page), 201

    @app.put("/pages/<int:page_id>")
    @login_required
    def edit_page(page_id):
        page = pages.get(page_id)
        if page is None or page["owner"] != g.user["name"]:
            abort(404)
        data = body()
        if data.get("version") != page["version"]:
            return jsonify(error="changed", version=page["version"]), 409
        page["title"] = title_of(data)
        page["version"] += 1
        return jsonify(page)

    return app
'''

PAGES_BUGS = {
    "test_post_pages_is_forbidden_without_the_editor_role": ('if g.user["role"] != role:', "if False:"),
    "test_put_page_by_id_on_an_existing_record": ('page["version"] += 1', 'page["version"] += 2'),
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("pages"), {"pages/__init__.py": PAGES})
    return repo, *run(repo, "add tests for the pages API: signing up, logging in, editors adding and editing pages")


def test_field_helpers_role_guards_and_version_counters(pages: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = pages
    assert findings == []
    # the sign-up and log-in bodies come from the helper the views unpack
    assert '"name": "alice_user", "password": "pw-alice-12345"' in text
    # editors are made by the app's own command, with the role its `--role` choice names
    assert '"--role", "editor"' in text
    # an edit sends back the version the page was made at, as the view checks
    assert 'json={"version": 1, "title": "title-1-changed"}' in text


def test_a_slow_hash_the_settings_name_is_not_run_by_the_written_tests(pages: tuple[Path, str, str, list[str]],
                                                                       tmp_path: Path) -> None:
    """The app hashes with the scrypt its settings name; the written tests sign users up and log them in through one
    round of pbkdf2 instead, and still pass."""
    repo, path, _, _ = pages
    copy = tmp_path / "repo"
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache", "instance"))
    calls = tmp_path / "scrypt-calls"
    (copy / "conftest.py").write_text(textwrap.dedent(f"""
        import hashlib

        _scrypt = hashlib.scrypt


        def counted(*args, **kwargs):
            with open({str(calls)!r}, "a") as out:
                out.write("scrypt\\n")
            return _scrypt(*args, **kwargs)


        hashlib.scrypt = counted
    """))
    done = pytest_in(copy, path)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "test_log_in" in (copy / path).read_text()
    assert not calls.exists(), calls.read_text()


@pytest.mark.parametrize("name", sorted(PAGES_BUGS))
def test_the_aimed_pages_test_fails_on_its_bug(pages: tuple[Path, str, str, list[str]], tmp_path: Path,
                                              name: str) -> None:
    aimed_test_fails(pages[0], pages[1], "pages/__init__.py", PAGES_BUGS[name], name, tmp_path)


LENDING_AUTH = '''
from functools import wraps

from flask import g, request
from flask_restful import abort

KEYS = {"key-ada-0123456789": "ada", "key-bob-0123456789": "bob"}


def current_member():
    key = request.args.get("api_key") or request.headers.get("X-Api-Key")
    if key not in KEYS:
        abort(401, message="an API key is required")
    g.member = KEYS[key]
    return g.member


def authenticated(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        current_member()
        return fn(*args, **kwargs)

    return wrapper
'''

LENDING = '''
from flask import Flask, g
from flask_restful import Api, Resource, abort, reqparse

from .auth import authenticated

tool_parser = reqparse.RequestParser(bundle_errors=True)
tool_parser.add_argument("name", type=str, required=True, location="json")
tool_parser.add_argument("kind", type=str, required=True, choices=("drill", "saw"), location="json")
tool_parser.add_argument("days", type=int, default=7, location="json")


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(test_config or {})
    tools = {}

    class ToolList(Resource):
        method_decorators = [authenticated]

        def post(self):
            args = tool_parser.parse_args()
            if not 1 <= args["days"] <= 14:
                abort(400, message="days is 1-14")
            tool = {"id": len(tools) + 1, "name": args["name"], "kind": args["kind"], "days": args["days"],
                    "owner": g.member}
            tools[tool["id"]] = tool
            return tool, 201

    class Tool(Resource):
        method_decorators = [authenticated]

        def get(self, tool_id):
            tool = tools.get(tool_id)
            if tool is None or tool["owner"] != g.member:
                abort(404, message="no such tool")
            return tool

    api = Api(app)
    api.add_resource(ToolList, "/tools")
    api.add_resource(Tool, "/tools/<int:tool_id>")
    return app
'''

LENDING_BUGS = {
    "test_get_tool_by_id_refuses_another_users_record": (
        'if tool is None or tool["owner"] != g.member:', "if tool is None:"),
    "test_post_tools_refuses_an_unknown_token": ("if key not in KEYS:", "if key is None:"),
}


@pytest.fixture(scope="module")
def lending(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    files = {"lending/__init__.py": LENDING, "lending/auth.py": LENDING_AUTH}
    repo = make_repo(tmp_path_factory.mktemp("lending"), files)
    return repo, *run(repo, "add tests for the lending API: API keys, lending tools and reading them back")


def test_flask_restful_resources_get_their_guards_and_parsed_bodies(lending: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = lending
    assert findings == []
    assert '"X-Api-Key": "key-ada-0123456789"' in text  # the header the guard module reads
    assert '"kind": "drill"' in text  # a value the parser's `choices` allows
    assert "def test_post_tools_creates_with_a_valid_payload(" in text


@pytest.mark.parametrize("name", sorted(LENDING_BUGS))
def test_the_aimed_lending_test_fails_on_its_bug(lending: tuple[Path, str, str, list[str]], tmp_path: Path,
                                                name: str) -> None:
    aimed_test_fails(lending[0], lending[1], "lending/auth.py" if "token" in name else "lending/__init__.py",
                     LENDING_BUGS[name], name, tmp_path)


CLUB = '''
import hashlib
import secrets
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI()
MEMBERS: dict[str, str] = {}
NOTES: dict[int, dict] = {}


class MemberIn(BaseModel):
    name: str = Field(min_length=1, max_length=40)


class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=200)


def member(x_member: Annotated[str | None, Header()] = None) -> str:
    name = MEMBERS.get(hashlib.sha256((x_member or "").encode()).hexdigest())
    if name is None:
        raise HTTPException(401, "unknown member token")
    return name


@app.post("/members", status_code=201)
def join(body: MemberIn) -> dict:
    token = secrets.token_urlsafe(18)
    MEMBERS[hashlib.sha256(token.encode()).hexdigest()] = body.name
    return {"name": body.name, "token": token}


@app.post("/notes", status_code=201)
def add_note(body: NoteIn, who: Annotated[str, Depends(member)]) -> dict:
    note = {"id": len(NOTES) + 1, "text": body.text, "author": who}
    NOTES[note["id"]] = note
    return note


@app.get("/notes/{note_id}")
def show_note(note_id: int, who: Annotated[str, Depends(member)]) -> dict:
    note = NOTES.get(note_id)
    if note is None or note["author"] != who:
        raise HTTPException(404, "no such note")
    return note
'''

CLUB_BUGS = {
    "test_get_note_by_id_refuses_another_users_record": (
        'if note is None or note["author"] != who:', "if note is None:"),
}


@pytest.fixture(scope="module")
def club(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("club"), {"club/__init__.py": "", "club/main.py": CLUB})
    return repo, *run(repo, "add tests for the club API: joining, writing notes and reading them")


def test_a_token_the_app_answers_beats_a_made_up_name_in_its_header(club: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = club
    assert findings == []
    assert "caller-1" not in text
    assert 'client.post("/members", json={"name": "alice_user"})' in text
    assert 'return {"x-member": resp.json()["token"]}' in text


@pytest.mark.parametrize("name", sorted(CLUB_BUGS))
def test_the_aimed_club_test_fails_on_its_bug(club: tuple[Path, str, str, list[str]], tmp_path: Path,
                                             name: str) -> None:
    aimed_test_fails(club[0], club[1], "club/main.py", CLUB_BUGS[name], name, tmp_path)


KENNEL = '''
import secrets
from functools import wraps

import click
from flask import Flask, abort, g, jsonify, request


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(test_config or {})
    people, dogs = {}, {}

    def add_person(name, role):
        key = secrets.token_urlsafe(18)
        people[key] = {"id": len(people) + 1, "name": name, "role": role}
        return key

    def authenticated(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            person = people.get(request.headers.get("X-Kennel-Key", ""))
            if person is None:
                abort(401)
            g.person = person
            return view(*args, **kwargs)
        return wrapped

    def keepers_only(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if g.person["role"] != "keeper":
                abort(403)
            return view(*args, **kwargs)
        return authenticated(wrapped)

    @app.cli.command("create-keeper")
    @click.argument("name")
    def create_keeper(name):
        """Add a keeper and print their key."""
        click.echo(add_person(name, "keeper"))

    @app.get("/owners")
    @keepers_only
    def list_owners():
        return jsonify([p for p in people.values() if p["role"] == "owner"])

    @app.post("/owners")
    @keepers_only
    def add_owner():
        data = request.get_json(silent=True) or {}
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            abort(400)
        key = add_person(name.strip(), "owner")
        return jsonify(name=name.strip(), role="owner", api_key=key), 201

    @app.post("/dogs")
    @authenticated
    def add_dog():
        data = request.get_json(silent=True) or {}
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            abort(400)
        dog = {"id": len(dogs) + 1, "name": name.strip(), "owner": g.person["id"]}
        dogs[dog["id"]] = dog
        return jsonify(dog), 201

    @app.get("/dogs/<int:dog_id>")
    @authenticated
    def show_dog(dog_id):
        dog = dogs.get(dog_id)
        if dog is None or (dog["owner"] != g.person["id"] and g.person["role"] != "keeper"):
            abort(404)
        return jsonify(dog)

    return app
'''

KENNEL_BUGS = {
    "test_get_dog_by_id_refuses_another_owners_record": (
        'if dog is None or (dog["owner"] != g.person["id"] and g.person["role"] != "keeper"):', "if dog is None:"),
    "test_post_owners_is_forbidden_without_the_keeper_role": ('if g.person["role"] != "keeper":', "if False:"),
}


@pytest.fixture(scope="module")
def kennel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("kennel"), {"kennel/__init__.py": KENNEL})
    return repo, *run(repo, "add tests for the kennel API: keepers, owners and their dogs")


def test_a_command_that_prints_a_key_makes_the_users_who_make_the_others(
        kennel: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = kennel
    assert findings == []
    # keepers are made by the app's own command, which prints the key the tests send
    assert 'invoke(args=["create-keeper", "keeper1_user"])' in text
    assert 'return {"X-Kennel-Key": result.output.split()[-1]}' in text
    # and owners are made by a keeper, who is the fixture their fixture asks for
    assert "def owner_headers(client, keeper_headers):" in text
    assert 'client.post("/owners", json={"name": "alice_user"}, headers=keeper_headers)' in text


@pytest.mark.parametrize("name", sorted(KENNEL_BUGS))
def test_the_aimed_kennel_test_fails_on_its_bug(kennel: tuple[Path, str, str, list[str]], tmp_path: Path,
                                               name: str) -> None:
    aimed_test_fails(kennel[0], kennel[1], "kennel/__init__.py", KENNEL_BUGS[name], name, tmp_path)


DESK_SCOPES = '''
SCOPES = {"tickets:read": "Read tickets", "tickets:write": "Open and close tickets"}
'''

DESK = '''
from typing import Annotated

import jwt
from fastapi import Depends, FastAPI, HTTPException, Security
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm, SecurityScopes
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from .scopes import SCOPES

SECRET = "desk-signing-secret-long-enough-for-hs256"


class Seed(BaseModel):
    username: str
    password: str
    scopes: list[str] = Field(default_factory=lambda: ["tickets:read"])


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DESK_")

    users: list[Seed] = Field(default_factory=list)


oauth2 = OAuth2PasswordBearer(tokenUrl="token", scopes=SCOPES)


class TicketIn(BaseModel):
    subject: str = Field(min_length=3, max_length=60)


def create_app() -> FastAPI:
    settings = Settings()
    users = {seed.username: seed for seed in settings.users}
    tickets: dict[int, dict] = {}
    app = FastAPI()

    def caller(security: SecurityScopes, token: Annotated[str, Depends(oauth2)]) -> Seed:
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        except jwt.PyJWTError:
            raise HTTPException(401, "bad token") from None
        user = users.get(claims.get("sub", ""))
        if user is None:
            raise HTTPException(401, "unknown user")
        for scope in security.scopes:
            if scope not in claims.get("scopes", []):
                raise HTTPException(403, f"the {scope} scope is needed")
        return user

    @app.post("/token")
    def token(form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> dict:
        user = users.get(form.username)
        if user is None or user.password != form.password:
            raise HTTPException(400, "wrong name or password")
        granted = form.scopes or user.scopes
        return {"access_token": jwt.encode({"sub": user.username, "scopes": granted}, SECRET),
                "token_type": "bearer"}

    @app.post("/tickets", status_code=201)
    def open_ticket(body: TicketIn, user: Annotated[Seed, Security(caller, scopes=["tickets:write"])]) -> dict:
        ticket = {"id": len(tickets) + 1, "subject": body.subject, "owner": user.username}
        tickets[ticket["id"]] = ticket
        return ticket

    @app.get("/tickets/{ticket_id}")
    def show_ticket(ticket_id: int, user: Annotated[Seed, Security(caller, scopes=["tickets:read"])]) -> dict:
        ticket = tickets.get(ticket_id)
        if ticket is None or ticket["owner"] != user.username:
            raise HTTPException(404, "no such ticket")
        return ticket

    return app
'''

DESK_BUGS = {
    "test_get_ticket_by_id_refuses_another_users_record": (
        'if ticket is None or ticket["owner"] != user.username:', "if ticket is None:"),
}


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    files = {"desk/__init__.py": "", "desk/main.py": DESK, "desk/scopes.py": DESK_SCOPES}
    repo = make_repo(tmp_path_factory.mktemp("desk"), files)
    return repo, *run(repo, "add tests for the desk API: tokens with scopes, opening tickets and reading them")


def test_users_listed_in_settings_hold_every_scope_the_app_declares(desk: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = desk
    assert findings == []
    assert '\\"scopes\\": [\\"tickets:read\\", \\"tickets:write\\"]' in text  # the DESK_USERS setting's two users
    assert 'client.post("/token", data={"username": "alice_user", "password": "pw-alice-12345"})' in text
    assert "def test_post_tickets_creates_with_a_valid_payload(client, user_headers):" in text


@pytest.mark.parametrize("name", sorted(DESK_BUGS))
def test_the_aimed_desk_test_fails_on_its_bug(desk: tuple[Path, str, str, list[str]], tmp_path: Path,
                                             name: str) -> None:
    aimed_test_fails(desk[0], desk[1], "desk/main.py", DESK_BUGS[name], name, tmp_path)


GREENHOUSE = '''
import secrets
from typing import Annotated

from fastapi import Cookie, Depends, FastAPI, HTTPException, Response
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GREENHOUSE_")

    accounts: dict[str, str] = {}
    max_plants: int = 50


settings = Settings()
app = FastAPI(title="greenhouse")
SESSIONS: dict[str, str] = {}
PLANTS: dict[int, dict] = {}


class SessionIn(BaseModel):
    username: str
    password: str


class PlantIn(BaseModel):
    name: str = Field(min_length=2, max_length=40)
    water_every_days: int = Field(ge=1, le=30)


class PlantPatch(BaseModel):
    revision: int
    name: str | None = Field(default=None, min_length=2, max_length=40)
    water_every_days: int | None = Field(default=None, ge=1, le=30)


def gardener(sid: Annotated[str | None, Cookie()] = None) -> str:
    if sid is None or sid not in SESSIONS:
        raise HTTPException(401, "sign in first")
    return SESSIONS[sid]


@app.post("/auth/session")
def sign_in(body: SessionIn, response: Response) -> dict:
    if settings.accounts.get(body.username) != body.password:
        raise HTTPException(401, "wrong username or password")
    sid = secrets.token_urlsafe(16)
    SESSIONS[sid] = body.username
    response.set_cookie("sid", sid, httponly=True)
    return {"username": body.username}


@app.post("/auth/logout", status_code=204)
def sign_out(sid: Annotated[str | None, Cookie()] = None) -> None:
    SESSIONS.pop(sid or "", None)


@app.post("/plants", status_code=201)
def add_plant(body: PlantIn, who: Annotated[str, Depends(gardener)]) -> dict:
    if sum(1 for p in PLANTS.values() if p["owner"] == who) >= settings.max_plants:
        raise HTTPException(409, "too many plants")
    plant = {"id": len(PLANTS) + 1, "name": body.name, "water_every_days": body.water_every_days, "owner": who,
             "revision": 1}
    PLANTS[plant["id"]] = plant
    return plant


@app.get("/plants/{plant_id}")
def show_plant(plant_id: int, who: Annotated[str, Depends(gardener)]) -> dict:
    plant = PLANTS.get(plant_id)
    if plant is None or plant["owner"] != who:
        raise HTTPException(404, "no such plant")
    return plant


@app.patch("/plants/{plant_id}")
def change_plant(plant_id: int, body: PlantPatch, who: Annotated[str, Depends(gardener)]) -> dict:
    plant = PLANTS.get(plant_id)
    if plant is None or plant["owner"] != who:
        raise HTTPException(404, "no such plant")
    if body.revision != plant["revision"]:
        raise HTTPException(409, "changed since you read it")
    for key, value in body.model_dump(exclude_unset=True, exclude={"revision"}).items():
        plant[key] = value
    plant["revision"] += 1
    return plant
'''

GREENHOUSE_BUGS = {
    "test_get_plant_by_id_refuses_another_users_record": (
        'if plant is None or plant["owner"] != who:', "if plant is None:"),
    "test_patch_plant_by_id_succeeds": (
        'if body.revision != plant["revision"]:', 'if body.revision == plant["revision"]:'),
}


@pytest.fixture(scope="module")
def greenhouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    files = {"greenhouse/__init__.py": "", "greenhouse/main.py": GREENHOUSE}
    repo = make_repo(tmp_path_factory.mktemp("greenhouse"), files)
    return repo, *run(repo, "add tests for the greenhouse API: signing in, adding plants, reading and changing them")


def test_a_cookie_parameter_is_a_session_and_an_open_answer_is_pinned(
        greenhouse: tuple[Path, str, str, list[str]]) -> None:
    """Written in review as a trial on a shape the engine was not built beside: the session cookie is a plain
    `Cookie()` parameter (no security scheme), and a logout reads it when there is one."""
    _, _, text, findings = greenhouse
    assert findings == []
    assert 'session = resp.cookies["sid"]' in text
    assert "def test_post_plants_requires_credentials(client):" in text
    assert 'json={"revision": 1, "name": "name-1-changed"' in text  # the record's own counter sent back
    assert "def test_post_auth_logout_without_credentials_answers_204(client):" in text


@pytest.mark.parametrize("name", sorted(GREENHOUSE_BUGS))
def test_the_aimed_greenhouse_test_fails_on_its_bug(greenhouse: tuple[Path, str, str, list[str]], tmp_path: Path,
                                                   name: str) -> None:
    aimed_test_fails(greenhouse[0], greenhouse[1], "greenhouse/main.py", GREENHOUSE_BUGS[name], name, tmp_path)


RELAY = '''
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RELAY_")

    api_keys: str = ""

    def senders(self) -> dict[str, str]:
        found = {}
        for pair in self.api_keys.split(","):
            if pair.strip():
                key, _, name = pair.strip().partition("=")
                found[key] = name
        return found


settings = Settings()
app = FastAPI(title="relay")
SENT: dict[int, dict] = {}
SEEN: dict[tuple[str, str], int] = {}


class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=140)


def sender(x_api_key: Annotated[str | None, Header()] = None) -> str:
    name = settings.senders().get(x_api_key or "")
    if name is None:
        raise HTTPException(401, "unknown key")
    return name


@app.post("/notes", status_code=201)
def send(body: NoteIn, who: Annotated[str, Depends(sender)],
         idempotency_key: Annotated[str | None, Header()] = None) -> dict:
    if idempotency_key and (who, idempotency_key) in SEEN:
        return SENT[SEEN[(who, idempotency_key)]]
    note = {"id": len(SENT) + 1, "text": body.text, "sender": who}
    SENT[note["id"]] = note
    if idempotency_key:
        SEEN[(who, idempotency_key)] = note["id"]
    return note


@app.get("/notes/{note_id}")
def show(note_id: int, who: Annotated[str, Depends(sender)]) -> dict:
    note = SENT.get(note_id)
    if note is None or note["sender"] != who:
        raise HTTPException(404, "no such note")
    return note
'''

RELAY_BUGS = {
    "test_get_note_by_id_refuses_another_users_record": ('if note is None or note["sender"] != who:',
                                                         "if note is None:"),
}


@pytest.fixture(scope="module")
def relay(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    files = {"relay/__init__.py": "", "relay/main.py": RELAY}
    repo = make_repo(tmp_path_factory.mktemp("relay"), files)
    return repo, *run(repo, "add tests for the relay API: sending notes with an API key and reading them back")


def test_keys_a_settings_method_splits_are_the_callers_and_an_idempotency_key_is_not_one(
        relay: tuple[Path, str, str, list[str]]) -> None:
    """The keys live in one settings string (`key=name,...`) that a method of the settings class splits; the
    route also takes an `Idempotency-Key` header, which names a request, not a caller."""
    _, _, text, findings = relay
    assert findings == []
    assert 'os.environ.setdefault("RELAY_API_KEYS", "test-key-1=user-1,test-key-2=user-2")' in text
    assert '{"x-api-key": "test-key-1"}' in text
    assert '"idempotency-key": "test-key' not in text


@pytest.mark.parametrize("name", sorted(RELAY_BUGS))
def test_the_aimed_relay_test_fails_on_its_bug(relay: tuple[Path, str, str, list[str]], tmp_path: Path,
                                              name: str) -> None:
    aimed_test_fails(relay[0], relay[1], "relay/main.py", RELAY_BUGS[name], name, tmp_path)

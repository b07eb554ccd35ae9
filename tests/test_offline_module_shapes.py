"""The offline engine on shapes of code spread over what a module makes and where its names live:

- a library whose objects spell themselves (`str(release)`), are made by their own parser (`Release.parse`) and are
  ordered: tests pin what `str` gives, compare objects made the same way, and pin the order of the values the
  request names and their neighbours;
- a parser whose documented inputs, and the ones next to them that answer otherwise (a zero), become a table;
- a class whose text walks a set of strings: no kept test may pin that order (it changes with the hash seed);
- a class taking `Union[Book, tuple[str, int]]` and an `Iterable` of them: the package's own class is built;
- a rule parsed from one text of several parts (`"ann 40 mon,tue"`): the parts are found from its refusals and the
  words the module knows, a set it holds is pinned, and a function taking one of the module's own named objects
  (`KILO`) is handed each of them;
- a Flask app made at module level (`app = Flask(__name__)`) with a class beside its routes that the request names:
  the routes get HTTP tests and the class unit tests of its own;
- a Flask app whose views call a plain module of its own (standard library only) that the request does not name:
  that module gets unit tests of its own, its `dict[str, int]` parameters keyed by the names a list hands it;
- a Flask-Login JSON API whose views read the body through `payload()`, take a list of choices and an id, and
  allow one vote per user whichever choice it is for;
- an HTML form app whose views read the form through `read_note()`, whose records are known by the slug the
  create redirects to (`/notes/title-1`), and whose login page sends a logged-in user away (the other user logs
  in after the first logs out);
- a Flask JSON API split in modules: the body is read through the app's own helper (`data = json_body()`), the
  guard that reads `Authorization: Token <t>` lives in the auth module, and each field goes through a validator
  that checks its type (a list, a flag).

Each is written here, the engine writes tests for it, the tests pass on the code as written, and a seeded bug
makes a kept test fail.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from agent.sandbox import ProcessSandbox
from agent.session import RunConfig, run_session
from test_offline_engine import pytest_in, seeded, write_tests
from test_offline_explore import library
from test_offline_http_shapes import aimed_test_fails, run

from conftest import make_repo

CALVER = r'''
import re
from functools import total_ordering

_RELEASE = re.compile(r"^(?P<year>\d{4})\.(?P<month>0[1-9]|1[0-2])\.(?P<micro>0|[1-9]\d*)(?:-(?P<tag>[a-z]+\d*))?$")


class BadRelease(ValueError):
    """Text that is not a calendar release."""


@total_ordering
class Release:
    """A calendar release YEAR.MONTH.MICRO with an optional tag (2024.03.2-beta1); a tagged release comes before
    the plain one."""

    def __init__(self, year, month, micro=0, tag=""):
        self.year, self.month, self.micro, self.tag = year, month, micro, tag

    @classmethod
    def parse(cls, text):
        match = _RELEASE.match(text.strip()) if isinstance(text, str) else None
        if match is None:
            raise BadRelease(f"not a release: {text!r}")
        return cls(int(match["year"]), int(match["month"]), int(match["micro"]), match["tag"] or "")

    def _key(self):
        return (self.year, self.month, self.micro, self.tag == "", self.tag)

    def __eq__(self, other):
        return isinstance(other, Release) and self._key() == other._key()

    def __lt__(self, other):
        return self._key() < other._key()

    def __hash__(self):
        return hash(self._key())

    def next_micro(self):
        return Release(self.year, self.month, self.micro + 1)

    def __str__(self):
        text = f"{self.year}.{self.month:02d}.{self.micro}"
        return f"{text}-{self.tag}" if self.tag else text
'''

SIZES = r'''
import re

_UNITS = {"b": 1, "kb": 1024, "mb": 1024 ** 2}


def parse_size(text):
    """Bytes in a size such as 10kb, 2mb or 512b; the number must be positive."""
    match = re.fullmatch(r"(\d+)(b|kb|mb)", text.strip().lower()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"not a size: {text!r}")
    number = int(match.group(1))
    if number <= 0:
        raise ValueError("a size must be positive")
    return number * _UNITS[match.group(2)]
'''

SHELF = '''\
from __future__ import annotations

from typing import Iterable, Tuple, Union


class Book:
    def __init__(self, title: str, pages: int) -> None:
        if pages < 1:
            raise ValueError("a book has pages")
        self.title = title
        self.pages = pages


BookLike = Union[Book, Tuple[str, int]]


class Shelf:
    """Books kept by title; a shelf holds at most 300 pages."""

    LIMIT = 300

    def __init__(self, books: Iterable[BookLike] = ()) -> None:
        self._books: dict[str, int] = {}
        for book in books:
            self.add(book)

    def add(self, book: BookLike) -> int:
        if not isinstance(book, Book):
            book = Book(*book)
        if self.pages + book.pages > self.LIMIT:
            raise ValueError("the shelf is full")
        self._books[book.title] = book.pages
        return len(self._books)

    @property
    def pages(self) -> int:
        return sum(self._books.values())
'''

CLIPS_INIT = '''\
from flask import Flask


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY="dev")
    if test_config:
        app.config.from_mapping(test_config)
    app.extensions["store"] = {"users": {}, "tokens": {}, "clips": {}}

    from . import auth, views

    app.register_blueprint(auth.bp)
    app.register_blueprint(views.bp)
    return app
'''

CLIPS_AUTH = '''\
import functools
import hashlib
import secrets

from flask import Blueprint, abort, current_app, g, jsonify, request
from werkzeug.security import check_password_hash, generate_password_hash

bp = Blueprint("auth", __name__, url_prefix="/api")


def store():
    return current_app.extensions["store"]


def json_body():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "expected a JSON object")
    return data


@bp.post("/users")
def sign_up():
    data = json_body()
    name, password = data.get("username"), data.get("password")
    if not isinstance(name, str) or not name or not isinstance(password, str) or len(password) < 8:
        abort(400, "a username and a password of 8+ characters")
    if name in store()["users"]:
        abort(409, "taken")
    store()["users"][name] = generate_password_hash(password)
    return jsonify(username=name), 201


@bp.post("/tokens")
def issue_token():
    data = json_body()
    stored = store()["users"].get(data.get("username"))
    if stored is None or not check_password_hash(stored, str(data.get("password"))):
        abort(401, "bad credentials")
    token = secrets.token_hex(16)
    store()["tokens"][hashlib.sha256(token.encode()).hexdigest()] = data["username"]
    return jsonify(token=token), 201


def token_required(view):
    @functools.wraps(view)
    def wrapped(**kwargs):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        user = store()["tokens"].get(hashlib.sha256(token.encode()).hexdigest()) if scheme == "Token" else None
        if user is None:
            return jsonify(error="token required"), 401
        g.user = user
        return view(**kwargs)
    return wrapped
'''

CLIPS_VIEWS = '''\
from flask import Blueprint, abort, g, jsonify

from .auth import json_body, store, token_required

bp = Blueprint("clips", __name__, url_prefix="/api/clips")


def check_url(value):
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        abort(400, "an http or https url")
    return value


def check_labels(value):
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        abort(400, "labels are a list of texts")
    return sorted({item.lower() for item in value})


def check_flag(value):
    if not isinstance(value, bool):
        abort(400, "public is true or false")
    return value


@bp.post("")
@token_required
def add_clip():
    data = json_body()
    clip = {"url": check_url(data.get("url")), "labels": check_labels(data.get("labels", [])),
            "public": check_flag(data.get("public", False)), "owner": g.user}
    clip["id"] = len(store()["clips"]) + 1
    store()["clips"][clip["id"]] = clip
    return jsonify(clip), 201


@bp.get("/<int:clip_id>")
@token_required
def show_clip(clip_id):
    clip = store()["clips"].get(clip_id)
    if clip is None or (not clip["public"] and clip["owner"] != g.user):
        abort(404)
    return jsonify(clip)


@bp.delete("/<int:clip_id>")
@token_required
def drop_clip(clip_id):
    clip = store()["clips"].get(clip_id)
    if clip is None:
        abort(404)
    if clip["owner"] != g.user:
        abort(403)
    del store()["clips"][clip_id]
    return "", 204
'''


@pytest.fixture(scope="module")
def calver(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASSAY_EXPLORE_BUDGET_S", "8")
        repo = library(tmp_path_factory.mktemp("calver"), "calver", CALVER)
        [(path, text)] = write_tests(repo, "add tests for lib/calver.py: parsing releases like 2024.03.2-beta1 "
                                           "into Release objects, their order, next_micro and str").items()
    return repo, path, text


def test_objects_made_by_their_parser_are_pinned_by_their_text_and_order(calver: tuple[Path, str, str]) -> None:
    repo, path, text = calver
    assert 'Release.parse(text="2024.03.2-beta1")' in text  # the request's example, handed to the parser
    assert "assert [str(item) for item in sorted([obj, Release.parse(text=" in text
    assert "assert str(obj.next_micro()) == " in text
    assert "obj < Release.parse(text=" in text or "obj == Release.parse(text=" in text
    assert pytest_in(repo, path).returncode == 0, text


@pytest.mark.parametrize(("before", "after"), [
    ('self.tag == ""', 'self.tag != ""'),  # a tagged release sorted after the plain one
    ("self.micro + 1)", "self.micro + 2)"),  # a returned object that is wrong only in its text
])
def test_the_calver_tests_catch_a_seeded_bug(calver: tuple[Path, str, str], tmp_path: Path, before: str,
                                            after: str) -> None:
    repo = tmp_path / "calver"
    shutil.copytree(calver[0], repo)
    seeded(repo, "lib/calver.py", before, after)
    assert pytest_in(repo, calver[1]).returncode == 1, calver[2]


def test_documented_inputs_and_their_neighbours_become_a_table(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """`parse_size`'s docstring names `10kb`: the tests call it with that and with `0kb`, a neighbour that answers
    otherwise (refused), and leave out `010kb`, which answers as `10kb` does."""
    monkeypatch.setenv("ASSAY_EXPLORE_BUDGET_S", "8")
    repo = library(tmp_path, "sizes", SIZES)
    [(path, text)] = write_tests(repo, "add tests for parse_size in lib/sizes.py").items()
    for call in ('parse_size("10kb")', 'parse_size("0kb")'):
        assert call in text
    assert 'parse_size("010kb")' not in text
    assert pytest_in(repo, path).returncode == 0, text
    seeded(repo, "lib/sizes.py", "if number <= 0:", "if number < 0:")
    assert pytest_in(repo, path).returncode == 1, text


def test_a_union_or_iterable_of_the_packages_class_is_built(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSAY_EXPLORE_BUDGET_S", "8")
    repo = library(tmp_path, "shelf", SHELF)
    [(path, text)] = write_tests(repo, "add tests for the Shelf class in lib/shelf.py").items()
    assert "obj.add(book=Book(title=" in text
    assert pytest_in(repo, path).returncode == 0, text
    seeded(repo, "lib/shelf.py", "if self.pages + book.pages > self.LIMIT:", "if self.pages + book.pages > 3000:")
    assert pytest_in(repo, path).returncode == 1, text


CLIPS_BUGS = {
    "test_delete_api_clip_by_id_refuses_another_users_record": ('if clip["owner"] != g.user:', "if False:"),
    "test_post_api_clips_answers_400_for_url_ftp_example_com_file": (
        'value.startswith(("http://", "https://"))', 'value.startswith(("http://", "https://", "ftp://"))'),
    "test_post_api_clips_creates_with_a_valid_payload": ("return sorted({item.lower() for item in value})",
                                                          "return []"),
}


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    files = {"clips/__init__.py": CLIPS_INIT, "clips/auth.py": CLIPS_AUTH, "clips/views.py": CLIPS_VIEWS}
    repo = make_repo(tmp_path_factory.mktemp("clips"), files)
    return repo, *run(repo, "add tests for the clips API: sign-up, tokens, adding, showing and deleting clips")


def test_a_guard_and_a_body_helper_in_another_module_are_followed(clips: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = clips
    assert findings == []
    assert 'return {"Authorization": "Token " + resp.get_json()["token"]}' in text
    assert "def test_post_api_clips_creates_with_a_valid_payload(client, user_headers):" in text
    assert '"labels": ["labels-1-a", "labels-1-b"]' in text  # a list, as the validator checks
    assert "def test_delete_api_clip_by_id_succeeds(client, user_headers):" in text


@pytest.mark.parametrize("name", sorted(CLIPS_BUGS))
def test_the_aimed_clips_test_fails_on_its_bug(clips: tuple[Path, str, str, list[str]], tmp_path: Path,
                                              name: str) -> None:
    aimed_test_fails(clips[0], clips[1], "clips/views.py", CLIPS_BUGS[name], name, tmp_path)


BALLOTS = '''
from flask import Flask, jsonify, request
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user
from werkzeug.security import check_password_hash, generate_password_hash


class User(UserMixin):
    def __init__(self, uid, email, password_hash):
        self.id, self.email, self.password_hash = uid, email, password_hash


def payload():
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else {}


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update({"SECRET_KEY": "dev", **(test_config or {})})
    users, ballots, votes = {}, {}, {}
    manager = LoginManager(app)

    @manager.user_loader
    def load(uid):
        return next((u for u in users.values() if str(u.id) == uid), None)

    @manager.unauthorized_handler
    def unauthorized():
        return jsonify(error="login required"), 401

    @app.post("/api/register")
    def register():
        data = payload()
        email, password = str(data.get("email", "")).lower(), str(data.get("password", ""))
        if "@" not in email or len(password) < 8:
            return jsonify(error="an email and a password of 8+ characters"), 400
        if email in users:
            return jsonify(error="taken"), 409
        users[email] = User(len(users) + 1, email, generate_password_hash(password))
        return jsonify(id=users[email].id, email=email), 201

    @app.post("/api/login")
    def login():
        data = payload()
        user = users.get(str(data.get("email", "")).lower())
        if user is None or not check_password_hash(user.password_hash, str(data.get("password", ""))):
            return jsonify(error="bad credentials"), 401
        login_user(user, remember=bool(data.get("remember", False)))
        return jsonify(id=user.id, email=user.email)

    @app.post("/api/logout")
    @login_required
    def logout():
        logout_user()
        return "", 204

    @app.post("/api/ballots")
    @login_required
    def add_ballot():
        data = payload()
        question = str(data.get("question", "")).strip()
        choices = data.get("choices")
        if not question or not isinstance(choices, list) or not 2 <= len(choices) <= 5:
            return jsonify(error="a question and 2-5 choices"), 400
        ballot = {"id": len(ballots) + 1, "question": question, "owner": current_user.id,
                  "choices": [{"id": i + 1, "text": str(text), "votes": 0} for i, text in enumerate(choices)]}
        ballots[ballot["id"]] = ballot
        return jsonify(ballot), 201

    @app.get("/api/ballots/<int:ballot_id>")
    def show_ballot(ballot_id):
        ballot = ballots.get(ballot_id)
        if ballot is None:
            return jsonify(error="no such ballot"), 404
        return jsonify(ballot)

    @app.post("/api/ballots/<int:ballot_id>/votes")
    @login_required
    def vote(ballot_id):
        ballot = ballots.get(ballot_id)
        if ballot is None:
            return jsonify(error="no such ballot"), 404
        choice = next((c for c in ballot["choices"] if c["id"] == payload().get("choice_id")), None)
        if choice is None:
            return jsonify(error="no such choice"), 400
        if (ballot_id, current_user.id) in votes:
            return jsonify(error="already voted"), 409
        votes[(ballot_id, current_user.id)] = choice["id"]
        choice["votes"] += 1
        return jsonify(ballot), 201
    return app
'''

BALLOTS_BUGS = {
    "test_post_api_ballots_votes_again_with_another_choice_answers_409": (
        "if (ballot_id, current_user.id) in votes:", 'if votes.get((ballot_id, current_user.id)) == choice["id"]:'),
    "test_post_api_ballots_votes_on_an_existing_record": ("return jsonify(ballot), 201\n    return app",
                                                         "return jsonify(ballot), 200\n    return app"),
}


@pytest.fixture(scope="module")
def ballots(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("ballots"), {"ballots/__init__.py": BALLOTS})
    return repo, *run(repo, "add tests for the ballots API: register, log in and out, ballots with 2-5 choices, "
                            "and one vote per user")


def test_a_json_session_api_gets_typed_bodies_and_a_second_choice(ballots: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = ballots
    assert findings == []
    assert 'client.post("/api/ballots", json={"choices": ["choices-1-a", "choices-1-b"], "question": "question-1"})' \
        in text
    assert 'json={"choice_id": 1})' in text  # the other choice, as a number
    assert "def test_get_api_ballot_by_id_on_an_existing_record(client):" in text


@pytest.mark.parametrize("name", sorted(BALLOTS_BUGS))
def test_the_aimed_ballots_test_fails_on_its_bug(ballots: tuple[Path, str, str, list[str]], tmp_path: Path,
                                                name: str) -> None:
    aimed_test_fails(ballots[0], ballots[1], "ballots/__init__.py", BALLOTS_BUGS[name], name, tmp_path)


JOT = r'''
import functools
import re

from flask import Flask, abort, current_app, flash, g, redirect, render_template_string, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

PAGE = "{% for m in get_flashed_messages() %}<p>{{ m }}</p>{% endfor %}{{ body }}"


def store():
    return current_app.extensions["jot"]


def read_note():
    """(title, text, error) from the submitted note form."""
    title = request.form.get("title", "").strip()
    text = request.form.get("text", "")
    error = None
    if not title:
        error = "Title is required."
    elif len(title) > 40:
        error = "Title is too long."
    return title, text, error


def login_required(view):
    @functools.wraps(view)
    def wrapped(**kwargs):
        if g.user is None:
            return redirect(url_for("login"))
        return view(**kwargs)
    return wrapped


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update({"SECRET_KEY": "dev", **(test_config or {})})
    app.extensions["jot"] = {"users": {}, "notes": {}}

    @app.before_request
    def load_user():
        g.user = session.get("user")

    @app.route("/register", methods=("GET", "POST"))
    def register():
        if request.method == "POST":
            name, password = request.form["username"].strip(), request.form["password"]
            if not name or len(password) < 8:
                return render_template_string(PAGE, body="A name and a password of 8+ characters."), 400
            if name in store()["users"]:
                return render_template_string(PAGE, body="Taken."), 409
            store()["users"][name] = generate_password_hash(password)
            return redirect(url_for("login"))
        return render_template_string(PAGE, body="register")

    @app.route("/login", methods=("GET", "POST"))
    def login():
        if g.user is not None:
            return redirect(url_for("index"))
        if request.method == "POST":
            name = request.form["username"].strip()
            stored = store()["users"].get(name)
            if stored is None or not check_password_hash(stored, request.form["password"]):
                return render_template_string(PAGE, body="Wrong name or password."), 401
            session["user"] = name
            return redirect(url_for("index"))
        return render_template_string(PAGE, body="login")

    @app.post("/logout")
    def logout():
        session.clear()
        return redirect(url_for("index"))

    @app.get("/")
    def index():
        return render_template_string(PAGE, body=" ".join(n["title"] for n in store()["notes"].values()))

    @app.route("/new", methods=("GET", "POST"))
    @login_required
    def new():
        if request.method == "GET":
            return render_template_string(PAGE, body="new")
        title, text, error = read_note()
        if error:
            return render_template_string(PAGE, body=error), 400
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
        store()["notes"][slug] = {"title": title, "text": text, "author": g.user}
        flash(f"Saved {title}.")
        return redirect(url_for("show", slug=slug))

    @app.get("/notes/<slug>")
    def show(slug):
        note = store()["notes"].get(slug) or abort(404)
        return render_template_string(PAGE, body=f"{note['title']}: {note['text']}")

    @app.post("/notes/<slug>/delete")
    @login_required
    def delete(slug):
        note = store()["notes"].get(slug) or abort(404)
        if note["author"] != g.user:
            abort(403)
        del store()["notes"][slug]
        return redirect(url_for("index"))

    return app
'''

JOT_BUGS = {
    "test_post_notes_delete_refuses_another_users_record": ('if note["author"] != g.user:', "if False:"),
    "test_post_new_with_a_valid_form": ('"text": text, "author"', '"text": title, "author"'),
}


@pytest.fixture(scope="module")
def jot(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("jot"), {"jot/__init__.py": JOT})
    return repo, *run(repo, "add tests for the jot app: register, log in and out, writing notes, reading them by "
                            "slug and deleting your own")


def test_a_form_read_by_a_helper_and_records_known_by_slug_get_tests(jot: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = jot
    assert findings == []
    assert 'resp = client.post("/new", data={"text": "text-1", "title": "title-1"})' in text
    assert 'resp = client.get("/notes/title-1")  # where the create sent the browser' in text
    assert 'client.post("/logout")\n    log_in(client, OTHER_USER)' in text


@pytest.mark.parametrize("name", sorted(JOT_BUGS))
def test_the_aimed_jot_test_fails_on_its_bug(jot: tuple[Path, str, str, list[str]], tmp_path: Path,
                                            name: str) -> None:
    aimed_test_fails(jot[0], jot[1], "jot/__init__.py", JOT_BUGS[name], name, tmp_path)


TAGS = '''
from __future__ import annotations


class Tags:
    """Labels kept lower-cased, each once."""

    def __init__(self, words: str = "red green blue amber") -> None:
        self._tags: set[str] = set(words.lower().split())

    def add(self, tag: str) -> int:
        self._tags.add(tag.strip().lower())
        return len(self._tags)

    def merged(self, other: Tags) -> Tags:
        out = Tags()
        out._tags = self._tags | other._tags
        return out

    def __str__(self) -> str:
        return ", ".join(self._tags)
'''


def test_no_kept_test_pins_the_order_of_a_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`str(tags)` joins a set: its order changes with the hash seed, so the tests the runtime keeps (the sandbox
    runs discovery under one seed) must pass under others too."""
    from agent.sandbox import ProcessSandbox
    from agent.session import RunConfig, run_session

    monkeypatch.setenv("ASSAY_EXPLORE_BUDGET_S", "8")
    repo = make_repo(tmp_path / "tags", {"lib/__init__.py": "", "lib/tags.py": TAGS})
    config = RunConfig(repo=repo, request="add tests for the Tags class in lib/tags.py", model="offline",
                       verify_options={"mutants": False, "flake_reruns": 0, "coverage": False})
    outcome = run_session(config, sandbox=ProcessSandbox(), progress=lambda _: None).outcome
    written = [f.path for f in outcome.implementation.files if f.path.endswith(".py")]
    for seed in ("2", "3", "4"):
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        for path in written:
            done = pytest_in(repo, path)
            assert done.returncode == 0, (seed, done.stdout[-1500:])


QUOTA = '''
from dataclasses import dataclass

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Unit:
    name: str
    factor: int


BYTES = Unit("b", 1)
KILO = Unit("kb", 1024)
MEGA = Unit("mb", 1024 * 1024)


def amount(unit: Unit, text: str) -> int:
    """A whole number of `unit`s in bytes."""
    if not text.isdigit():
        raise ValueError(f"not a whole number: {text!r}")
    return int(text) * unit.factor


class Rule:
    """A quota rule: who, how many files a day at most, and on which days it applies."""

    def __init__(self, rule: str) -> None:
        parts = rule.split()
        if len(parts) != 3:
            raise ValueError(f"a rule has 3 parts, got {len(parts)}")
        user, limit, days = parts
        if not limit.isdigit():
            raise ValueError(f"the limit must be a number: {limit!r}")
        for day in days.split(","):
            if day not in DAYS:
                raise ValueError(f"unknown day {day!r}")
        self.user = user
        self.limit = int(limit)
        self.days = frozenset(DAYS.index(day) for day in days.split(","))

    def allows(self, used: int) -> bool:
        return used <= self.limit
'''


@pytest.fixture(scope="module")
def quota(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASSAY_EXPLORE_BUDGET_S", "8")
        repo = library(tmp_path_factory.mktemp("quota"), "quota", QUOTA)
        written = write_tests(repo, "add tests for lib/quota.py: the Rule class and amount")
    return repo, written


def test_a_text_of_parts_is_composed_and_named_objects_are_handed_over(quota: tuple[Path, dict[str, str]]) -> None:
    repo, written = quota
    text = "\n".join(written.values())
    assert re.search(r'Rule\(rule="\S+ \d+ [a-z,]+"\)', text), text  # three parts the constructor takes
    assert re.search(r"assert obj\.days == \{\d+(, \d+)*\}", text), text  # the set it holds, pinned
    assert re.search(r"amount\((KILO|MEGA|BYTES), ", text), text
    for path in written:
        assert pytest_in(repo, path).returncode == 0, text


@pytest.mark.parametrize(("before", "after"), [
    ("DAYS.index(day) for", "DAYS.index(day) + 1 for"),  # every day one late
    ('Unit("kb", 1024)', 'Unit("kb", 1000)'),  # a named object set up wrong
])
def test_the_quota_tests_catch_a_seeded_bug(quota: tuple[Path, dict[str, str]], tmp_path: Path, before: str,
                                           after: str) -> None:
    repo = tmp_path / "quota"
    shutil.copytree(quota[0], repo)
    seeded(repo, "lib/quota.py", before, after)
    assert any(pytest_in(repo, path).returncode == 1 for path in quota[1]), quota[1]


TILL = '''
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
ORDERS: dict[int, dict] = {}


class Discount:
    """A percentage off an amount in cents, rounded half up; at most `cap` cents off."""

    def __init__(self, percent: int, cap: int = 5000) -> None:
        if not 0 <= percent <= 100:
            raise ValueError("percent must be between 0 and 100")
        self.percent = percent
        self.cap = cap

    def off(self, cents: int) -> int:
        return min((cents * self.percent + 50) // 100, self.cap)

    def apply(self, cents: int) -> int:
        return cents - self.off(cents)


@app.post("/orders")
def add_order():
    data = request.get_json(silent=True) or {}
    cents = data.get("cents")
    if not isinstance(cents, int) or cents <= 0:
        abort(400)
    order_id = len(ORDERS) + 1
    ORDERS[order_id] = {"id": order_id, "cents": cents, "due": Discount(10).apply(cents)}
    return jsonify(ORDERS[order_id]), 201
'''


@pytest.fixture(scope="module")
def till(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASSAY_EXPLORE_BUDGET_S", "8")
        repo = make_repo(tmp_path_factory.mktemp("till"), {"till.py": TILL})
        written = write_tests(repo, "add tests for the till API and the Discount class")
    return repo, written


def test_a_module_level_flask_app_and_the_class_beside_its_routes_get_tests(till: tuple[Path, dict[str, str]]) -> None:
    repo, written = till
    assert sorted(written) == ["tests/test_orders_api.py", "tests/test_till.py"]
    assert "flask_app = app" in written["tests/test_orders_api.py"]  # the module's own app, renamed in the fixture
    assert 'client.post("/orders", json={"cents": 2}' in written["tests/test_orders_api.py"]
    assert "obj = Discount(percent=" in written["tests/test_till.py"]
    for path in written:
        assert pytest_in(repo, path).returncode == 0, written[path]


def test_the_till_tests_catch_a_seeded_bug_in_the_class(till: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    repo = tmp_path / "till"
    shutil.copytree(till[0], repo)
    seeded(repo, "till.py", "return min((cents * self.percent + 50) // 100, self.cap)",
           "return (cents * self.percent + 50) // 100")  # the cap forgotten
    assert pytest_in(repo, "tests/test_till.py").returncode == 1, till[1]["tests/test_till.py"]


TABS_APP = """
from flask import Flask, abort, jsonify, request

from tabs.money import shares

app = Flask(__name__)


@app.post("/tabs")
def open_tab():
    data = request.get_json(silent=True) or {}
    people = data.get("people")
    total = data.get("total")
    if not isinstance(people, list) or not people or not isinstance(total, int):
        abort(400)
    return jsonify({"shares": shares(total, people)}), 201
"""

TABS_MONEY = '''
def shares(total: int, people: list[str]) -> dict[str, int]:
    """`total` cents shared by `people`: the cents left over go one each to the first people."""
    base, left = divmod(total, len(people))
    return {name: base + (1 if index < left else 0) for index, name in enumerate(people)}


def owing(people: list[str], paid: dict[str, int], spent: dict[str, int]) -> dict[str, int]:
    """What each person is owed: what they paid less what they spent."""
    return {name: paid.get(name, 0) - spent.get(name, 0) for name in people}
'''


@pytest.fixture(scope="module")
def tabs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASSAY_EXPLORE_BUDGET_S", "8")
        repo = make_repo(tmp_path_factory.mktemp("tabs"), {"tabs/__init__.py": "", "tabs/app.py": TABS_APP,
                                                           "tabs/money.py": TABS_MONEY})
        written = write_tests(repo, "add tests for the tabs API: opening a tab")
    return repo, written


def test_a_plain_module_the_views_call_gets_unit_tests(tabs: tuple[Path, dict[str, str]]) -> None:
    repo, written = tabs
    assert "tests/test_money.py" in written, sorted(written)
    config = RunConfig(repo=repo, request="add tests for the tabs API: opening a tab", model="offline",
                       verify_options={"mutants": False, "flake_reruns": 0, "coverage": False})
    outcome = run_session(config, sandbox=ProcessSandbox(), progress=lambda _: None).outcome
    files = [f.path for f in outcome.implementation.files]
    assert sorted(files) == ["tests/test_money.py", "tests/test_tabs_api.py"], files  # each file once
    layers = {t.name: t.layer for t in outcome.plan.tests}
    assert {layers[n] for n in layers if n.startswith(("test_shares_", "test_owing_"))} == {"unit"}
    assert layers["test_post_tabs_creates_with_a_valid_payload"] == "integration"
    text = written["tests/test_money.py"]
    assert "from tabs.money import owing, shares" in text
    assert re.search(r'owing\(\["[^"]+"\], \{"[^"]+": -?\d+', text), text  # the paid map keyed by a person
    for path in written:
        assert pytest_in(repo, path).returncode == 0, written[path]


@pytest.mark.parametrize(("before", "after"), [
    ("1 if index < left else 0", "1 if index <= left else 0"),  # one cent too many
    ("paid.get(name, 0) - spent.get(name, 0)", "spent.get(name, 0) - paid.get(name, 0)"),  # the sign turned
])
def test_the_tabs_tests_catch_a_seeded_bug_in_the_helper(tabs: tuple[Path, dict[str, str]], tmp_path: Path,
                                                         before: str, after: str) -> None:
    repo = tmp_path / "tabs"
    shutil.copytree(tabs[0], repo)
    seeded(repo, "tabs/money.py", before, after)
    assert pytest_in(repo, "tests/test_money.py").returncode == 1, tabs[1]["tests/test_money.py"]

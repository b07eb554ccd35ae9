"""The offline engine on apps whose rules depend on the time, read through a clock the app lets tests replace,
written here.

A FastAPI app of court bookings reads the time through a `current_time` dependency: a booking must start in the
future and can be cancelled until two hours before it starts. A Flask factory lends tools and reads the time
through a callable setting (`TIME_SOURCE`): a tool brought back after its due day is marked late. The tests set
the clock on each side of the moment an answer changes, measured from the record's own date, and pass on the app
as written; moving a boundary by one second (or one day) fails them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from test_offline_adders import run_on_a_bug
from test_offline_engine import pytest_in
from test_offline_http_shapes import run

from conftest import make_repo

COURTS_APP = '''
from datetime import datetime, timedelta, timezone
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel, Field

NOTICE = timedelta(hours=2)

app = FastAPI()
BOOKINGS: dict[int, dict] = {}


def current_time() -> datetime:
    return datetime.now(timezone.utc)


Now = Annotated[datetime, Depends(current_time)]


class BookingIn(BaseModel):
    court: int = Field(ge=1, le=6)
    starts_at: datetime


def as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


@app.post("/bookings", status_code=201)
def book(body: BookingIn, now: Now) -> dict:
    if as_utc(body.starts_at) <= now:
        raise HTTPException(422, "a booking must start in the future")
    booking_id = len(BOOKINGS) + 1
    BOOKINGS[booking_id] = {"id": booking_id, "court": body.court, "starts_at": as_utc(body.starts_at)}
    return {"id": booking_id, "court": body.court, "starts_at": body.starts_at.isoformat()}


@app.get("/bookings/{booking_id}")
def read(booking_id: int) -> dict:
    if booking_id not in BOOKINGS:
        raise HTTPException(404, "no such booking")
    booking = BOOKINGS[booking_id]
    return {"id": booking_id, "court": booking["court"], "starts_at": booking["starts_at"].isoformat()}


@app.delete("/bookings/{booking_id}", status_code=204)
def cancel(booking_id: int, now: Now) -> None:
    booking = BOOKINGS.get(booking_id)
    if booking is None:
        raise HTTPException(404, "no such booking")
    if booking["starts_at"] - now < NOTICE:
        raise HTTPException(409, "too late to cancel")
    del BOOKINGS[booking_id]
'''


@pytest.fixture(scope="module")
def courts(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("courts"), {"courts/__init__.py": "", "courts/main.py": COURTS_APP})
    return repo, *run(repo, "add tests for the court bookings API: booking a court and cancelling")


def test_a_clock_dependency_is_replaced_and_each_side_of_a_rule_is_tested(
        courts: tuple[Path, str, str, list[str]]) -> None:
    """The `current_time` dependency is swapped through `dependency_overrides`; a booking one second before its
    start is taken and one at its start refused; a cancellation exactly two hours before the start goes through
    and one a second later is refused."""
    repo, path, text, findings = courts
    assert findings == []
    assert "overrides[courts.main.current_time] = lambda: moment" in text
    assert "def test_post_bookings_1_second_before_starts_at_answers_201(client, clock):" in text
    assert "def test_post_bookings_at_starts_at_answers_422(client, clock):" in text
    assert "timedelta(hours=2)" in text and "timedelta(hours=1, minutes=59, seconds=59)" in text
    assert "def test_delete_booking_by_id_2_hours_before_starts_at_answers_204(client, clock):" in text
    assert "def test_delete_booking_by_id_1_hour_59_minutes_59_seconds_before_starts_at_answers_409(" in text
    done = pytest_in(repo, path)
    assert done.returncode == 0, done.stdout[-2000:]


@pytest.mark.parametrize(("before", "after"), [
    ("if as_utc(body.starts_at) <= now:", "if as_utc(body.starts_at) < now:"),
    ('if booking["starts_at"] - now < NOTICE:', 'if booking["starts_at"] - now <= NOTICE:'),
    ("NOTICE = timedelta(hours=2)", "NOTICE = timedelta(hours=1)"),
])
def test_the_court_tests_catch_a_moved_boundary(courts: tuple[Path, str, str, list[str]], tmp_path: Path,
                                               before: str, after: str) -> None:
    assert run_on_a_bug(courts, "courts/main.py", before, after, tmp_path).returncode == 1, courts[2]


TOOLS_APP = '''
from datetime import date, datetime

from flask import Flask, abort, current_app, jsonify, request


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(TIME_SOURCE=datetime.utcnow)
    if test_config:
        app.config.update(test_config)
    loans = {}

    def today():
        return current_app.config["TIME_SOURCE"]().date()

    @app.post("/loans")
    def lend():
        data = request.get_json(silent=True) or {}
        tool = data.get("tool")
        if not isinstance(tool, str) or not tool.strip():
            abort(400)
        try:
            due = date.fromisoformat(data.get("due", ""))
        except (TypeError, ValueError):
            abort(400)
        loan_id = len(loans) + 1
        loans[loan_id] = {"id": loan_id, "tool": tool, "due": due, "returned": False}
        return jsonify(id=loan_id, tool=tool, due=due.isoformat(), returned=False), 201

    @app.post("/loans/<int:loan_id>/return")
    def bring_back(loan_id):
        loan = loans.get(loan_id)
        if loan is None:
            abort(404)
        if loan["returned"]:
            abort(409)
        loan["returned"] = True
        return jsonify(id=loan_id, returned=True, late=today() > loan["due"])

    return app
'''


@pytest.fixture(scope="module")
def tools(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("tools"), {"tools/__init__.py": TOOLS_APP})
    return repo, *run(repo, "add tests for the tool loans API: lending a tool and bringing it back")


def test_a_clock_setting_is_replaced_and_a_date_rule_is_tested_to_the_day(
        tools: tuple[Path, str, str, list[str]]) -> None:
    """The callable `TIME_SOURCE` setting is swapped in the app's config (answering a naive datetime, as the
    app's own does); bringing a tool back on its due day is not late, a day after it is."""
    repo, path, text, findings = tools
    assert findings == []
    assert 'config["TIME_SOURCE"] = lambda: moment.replace(tzinfo=None)' in text
    assert "def test_post_loans_return_at_due_answers_200(client, clock):" in text
    assert "def test_post_loans_return_1_day_after_due_answers_200(client, clock):" in text
    assert 'assert body["late"] is True' in text
    done = pytest_in(repo, path)
    assert done.returncode == 0, done.stdout[-2000:]


def test_the_tool_tests_catch_a_due_day_counted_late(tools: tuple[Path, str, str, list[str]],
                                                     tmp_path: Path) -> None:
    done = run_on_a_bug(tools, "tools/__init__.py", 'late=today() > loan["due"]', 'late=today() >= loan["due"]',
                        tmp_path)
    assert done.returncode == 1, tools[2]


NOTES_APP = '''
import hashlib
import hmac
from datetime import datetime, timedelta, timezone
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

SECRET = b"notes-signing-key"
KEEP_DELETED = timedelta(days=3)

app = FastAPI()
USERS: dict[str, str] = {}
NOTES: dict[int, dict] = {}


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


Now = Annotated[datetime, Depends(utc_now)]


class Credentials(BaseModel):
    username: str = Field(min_length=3, max_length=30)
    password: str = Field(min_length=8)


class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=500)


def sign(payload: str) -> str:
    return hmac.new(SECRET, payload.encode(), hashlib.sha256).hexdigest()


def current_user(now: Now, authorization: str = Header(default="")) -> str:
    username, _, rest = authorization.removeprefix("Bearer ").partition(":")
    expires, _, mac = rest.partition(":")
    if not expires.isdigit() or not hmac.compare_digest(mac, sign(f"{username}:{expires}")):
        raise HTTPException(401, "bad token")
    if int(expires) <= now.timestamp():
        raise HTTPException(401, "token expired")
    return username


User = Annotated[str, Depends(current_user)]


@app.post("/users", status_code=201)
def sign_up(body: Credentials) -> dict:
    if body.username in USERS:
        raise HTTPException(409, "taken")
    USERS[body.username] = body.password
    return {"username": body.username}


@app.post("/token")
def log_in(body: Credentials, now: Now) -> dict:
    if USERS.get(body.username) != body.password:
        raise HTTPException(401, "wrong password")
    expires = int(now.timestamp()) + 1800
    return {"access_token": f"{body.username}:{expires}:{sign(f'{body.username}:{expires}')}"}


@app.post("/notes", status_code=201)
def add_note(body: NoteIn, user: User) -> dict:
    note_id = len(NOTES) + 1
    NOTES[note_id] = {"id": note_id, "owner": user, "text": body.text, "deleted_at": None}
    return {"id": note_id, "text": body.text, "deleted": False}


def own_note(note_id: int, user: str) -> dict:
    note = NOTES.get(note_id)
    if note is None or note["owner"] != user:
        raise HTTPException(404, "no such note")
    return note


@app.get("/notes/{note_id}")
def read_note(note_id: int, user: User) -> dict:
    note = own_note(note_id, user)
    return {"id": note_id, "text": note["text"], "deleted": note["deleted_at"] is not None}


@app.delete("/notes/{note_id}", status_code=204)
def delete_note(note_id: int, user: User, now: Now) -> None:
    note = own_note(note_id, user)
    if note["deleted_at"] is None:
        note["deleted_at"] = now


@app.post("/notes/{note_id}/restore")
def restore_note(note_id: int, user: User, now: Now) -> dict:
    note = own_note(note_id, user)
    if note["deleted_at"] is None:
        raise HTTPException(409, "not deleted")
    if now - note["deleted_at"] > KEEP_DELETED:
        raise HTTPException(410, "gone for good")
    note["deleted_at"] = None
    return {"id": note_id, "text": note["text"], "deleted": False}
'''


@pytest.fixture(scope="module")
def notes(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("notes"), {"notes/__init__.py": "", "notes/api.py": NOTES_APP})
    return repo, *run(repo, "add tests for the notes API: notes, deleting and restoring them")


def test_a_window_after_another_route_is_tested_with_a_new_login_at_the_moved_clock(
        notes: tuple[Path, str, str, list[str]]) -> None:
    """A deleted note can be restored for three days after the delete: the tests delete at one moment and
    restore three days later (taken) and a second after that (gone). The app checks its tokens' expiry by its own
    clock, so once the clock is moved the test logs in again: the login fixture's body is a function it calls."""
    repo, path, text, findings = notes
    assert findings == []
    assert "def log_in_user(client):" in text
    assert "user_headers = log_in_user(client)  # a token of the moment the clock reads" in text
    assert "def test_post_notes_restore_3_days_after_delete_answers_200(client, clock, user_headers):" in text
    assert "def test_post_notes_restore_3_days_1_second_after_delete_answers_410(client, clock, user_headers):" in text
    done = pytest_in(repo, path)
    assert done.returncode == 0, done.stdout[-2000:]


@pytest.mark.parametrize(("before", "after"), [
    ('if now - note["deleted_at"] > KEEP_DELETED:', 'if now - note["deleted_at"] >= KEEP_DELETED:'),
    ("KEEP_DELETED = timedelta(days=3)", "KEEP_DELETED = timedelta(days=2)"),
])
def test_the_notes_tests_catch_a_moved_restore_window(notes: tuple[Path, str, str, list[str]], tmp_path: Path,
                                                      before: str, after: str) -> None:
    assert run_on_a_bug(notes, "notes/api.py", before, after, tmp_path).returncode == 1, notes[2]


def test_moments_and_spans_are_written_as_a_reader_would() -> None:
    """A body's date or date-time becomes an aware `datetime(...)` (naive text read as UTC, an offset converted),
    and an offset from it a `timedelta` in days, hours, minutes and seconds."""
    from agent.offline.clock import moment_call, span_call, when_words

    assert moment_call("2030-01-15T10:00:00") == "datetime(2030, 1, 15, 10, 0, tzinfo=timezone.utc)"
    assert moment_call("2030-01-15T10:00:00+02:00", -86400) == \
        "datetime(2030, 1, 15, 8, 0, tzinfo=timezone.utc) - timedelta(days=1)"
    assert moment_call("2030-01-15", 86401) == \
        "datetime(2030, 1, 15, tzinfo=timezone.utc) + timedelta(days=1, seconds=1)"
    assert moment_call("2030-01-15T10:00:05Z") == "datetime(2030, 1, 15, 10, 0, 5, tzinfo=timezone.utc)"
    assert span_call(7199) == "timedelta(hours=1, minutes=59, seconds=59)"
    assert when_words(0) == "at"
    assert when_words(-1) == "1 second before"
    assert when_words(2 * 86400 + 60) == "2 days 1 minute after"


def test_which_clocks_are_found_and_how_they_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A callable setting answering epoch seconds or a naive datetime is a clock; a FastAPI dependency of the app's
    own that answers the moment (called, or read from its annotation when it takes the request) is one; one defined
    inside a factory cannot be named by a test and is not; the pinned moment reaches the app as it reads it."""
    import datetime as dt
    import sys
    import time

    from flask import Flask

    from agent.offline.sandbox.clock import as_read, find_clock

    flask_app = Flask("clocks")
    flask_app.config.update(NOW=time.time, LIMIT=5, FACTORY=dict)
    assert find_clock(flask_app, "flask") == {"kind": "config", "key": "NOW", "reads": "epoch"}

    (tmp_path / "clockmod.py").write_text(
        "from datetime import date, datetime\n"
        "from typing import Annotated\n"
        "from fastapi import Depends, FastAPI, Request\n"
        "def now(request: Request) -> datetime:\n"
        "    return request.app.state.now()\n"
        "def build():\n"
        "    app = FastAPI()\n"
        "    def today() -> date:\n"
        "        return date.today()\n"
        "    @app.get('/a')\n"
        "    def a(at: Annotated[datetime, Depends(now)], on: Annotated[date, Depends(today)]) -> dict:\n"
        "        return {}\n"
        "    return app\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    import clockmod

    assert find_clock(clockmod.build(), "fastapi") == {
        "kind": "dependency", "targets": [{"module": "clockmod", "name": "now"}], "reads": "aware"}
    moment = dt.datetime(2030, 1, 15, 10, 0, tzinfo=dt.UTC)
    assert as_read(moment, "naive") == dt.datetime(2030, 1, 15, 10, 0)
    assert as_read(moment, "date") == dt.date(2030, 1, 15)
    assert as_read(moment, "epoch") == moment.timestamp()
    sys.modules.pop("clockmod", None)


MESSAGES_APP = '''
from datetime import datetime, timedelta, timezone
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from pydantic import BaseModel, Field

app = FastAPI()
MESSAGES: dict[int, dict] = {}
UNSEND_WINDOW = timedelta(minutes=10)


def now() -> datetime:
    return datetime.now(timezone.utc)


class MessageIn(BaseModel):
    to: str = Field(min_length=1, max_length=40)
    text: str = Field(min_length=1, max_length=280)


@app.post("/messages", status_code=201)
def send(body: MessageIn, at: Annotated[datetime, Depends(now)]) -> dict:
    message_id = len(MESSAGES) + 1
    MESSAGES[message_id] = {"id": message_id, "to": body.to, "text": body.text, "sent_at": at}
    return {"id": message_id, "to": body.to, "text": body.text}


@app.delete("/messages/{message_id}", status_code=204)
def unsend(message_id: int, at: Annotated[datetime, Depends(now)]) -> None:
    message = MESSAGES.get(message_id)
    if message is None:
        raise HTTPException(404, "no such message")
    if at - message["sent_at"] > UNSEND_WINDOW:
        raise HTTPException(409, "too late to unsend")
    del MESSAGES[message_id]
'''


@pytest.fixture(scope="module")
def messages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("messages"), {"outbox/__init__.py": "", "outbox/app.py": MESSAGES_APP})
    return repo, *run(repo, "add tests for the messages API: sending and unsending")


def test_a_window_that_opens_when_a_record_is_made_is_measured_from_then(
        messages: tuple[Path, str, str, list[str]]) -> None:
    """A message can be unsent for ten minutes after it was sent: the tests send it with the clock at a fixed hour
    and unsend it ten minutes later (taken) and a second after that (refused)."""
    repo, path, text, findings = messages
    assert findings == []
    assert "def test_delete_message_by_id_10_minutes_after_creation_answers_204(client, clock):" in text
    assert "def test_delete_message_by_id_10_minutes_1_second_after_creation_answers_409(client, clock):" in text
    done = pytest_in(repo, path)
    assert done.returncode == 0, done.stdout[-2000:]


def test_the_message_tests_catch_a_longer_window(messages: tuple[Path, str, str, list[str]], tmp_path: Path) -> None:
    done = run_on_a_bug(messages, "outbox/app.py", "UNSEND_WINDOW = timedelta(minutes=10)",
                        "UNSEND_WINDOW = timedelta(minutes=15)", tmp_path)
    assert done.returncode == 1, messages[2]

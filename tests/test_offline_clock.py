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

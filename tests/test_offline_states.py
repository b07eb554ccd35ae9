"""The offline engine on records with a life and records that point to others, written here: a FastAPI help desk
whose callers name themselves in an `X-Account-Id` header, whose tickets move through steps taken at
`POST /tickets/{ticket_id}/{step}` (the steps are a module mapping's keys), and whose `lifespan` parses an optional
setting; and a lending API whose loans point to members and books.

Each app runs through a whole offline session; its tests pass on the app as written, and each aimed test fails on
its bug.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from test_offline_http_shapes import aimed_test_fails, run

from conftest import make_repo

HELPDESK = '''
import os
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Header, HTTPException, Request
from pydantic import BaseModel, Field

TRANSITIONS = {
    "assign": ({"open"}, "assigned"),
    "resolve": ({"assigned"}, "resolved"),
    "close": ({"resolved"}, "closed"),
}


class Desk:
    def __init__(self, sla_hours):
        self.sla_hours = sla_hours
        self.tickets = {}


@asynccontextmanager
async def lifespan(app):
    raw = os.environ.get("HELPDESK_SLA_HOURS")
    app.state.desk = Desk(int(raw) if raw else 24)
    yield


app = FastAPI(lifespan=lifespan)


def desk(request: Request) -> Desk:
    return request.app.state.desk


def account(x_account_id: str | None = Header(default=None)) -> str:
    if not x_account_id:
        raise HTTPException(401, "X-Account-Id required")
    return x_account_id


class TicketIn(BaseModel):
    subject: str = Field(min_length=3, max_length=80)


@app.post("/tickets", status_code=201)
def open_ticket(body: TicketIn, who: str = Depends(account), d: Desk = Depends(desk)):
    ticket = {"id": len(d.tickets) + 1, "subject": body.subject, "status": "open", "sla_hours": d.sla_hours,
              "owner": who}
    d.tickets[ticket["id"]] = ticket
    return ticket


def mine(ticket_id: int, who: str = Depends(account), d: Desk = Depends(desk)) -> dict:
    ticket = d.tickets.get(ticket_id)
    if ticket is None or ticket["owner"] != who:
        raise HTTPException(404, "no such ticket")
    return ticket


@app.get("/tickets/{ticket_id}")
def show(ticket: dict = Depends(mine)):
    return ticket


@app.post("/tickets/{ticket_id}/{step}")
def move(step: str, ticket: dict = Depends(mine)):
    if step not in TRANSITIONS:
        raise HTTPException(404, "no such step")
    allowed, target = TRANSITIONS[step]
    if ticket["status"] not in allowed:
        raise HTTPException(409, f"cannot {step} a ticket that is {ticket['status']}")
    ticket["status"] = target
    return ticket
'''

TICKET_BUGS = {
    # resolving skips the assigned step: a new ticket no longer refuses it
    "test_post_tickets_new_refuses_resolve_and_close": (
        '"resolve": ({"assigned"}, "resolved")', '"resolve": ({"open", "assigned"}, "resolved")'),
    # an assigned ticket can be closed without being resolved
    "test_post_tickets_after_assign": (
        '"close": ({"resolved"}, "closed")', '"close": ({"assigned", "resolved"}, "closed")'),
    # the default the server sets on a new ticket changes
    "test_post_tickets_creates_with_a_valid_payload": ("int(raw) if raw else 24", "int(raw) if raw else 48"),
}


@pytest.fixture(scope="module")
def helpdesk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    files = {"helpdesk/__init__.py": "", "helpdesk/api.py": textwrap.dedent(HELPDESK)}
    repo = make_repo(tmp_path_factory.mktemp("helpdesk"), files)
    return repo, *run(repo, "add tests for the helpdesk tickets API: opening tickets and moving them through "
                            "their steps")


def test_each_step_is_a_route_and_each_state_pins_what_it_refuses(
        helpdesk: tuple[Path, str, str, list[str]]) -> None:
    _, _, text, findings = helpdesk
    assert findings == []
    assert 'USER_HEADERS = {"x-account-id": "caller-1"}' in text
    assert "refuses_an_unknown_token" not in text  # any name is a caller: there is no unknown one
    assert "HELPDESK_SLA_HOURS" not in text  # the app could not parse a made-up value, so the test leaves it unset
    assert "def test_post_tickets_assign_succeeds(" in text
    assert "def test_post_tickets_after_assign_then_resolve(" in text
    assert 'assert stored["status"] == "resolved"' in text
    assert 'assert created["sla_hours"] == 24' in text
    assert "def test_get_ticket_by_id_refuses_another_users_record(" in text


@pytest.mark.parametrize("name", sorted(TICKET_BUGS))
def test_the_aimed_ticket_test_fails_on_its_bug(helpdesk: tuple[Path, str, str, list[str]], tmp_path: Path,
                                               name: str) -> None:
    aimed_test_fails(helpdesk[0], helpdesk[1], "helpdesk/api.py", TICKET_BUGS[name], name, tmp_path)


ARTICLES = '''
from typing import Literal

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

# an editor moves an article one step on, or sends it back from review; a published article stays published
MOVES = {("draft", "review"), ("review", "draft"), ("review", "published")}

app = FastAPI()
articles: dict[int, dict] = {}


class ArticleIn(BaseModel):
    title: str = Field(min_length=1, max_length=80)


class ArticleChange(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=80)
    state: Literal["draft", "review", "published"]


@app.post("/articles", status_code=201)
def write(body: ArticleIn) -> dict:
    article = {"id": len(articles) + 1, "title": body.title, "state": "draft"}
    articles[article["id"]] = article
    return article


@app.get("/articles/{article_id}")
def read(article_id: int) -> dict:
    if article_id not in articles:
        raise HTTPException(404, "no such article")
    return articles[article_id]


@app.patch("/articles/{article_id}")
def change(article_id: int, body: ArticleChange) -> dict:
    article = read(article_id)
    if (article["state"], body.state) not in MOVES:
        raise HTTPException(409, f"cannot move from {article['state']} to {body.state}")
    article["state"] = body.state
    if body.title is not None:
        article["title"] = body.title
    return article
'''

ARTICLE_BUGS = {
    # a draft may be published without review
    "test_post_articles_new_refuses_state_draft_and_state_published": (
        '("review", "published")}', '("review", "published"), ("draft", "published")}'),
    # a published article can be sent back to review
    "test_post_articles_after_state_review_then_state_published": (
        '("review", "published")}', '("review", "published"), ("published", "review")}'),
}


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    repo = make_repo(tmp_path_factory.mktemp("newsroom"), {"newsroom.py": textwrap.dedent(ARTICLES)})
    return repo, *run(repo, "add tests for the articles API: writing articles and moving them from draft through "
                            "review to published")


def test_a_field_set_to_each_of_its_values_walks_the_records_states(
        newsroom: tuple[Path, str, str, list[str]]) -> None:
    """The state an update sets is an action per value: each state reached pins the values the app refuses there."""
    _, _, text, findings = newsroom
    assert findings == []
    assert "def test_post_articles_after_state_review(" in text
    assert 'json={"title": "title-1-changed", "state": "published"}' in text or \
        'json={"state": "published"' in text
    assert 'assert stored["state"] == "published"' in text


@pytest.mark.parametrize("name", sorted(ARTICLE_BUGS))
def test_the_aimed_article_test_fails_on_its_bug(newsroom: tuple[Path, str, str, list[str]], tmp_path: Path,
                                                name: str) -> None:
    aimed_test_fails(newsroom[0], newsroom[1], "newsroom.py", ARTICLE_BUGS[name], name, tmp_path)


LENDING = '''
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

app = FastAPI()
MEMBERS: dict[int, dict] = {}
BOOKS: dict[int, dict] = {}
LOANS: dict[int, dict] = {}


class MemberIn(BaseModel):
    name: str = Field(min_length=1, max_length=40)


class BookIn(BaseModel):
    title: str = Field(min_length=1, max_length=80)


class LoanIn(BaseModel):
    member_id: int
    book_id: int


@app.post("/members", status_code=201)
def join(body: MemberIn):
    member = {"id": len(MEMBERS) + 1, "name": body.name}
    MEMBERS[member["id"]] = member
    return member


@app.post("/books", status_code=201)
def add_book(body: BookIn):
    book = {"id": len(BOOKS) + 1, "title": body.title, "on_loan": False}
    BOOKS[book["id"]] = book
    return book


@app.post("/loans", status_code=201)
def lend(body: LoanIn):
    if body.member_id not in MEMBERS or body.book_id not in BOOKS:
        raise HTTPException(404, "no such member or book")
    book = BOOKS[body.book_id]
    if book["on_loan"]:
        raise HTTPException(409, "the book is already on loan")
    book["on_loan"] = True
    loan = {"id": len(LOANS) + 1, "member_id": body.member_id, "book_id": body.book_id, "returned": False}
    LOANS[loan["id"]] = loan
    return loan


@app.get("/loans/{loan_id}")
def show_loan(loan_id: int):
    if loan_id not in LOANS:
        raise HTTPException(404, "no such loan")
    return LOANS[loan_id]


@app.post("/loans/{loan_id}/return")
def give_back(loan_id: int):
    loan = LOANS.get(loan_id)
    if loan is None:
        raise HTTPException(404, "no such loan")
    if loan["returned"]:
        raise HTTPException(409, "already returned")
    loan["returned"] = True
    BOOKS[loan["book_id"]]["on_loan"] = False
    return loan
'''

LOAN_BUGS = {
    "test_post_loans_refuses_an_unknown_member_id": (
        "if body.member_id not in MEMBERS or body.book_id not in BOOKS:", "if body.book_id not in BOOKS:"),
    "test_post_loans_refuses_the_same_record_twice": ('if book["on_loan"]:', "if False:"),
    "test_post_loans_creates_with_a_valid_payload": ('"returned": False}', '"returned": None}'),
    "test_post_loans_return_changes_the_record": ('loan["returned"] = True', "pass"),
}


@pytest.fixture(scope="module")
def lending(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str, list[str]]:
    files = {"lending/__init__.py": "", "lending/main.py": textwrap.dedent(LENDING)}
    repo = make_repo(tmp_path_factory.mktemp("lending"), files)
    return repo, *run(repo, "add tests for the lending API: members, books, loans and returns")


def test_every_loan_made_in_a_set_up_gets_its_own_member_and_book(lending: tuple[Path, str, str, list[str]]) -> None:
    """The return route's tests make a loan of a new book each: before, they reused the probe's book, which was
    already on loan, and the route got no success case."""
    _, _, text, findings = lending
    assert findings == []
    assert "def test_post_loans_return_succeeds(" in text
    assert '"member_id": member_id, "book_id": book_id' in text
    assert "def test_post_loans_refuses_an_unknown_book_id(" in text


@pytest.mark.parametrize("name", sorted(LOAN_BUGS))
def test_the_aimed_loan_test_fails_on_its_bug(lending: tuple[Path, str, str, list[str]], tmp_path: Path,
                                             name: str) -> None:
    aimed_test_fails(lending[0], lending[1], "lending/main.py", LOAN_BUGS[name], name, tmp_path)


SHELF_FACTORY = '''
from contextlib import asynccontextmanager

from fastapi import FastAPI
from pydantic import BaseModel, Field

SHARED: list = []


class BookIn(BaseModel):
    title: str = Field(min_length=1, max_length=40)


def create_app():
    @asynccontextmanager
    async def lifespan(app):
        app.state.books = KEEP
        yield

    app = FastAPI(lifespan=lifespan)

    @app.post("/books", status_code=201)
    def add(body: BookIn):
        book = {"id": len(app.state.books) + 1, "title": body.title}
        app.state.books.append(book)
        return book

    @app.get("/books")
    def books():
        return app.state.books

    return app
'''


@pytest.mark.parametrize(("store", "fresh"), [("[]", True), ("SHARED", False)])
def test_a_factory_is_called_fresh_per_test_only_when_its_store_starts_empty(tmp_path: Path, store: str,
                                                                             fresh: bool) -> None:
    """A factory whose store lives in the app (`app.state.books = []`) gives each test an empty store, and the
    module says so; one whose apps share a module list does not, and the module says the data is shared."""
    source = textwrap.dedent(SHELF_FACTORY).replace("KEEP", store)
    repo = make_repo(tmp_path / "shelf", {"shelf/__init__.py": "", "shelf/main.py": source})
    _, text, findings = run(repo, "add tests for the books API")
    assert findings == []
    assert ("whose store starts empty" in text) is fresh
    assert ("any data it keeps between tests" in text) is not fresh


PASSES = '''
from fastapi import FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

app = FastAPI()
PASSES: dict[int, dict] = {}


class PassIn(BaseModel):
    days: int = Field(ge=1, le=30)


@app.post("/passes", status_code=201)
def buy(body: PassIn, x_customer_id: str | None = Header(default=None)):
    if not x_customer_id:
        raise HTTPException(401, "who are you?")
    made = {"id": len(PASSES) + 1, "days": body.days, "customer": x_customer_id}
    PASSES[made["id"]] = made
    return made


@app.get("/passes/{pass_id}")
def show(pass_id: int, x_customer_id: str | None = Header(default=None)):
    made = PASSES.get(pass_id)
    if made is None or made["customer"] != x_customer_id:
        raise HTTPException(404, "no such pass")
    return made
'''


def test_a_refusal_of_the_apps_own_without_credentials_is_pinned_not_claimed_as_a_finding(tmp_path: Path) -> None:
    """The handler checks the caller header itself: without it, a body is validated first (422) and a record is
    hidden (404). Both are refusals; they are pinned as answers, and no finding says credentials were ignored."""
    repo = make_repo(tmp_path / "passes", {"passes/__init__.py": "", "passes/api.py": textwrap.dedent(PASSES)})
    _, text, findings = run(repo, "add tests for the passes API")
    assert findings == []
    assert "def test_post_passes_without_credentials_answers_422(" in text
    assert "def test_get_pass_by_id_without_credentials_answers_404(" in text

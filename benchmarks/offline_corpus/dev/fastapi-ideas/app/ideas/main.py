import base64
import binascii
import json
import os
import secrets
import sqlite3
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request, status

from .db import connect, database_path, hash_key, init_db
from .schemas import IdeaIn, IdeaOut, IdeaPage, Sort, Status, StatusIn, UserCreated, UserIn, UserOut, VoteOut

MAX_PAGE = 50

# Where an admin may move an idea from each status.
TRANSITIONS = {
    Status.open: {Status.planned, Status.declined},
    Status.planned: {Status.done},
    Status.done: set(),
    Status.declined: set(),
}


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.db_path = database_path()
    init_db(app.state.db_path, os.environ.get("IDEAS_ADMIN_KEY"))
    yield


app = FastAPI(title="Ideas board", lifespan=lifespan)


def get_db(request: Request):
    conn = connect(request.app.state.db_path)
    try:
        yield conn
    finally:
        conn.close()


Db = Annotated[sqlite3.Connection, Depends(get_db)]


def current_user(db: Db, authorization: Annotated[str | None, Header()] = None) -> sqlite3.Row:
    scheme, _, key = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing API key", headers={"WWW-Authenticate": "Bearer"})
    user = db.execute("SELECT * FROM users WHERE key_hash = ?", (hash_key(key.strip()),)).fetchone()
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown API key", headers={"WWW-Authenticate": "Bearer"})
    return user


CurrentUser = Annotated[sqlite3.Row, Depends(current_user)]


def admin_user(user: CurrentUser) -> sqlite3.Row:
    if not user["is_admin"]:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admins only")
    return user


AdminUser = Annotated[sqlite3.Row, Depends(admin_user)]

SCORED = """
WITH scored AS (
    SELECT ideas.*, (SELECT COUNT(*) FROM votes WHERE votes.idea_id = ideas.id) AS score FROM ideas
)
"""


def _idea(db: sqlite3.Connection, idea_id: int) -> sqlite3.Row:
    row = db.execute(SCORED + "SELECT * FROM scored WHERE id = ?", (idea_id,)).fetchone()
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "idea not found")
    return row


def _out(row: sqlite3.Row) -> IdeaOut:
    return IdeaOut(**{key: row[key] for key in IdeaOut.model_fields})


def encode_cursor(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: Sort) -> dict:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "invalid cursor") from None
    keys = {"id", "score"} if sort is Sort.score else {"id"}
    if not isinstance(data, dict) or set(data) != keys or not all(isinstance(data[k], int) for k in keys):
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "invalid cursor")
    return data


# -- users ------------------------------------------------------------------------------------------------------


@app.post("/users", status_code=201, response_model=UserCreated)
def create_user(payload: UserIn, db: Db, _: AdminUser):
    api_key = secrets.token_urlsafe(24)
    cur = db.execute(
        "INSERT INTO users (name, key_hash, is_admin) VALUES (?, ?, ?)",
        (payload.name, hash_key(api_key), int(payload.is_admin)),
    )
    db.commit()
    return UserCreated(id=cur.lastrowid, name=payload.name, is_admin=payload.is_admin, api_key=api_key)


@app.get("/me", response_model=UserOut)
def me(user: CurrentUser):
    return UserOut(id=user["id"], name=user["name"], is_admin=bool(user["is_admin"]))


# -- ideas ------------------------------------------------------------------------------------------------------


@app.post("/ideas", status_code=201, response_model=IdeaOut)
def create_idea(payload: IdeaIn, db: Db, user: CurrentUser):
    cur = db.execute(
        "INSERT INTO ideas (author_id, title, body) VALUES (?, ?, ?)",
        (user["id"], payload.title.strip(), payload.body),
    )
    db.commit()
    return _out(_idea(db, cur.lastrowid))


@app.get("/ideas", response_model=IdeaPage)
def list_ideas(
    db: Db,
    _: CurrentUser,
    sort: Sort = Sort.score,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
    cursor: str | None = None,
    status_: Annotated[Status | None, Query(alias="status")] = None,
):
    where, params = [], []
    if status_ is not None:
        where.append("status = ?")
        params.append(status_.value)
    if cursor is not None:
        after = decode_cursor(cursor, sort)
        if sort is Sort.score:
            where.append("(score < ? OR (score = ? AND id < ?))")
            params += [after["score"], after["score"], after["id"]]
        else:
            where.append("id < ?")
            params.append(after["id"])
    order = "score DESC, id DESC" if sort is Sort.score else "id DESC"
    sql = SCORED + "SELECT * FROM scored"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {order} LIMIT ?"
    rows = db.execute(sql, [*params, limit + 1]).fetchall()
    items = rows[:limit]
    next_cursor = None
    if len(rows) > limit:
        last = items[-1]
        key = {"score": last["score"], "id": last["id"]} if sort is Sort.score else {"id": last["id"]}
        next_cursor = encode_cursor(key)
    return IdeaPage(items=[_out(row) for row in items], next=next_cursor)


@app.get("/ideas/{idea_id}", response_model=IdeaOut)
def get_idea(idea_id: int, db: Db, _: CurrentUser):
    return _out(_idea(db, idea_id))


@app.patch("/ideas/{idea_id}/status", response_model=IdeaOut)
def move_idea(idea_id: int, payload: StatusIn, db: Db, _: AdminUser):
    idea = _idea(db, idea_id)
    current = Status(idea["status"])
    if payload.status not in TRANSITIONS[current]:
        raise HTTPException(status.HTTP_409_CONFLICT, f"cannot move an idea from {current.value} to {payload.status.value}")
    db.execute("UPDATE ideas SET status = ? WHERE id = ?", (payload.status.value, idea_id))
    db.commit()
    return _out(_idea(db, idea_id))


# -- votes ------------------------------------------------------------------------------------------------------


def _vote_out(db: sqlite3.Connection, idea_id: int, user_id: int) -> VoteOut:
    score = db.execute("SELECT COUNT(*) FROM votes WHERE idea_id = ?", (idea_id,)).fetchone()[0]
    voted = db.execute("SELECT 1 FROM votes WHERE idea_id = ? AND user_id = ?", (idea_id, user_id)).fetchone()
    return VoteOut(idea_id=idea_id, score=score, voted=voted is not None)


@app.put("/ideas/{idea_id}/vote", response_model=VoteOut)
def vote(idea_id: int, db: Db, user: CurrentUser):
    idea = _idea(db, idea_id)
    if idea["author_id"] == user["id"]:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "you cannot vote for your own idea")
    if idea["status"] not in (Status.open.value, Status.planned.value):
        raise HTTPException(status.HTTP_409_CONFLICT, "voting is closed for this idea")
    db.execute("INSERT OR IGNORE INTO votes (idea_id, user_id) VALUES (?, ?)", (idea_id, user["id"]))
    db.commit()
    return _vote_out(db, idea_id, user["id"])


@app.delete("/ideas/{idea_id}/vote", response_model=VoteOut)
def unvote(idea_id: int, db: Db, user: CurrentUser):
    _idea(db, idea_id)
    db.execute("DELETE FROM votes WHERE idea_id = ? AND user_id = ?", (idea_id, user["id"]))
    db.commit()
    return _vote_out(db, idea_id, user["id"])

import hashlib
import json
import time
from contextlib import asynccontextmanager
from enum import Enum
from typing import Annotated, Callable

from fastapi import BackgroundTasks, Depends, FastAPI, Header, HTTPException, Request, Response
from pydantic import BaseModel, Field

from .config import get_settings
from .db import connect, hash_key, init_db
from .delivery import deliver
from .ratelimit import RateLimiter
from .transport import FakeTransport


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    init_db(settings.database_path, settings.parsed_api_keys())
    app.state.limiter = RateLimiter(settings.rate_limit_per_minute)
    app.state.transport = FakeTransport()
    yield


app = FastAPI(title="Outbox", lifespan=lifespan)


class Status(str, Enum):
    queued = "queued"
    sent = "sent"
    failed = "failed"
    cancelled = "cancelled"


class MessageIn(BaseModel):
    to: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    subject: str = Field(min_length=1, max_length=200)
    body: str = Field(max_length=10_000)


class MessageOut(BaseModel):
    id: int
    to: str
    subject: str
    status: Status
    attempts: int
    last_error: str | None


def get_clock() -> Callable[[], float]:
    return time.time


def get_db():
    conn = connect(get_settings().database_path)
    try:
        yield conn
    finally:
        conn.close()


def current_caller(
    request: Request,
    response: Response,
    clock: Annotated[Callable[[], float], Depends(get_clock)],
    db=Depends(get_db),
    x_api_key: Annotated[str | None, Header()] = None,
) -> dict:
    if not x_api_key:
        raise HTTPException(401, "missing X-API-Key")
    row = db.execute("SELECT id, name FROM api_keys WHERE key_hash = ?", (hash_key(x_api_key),)).fetchone()
    if row is None:
        raise HTTPException(401, "unknown API key")
    wait = request.app.state.limiter.hit(row["id"], clock())
    if wait is not None:
        raise HTTPException(429, "rate limit exceeded", headers={"Retry-After": str(wait)})
    return {"id": row["id"], "name": row["name"]}


Caller = Annotated[dict, Depends(current_caller)]


def _out(row) -> MessageOut:
    return MessageOut(
        id=row["id"],
        to=row["recipient"],
        subject=row["subject"],
        status=row["status"],
        attempts=row["attempts"],
        last_error=row["last_error"],
    )


def _own_message(db, caller: dict, message_id: int):
    row = db.execute(
        "SELECT * FROM messages WHERE id = ? AND owner_id = ?", (message_id, caller["id"])
    ).fetchone()
    if row is None:
        raise HTTPException(404, "message not found")
    return row


@app.post("/messages", status_code=202, response_model=MessageOut)
def send_message(
    message: MessageIn,
    caller: Caller,
    request: Request,
    background: BackgroundTasks,
    clock: Annotated[Callable[[], float], Depends(get_clock)],
    db=Depends(get_db),
    idempotency_key: Annotated[str | None, Header()] = None,
):
    request_hash = hashlib.sha256(
        json.dumps(message.model_dump(), sort_keys=True).encode()
    ).hexdigest()
    if idempotency_key is not None:
        seen = db.execute(
            "SELECT request_hash, message_id FROM idempotency WHERE owner_id = ? AND idem_key = ?",
            (caller["id"], idempotency_key),
        ).fetchone()
        if seen is not None:
            if seen["request_hash"] != request_hash:
                raise HTTPException(422, "Idempotency-Key was used with a different request")
            return _out(_own_message(db, caller, seen["message_id"]))
    cursor = db.execute(
        "INSERT INTO messages (owner_id, recipient, subject, body, created_at) VALUES (?, ?, ?, ?, ?)",
        (caller["id"], message.to, message.subject, message.body, clock()),
    )
    message_id = cursor.lastrowid
    if idempotency_key is not None:
        db.execute(
            "INSERT INTO idempotency (owner_id, idem_key, request_hash, message_id) VALUES (?, ?, ?, ?)",
            (caller["id"], idempotency_key, request_hash, message_id),
        )
    db.commit()
    background.add_task(deliver, get_settings().database_path, request.app.state.transport, message_id)
    return _out(_own_message(db, caller, message_id))


@app.get("/messages", response_model=list[MessageOut])
def list_messages(caller: Caller, status: Status | None = None, db=Depends(get_db)):
    if status is None:
        rows = db.execute(
            "SELECT * FROM messages WHERE owner_id = ? ORDER BY id", (caller["id"],)
        ).fetchall()
    else:
        rows = db.execute(
            "SELECT * FROM messages WHERE owner_id = ? AND status = ? ORDER BY id",
            (caller["id"], status.value),
        ).fetchall()
    return [_out(row) for row in rows]


@app.get("/messages/{message_id}", response_model=MessageOut)
def get_message(message_id: int, caller: Caller, db=Depends(get_db)):
    return _out(_own_message(db, caller, message_id))


@app.post("/messages/{message_id}/cancel", response_model=MessageOut)
def cancel_message(message_id: int, caller: Caller, db=Depends(get_db)):
    row = _own_message(db, caller, message_id)
    if row["status"] != Status.queued.value:
        raise HTTPException(409, f"message is {row['status']}, only queued messages can be cancelled")
    db.execute("UPDATE messages SET status = 'cancelled' WHERE id = ?", (message_id,))
    db.commit()
    return _out(_own_message(db, caller, message_id))

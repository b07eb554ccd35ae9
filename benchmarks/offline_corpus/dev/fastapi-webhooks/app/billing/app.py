import hmac
import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import asynccontextmanager
from enum import Enum
from typing import Annotated, Optional

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from pydantic import BaseModel

from .config import Settings, load_settings
from .db import connect, create_schema
from .events import HANDLED_TYPES, EventError, apply_event
from .signature import SignatureError, verify_signature


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = load_settings()
    create_schema(settings.database)
    app.state.settings = settings
    yield


app = FastAPI(title="billing", lifespan=lifespan)


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_db(settings: Annotated[Settings, Depends(get_settings)]) -> Iterator[sqlite3.Connection]:
    conn = connect(settings.database)
    try:
        yield conn
    finally:
        conn.close()


Db = Annotated[sqlite3.Connection, Depends(get_db)]


class Status(str, Enum):
    active = "active"
    cancelled = "cancelled"


class Subscription(BaseModel):
    id: str
    customer: str
    plan: str
    status: Status
    current_period_end: int
    cancelled_at: Optional[int] = None


class WebhookAck(BaseModel):
    received: bool
    duplicate: bool = False
    ignored: bool = False


@app.post("/webhooks/billing", response_model=WebhookAck)
async def receive_webhook(
    request: Request,
    db: Db,
    settings: Annotated[Settings, Depends(get_settings)],
    billing_signature: Annotated[Optional[str], Header()] = None,
) -> WebhookAck:
    payload = await request.body()
    if not billing_signature:
        raise HTTPException(status_code=400, detail="missing Billing-Signature header")
    try:
        verify_signature(payload, billing_signature, settings.webhook_secret)
    except SignatureError as exc:
        raise HTTPException(status_code=400, detail=str(exc)) from None
    try:
        event = json.loads(payload)
    except ValueError:
        raise HTTPException(status_code=400, detail="body is not JSON") from None
    if not isinstance(event, dict) or not isinstance(event.get("id"), str) or not isinstance(event.get("type"), str):
        raise HTTPException(status_code=400, detail="event needs a string id and type")

    seen = db.execute("SELECT 1 FROM processed_event WHERE id = ?", (event["id"],)).fetchone()
    if seen:
        return WebhookAck(received=True, duplicate=True)
    ignored = event["type"] not in HANDLED_TYPES
    if not ignored:
        try:
            apply_event(db, event)
        except EventError as exc:
            db.rollback()
            raise HTTPException(status_code=400, detail=str(exc)) from None
    db.execute(
        "INSERT INTO processed_event (id, type, received_at) VALUES (?, ?, ?)",
        (event["id"], event["type"], int(time.time())),
    )
    db.commit()
    return WebhookAck(received=True, ignored=ignored)


def require_admin(
    settings: Annotated[Settings, Depends(get_settings)],
    x_admin_key: Annotated[Optional[str], Header()] = None,
) -> None:
    if x_admin_key is None or not hmac.compare_digest(x_admin_key, settings.admin_api_key):
        raise HTTPException(status_code=401, detail="invalid admin key")


def _subscription(row: sqlite3.Row) -> Subscription:
    return Subscription(**dict(row))


@app.get("/admin/subscriptions", response_model=list[Subscription], dependencies=[Depends(require_admin)])
def list_subscriptions(db: Db, status: Annotated[Optional[Status], Query()] = None) -> list[Subscription]:
    if status is None:
        rows = db.execute("SELECT * FROM subscription ORDER BY id").fetchall()
    else:
        rows = db.execute("SELECT * FROM subscription WHERE status = ? ORDER BY id", (status.value,)).fetchall()
    return [_subscription(row) for row in rows]


@app.get(
    "/admin/subscriptions/{subscription_id}", response_model=Subscription, dependencies=[Depends(require_admin)]
)
def show_subscription(subscription_id: str, db: Db) -> Subscription:
    row = db.execute("SELECT * FROM subscription WHERE id = ?", (subscription_id,)).fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="subscription not found")
    return _subscription(row)

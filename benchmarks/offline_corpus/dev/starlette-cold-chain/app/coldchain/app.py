from __future__ import annotations

import hmac
import json
import os
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sqlalchemy import func, select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from coldchain import signing
from coldchain.store import clients, connect, readings, shipments

QUARANTINE_AFTER_MINUTES = 30
FUTURE_TOLERANCE = timedelta(seconds=60)
SENSOR_MIN = Decimal("-80.0")
SENSOR_MAX = Decimal("60.0")
TENTH = Decimal("0.1")


class Problem(Exception):
    def __init__(self, status: int, error: str, detail: str):
        self.status = status
        self.error = error
        self.detail = detail


async def problem_handler(request: Request, exc: Problem) -> JSONResponse:
    return JSONResponse({"error": exc.error, "detail": exc.detail}, status_code=exc.status)


def now(request: Request) -> datetime:
    return request.app.state.clock()


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat()


async def authenticate(request: Request) -> str:
    """Check the request's HMAC signature; return the caller's carrier."""
    client_id = request.headers.get("x-client-id")
    timestamp = request.headers.get("x-timestamp", "")
    signature = request.headers.get("x-signature", "")
    if not client_id or not signature:
        raise Problem(401, "unsigned", "X-Client-Id, X-Timestamp and X-Signature are required")
    if not signing.fresh(timestamp, now(request).timestamp()):
        raise Problem(401, "stale", "X-Timestamp is missing or too far from the server's clock")
    with request.app.state.engine.connect() as conn:
        client = conn.execute(select(clients).where(clients.c.id == client_id)).first()
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    body = await request.body()
    if client is None or not signing.verify(client.secret, signature, timestamp, request.method, target, body):
        raise Problem(401, "bad_signature", "the request signature does not match")
    return client.carrier


async def json_body(request: Request) -> dict:
    try:
        data = json.loads(await request.body() or b"{}")
    except ValueError:
        raise Problem(400, "invalid", "the body is not JSON") from None
    if not isinstance(data, dict):
        raise Problem(400, "invalid", "the body must be a JSON object")
    return data


def celsius_tenths(value, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise Problem(400, "invalid", f"{field} must be a number")
    try:
        degrees = Decimal(str(value)).quantize(TENTH, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise Problem(400, "invalid", f"{field} must be a number") from None
    if not SENSOR_MIN <= degrees <= SENSOR_MAX:
        raise Problem(400, "invalid", f"{field} must be between {SENSOR_MIN} and {SENSOR_MAX}")
    return int(degrees * 10)


def tenths_out(tenths: int) -> str:
    return str(Decimal(tenths).scaleb(-1))


def int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise Problem(400, "invalid", f"{name} must be an integer") from None
    if not low <= value <= high:
        raise Problem(400, "invalid", f"{name} must be between {low} and {high}")
    return value


def shipment_out(row) -> dict:
    return {
        "id": row.id,
        "reference": row.reference,
        "min_celsius": tenths_out(row.min_tenths),
        "max_celsius": tenths_out(row.max_tenths),
        "status": row.status,
        "excursion_minutes": row.excursion_minutes,
        "created_at": row.created_at,
        "dispatched_at": row.dispatched_at,
        "closed_at": row.closed_at,
    }


def load_shipment(conn, shipment_id: int, carrier: str):
    row = conn.execute(select(shipments).where(shipments.c.id == shipment_id)).first()
    if row is None or row.carrier != carrier:
        raise Problem(404, "not_found", f"shipment {shipment_id} not found")
    return row


async def create_client(request: Request) -> JSONResponse:
    expected = f"Bearer {request.app.state.admin_token}"
    if not hmac.compare_digest(request.headers.get("authorization", ""), expected):
        raise Problem(401, "unauthorized", "admin token required")
    data = await json_body(request)
    carrier = str(data.get("carrier", "")).strip()
    if not carrier:
        raise Problem(400, "invalid", "carrier is required")
    client_id, secret = "cl_" + secrets.token_hex(6), secrets.token_hex(32)
    with request.app.state.engine.begin() as conn:
        conn.execute(clients.insert().values(id=client_id, carrier=carrier, secret=secret))
    return JSONResponse({"client_id": client_id, "carrier": carrier, "secret": secret}, status_code=201)


async def create_shipment(request: Request) -> JSONResponse:
    carrier = await authenticate(request)
    data = await json_body(request)
    reference = str(data.get("reference", "")).strip()
    if not 1 <= len(reference) <= 40:
        raise Problem(400, "invalid", "reference must be 1 to 40 characters")
    low = celsius_tenths(data.get("min_celsius", "2.0"), "min_celsius")
    high = celsius_tenths(data.get("max_celsius", "8.0"), "max_celsius")
    if low >= high:
        raise Problem(400, "invalid", "min_celsius must be below max_celsius")
    with request.app.state.engine.begin() as conn:
        taken = conn.execute(
            select(shipments.c.id).where(shipments.c.carrier == carrier, shipments.c.reference == reference)
        ).first()
        if taken is not None:
            raise Problem(409, "duplicate", f"reference {reference!r} is already used")
        result = conn.execute(
            shipments.insert().values(
                carrier=carrier,
                reference=reference,
                min_tenths=low,
                max_tenths=high,
                status="created",
                excursion_minutes=0,
                created_at=iso(now(request)),
            )
        )
        row = load_shipment(conn, result.inserted_primary_key[0], carrier)
    return JSONResponse(shipment_out(row), status_code=201)


SORTS = {
    "created_at": (shipments.c.created_at.asc(), shipments.c.id.asc()),
    "-created_at": (shipments.c.created_at.desc(), shipments.c.id.desc()),
}
STATUSES = ("created", "in_transit", "delivered", "quarantined")


async def list_shipments(request: Request) -> JSONResponse:
    carrier = await authenticate(request)
    limit = int_param(request, "limit", 20, 1, 100)
    offset = int_param(request, "offset", 0, 0, 1_000_000)
    sort = request.query_params.get("sort", "-created_at")
    if sort not in SORTS:
        raise Problem(400, "invalid", "sort must be created_at or -created_at")
    query = select(shipments).where(shipments.c.carrier == carrier)
    status = request.query_params.get("status")
    if status is not None:
        if status not in STATUSES:
            raise Problem(400, "invalid", f"status must be one of {', '.join(STATUSES)}")
        query = query.where(shipments.c.status == status)
    with request.app.state.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        rows = conn.execute(query.order_by(*SORTS[sort]).limit(limit).offset(offset)).all()
    return JSONResponse({"items": [shipment_out(r) for r in rows], "total": total})


async def get_shipment(request: Request) -> JSONResponse:
    carrier = await authenticate(request)
    with request.app.state.engine.connect() as conn:
        row = load_shipment(conn, request.path_params["shipment_id"], carrier)
    return JSONResponse(shipment_out(row))


async def dispatch(request: Request) -> JSONResponse:
    carrier = await authenticate(request)
    with request.app.state.engine.begin() as conn:
        row = load_shipment(conn, request.path_params["shipment_id"], carrier)
        if row.status != "created":
            raise Problem(409, "invalid_state", f"a {row.status} shipment cannot be dispatched")
        conn.execute(
            shipments.update()
            .where(shipments.c.id == row.id)
            .values(status="in_transit", dispatched_at=iso(now(request)))
        )
        row = load_shipment(conn, row.id, carrier)
    return JSONResponse(shipment_out(row))


async def deliver(request: Request) -> JSONResponse:
    carrier = await authenticate(request)
    with request.app.state.engine.begin() as conn:
        row = load_shipment(conn, request.path_params["shipment_id"], carrier)
        if row.status != "in_transit":
            raise Problem(409, "invalid_state", f"a {row.status} shipment cannot be delivered")
        conn.execute(
            shipments.update().where(shipments.c.id == row.id).values(status="delivered", closed_at=iso(now(request)))
        )
        row = load_shipment(conn, row.id, carrier)
    return JSONResponse(shipment_out(row))


def parse_moment(value) -> datetime:
    if not isinstance(value, str):
        raise Problem(400, "invalid", "taken_at must be an ISO 8601 timestamp")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise Problem(400, "invalid", "taken_at must be an ISO 8601 timestamp") from None
    if moment.tzinfo is None:
        raise Problem(400, "invalid", "taken_at needs a UTC offset")
    return moment


async def add_reading(request: Request) -> JSONResponse:
    carrier = await authenticate(request)
    data = await json_body(request)
    taken_at = parse_moment(data.get("taken_at"))
    tenths = celsius_tenths(data.get("celsius"), "celsius")
    if taken_at > now(request) + FUTURE_TOLERANCE:
        raise Problem(400, "invalid", "taken_at is in the future")
    with request.app.state.engine.begin() as conn:
        row = load_shipment(conn, request.path_params["shipment_id"], carrier)
        if row.status != "in_transit":
            raise Problem(409, "invalid_state", f"a {row.status} shipment does not take readings")
        previous = conn.execute(
            select(readings).where(readings.c.shipment_id == row.id).order_by(readings.c.id.desc()).limit(1)
        ).first()
        if previous is not None and taken_at <= datetime.fromisoformat(previous.taken_at):
            raise Problem(409, "out_of_order", "taken_at must be after the previous reading")
        in_range = row.min_tenths <= tenths <= row.max_tenths
        excursion = row.excursion_minutes
        if not in_range and previous is not None:
            gap = taken_at - datetime.fromisoformat(previous.taken_at)
            excursion += int(gap.total_seconds() // 60)
        changes = {"excursion_minutes": excursion}
        if excursion > QUARANTINE_AFTER_MINUTES:
            changes.update(status="quarantined", closed_at=iso(now(request)))
        result = conn.execute(
            readings.insert().values(shipment_id=row.id, taken_at=iso(taken_at), tenths=tenths, in_range=int(in_range))
        )
        conn.execute(shipments.update().where(shipments.c.id == row.id).values(**changes))
        row = load_shipment(conn, row.id, carrier)
    return JSONResponse(
        {"reading_id": result.inserted_primary_key[0], "in_range": in_range, "shipment": shipment_out(row)},
        status_code=201,
    )


async def list_readings(request: Request) -> JSONResponse:
    carrier = await authenticate(request)
    after = int_param(request, "after", 0, 0, 2**31)
    limit = int_param(request, "limit", 50, 1, 200)
    with request.app.state.engine.connect() as conn:
        row = load_shipment(conn, request.path_params["shipment_id"], carrier)
        rows = conn.execute(
            select(readings)
            .where(readings.c.shipment_id == row.id, readings.c.id > after)
            .order_by(readings.c.id)
            .limit(limit + 1)
        ).all()
    more = len(rows) > limit
    rows = rows[:limit]
    return JSONResponse(
        {
            "items": [
                {"id": r.id, "taken_at": r.taken_at, "celsius": tenths_out(r.tenths), "in_range": bool(r.in_range)}
                for r in rows
            ],
            "next_after": rows[-1].id if more else None,
        }
    )


def create_app(
    database_url: str | None = None,
    admin_token: str | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Starlette:
    """Settings not passed come from COLDCHAIN_DATABASE_URL and COLDCHAIN_ADMIN_TOKEN."""
    admin_token = admin_token or os.environ.get("COLDCHAIN_ADMIN_TOKEN")
    if not admin_token:
        raise RuntimeError("COLDCHAIN_ADMIN_TOKEN is not set")
    app = Starlette(
        routes=[
            Route("/admin/clients", create_client, methods=["POST"]),
            Route("/shipments", list_shipments, methods=["GET"]),
            Route("/shipments", create_shipment, methods=["POST"]),
            Route("/shipments/{shipment_id:int}", get_shipment, methods=["GET"]),
            Route("/shipments/{shipment_id:int}/dispatch", dispatch, methods=["POST"]),
            Route("/shipments/{shipment_id:int}/deliver", deliver, methods=["POST"]),
            Route("/shipments/{shipment_id:int}/readings", add_reading, methods=["POST"]),
            Route("/shipments/{shipment_id:int}/readings", list_readings, methods=["GET"]),
        ],
        exception_handlers={Problem: problem_handler},
    )
    app.state.engine = connect(database_url or os.environ.get("COLDCHAIN_DATABASE_URL", "sqlite:///coldchain.db"))
    app.state.admin_token = admin_token
    app.state.clock = clock or (lambda: datetime.now(timezone.utc))
    return app

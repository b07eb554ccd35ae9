from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date
from typing import Literal

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from permits import pricing
from permits.auth import (
    SCOPES,
    Caller,
    get_session,
    hash_key,
    new_key,
    require_admin,
    require_scope,
)
from permits.db import ApiKey, Client, Permit, make_sessionmaker
from permits.errors import ApiError, api_error_handler

PLATE_RE = re.compile(r"^[A-Z0-9]{2,8}$")
ACTIVE_STATES = ("pending", "active")


class ClientIn(BaseModel):
    name: str


class KeyIn(BaseModel):
    scopes: list[str]


class PermitIn(BaseModel):
    plate: str
    zone: str
    starts_on: date
    ends_on: date


def today(request: Request) -> date:
    return request.app.state.clock()


def normalise_plate(raw: str) -> str:
    plate = re.sub(r"[\s-]", "", raw).upper()
    if not PLATE_RE.match(plate):
        raise ApiError(422, "invalid_plate", "a plate has 2 to 8 letters or digits")
    return plate


def shown_status(permit: Permit, on: date) -> str:
    if permit.status == "active" and permit.ends_on < on:
        return "expired"
    return permit.status


def permit_out(permit: Permit, on: date) -> dict:
    return {
        "id": permit.id,
        "plate": permit.plate,
        "zone": permit.zone,
        "starts_on": permit.starts_on.isoformat(),
        "ends_on": permit.ends_on.isoformat(),
        "days": pricing.permit_days(permit.starts_on, permit.ends_on),
        "status": shown_status(permit, on),
        "price_cents": permit.price_cents,
        "refund_cents": permit.refund_cents,
    }


def load_permit(session: Session, permit_id: int, caller: Caller) -> Permit:
    permit = session.get(Permit, permit_id)
    if permit is None or permit.client_id != caller.client_id:
        raise ApiError(404, "not_found", f"permit {permit_id} not found")
    return permit


admin = APIRouter(prefix="/clients", dependencies=[Depends(require_admin)])


@admin.post("", status_code=201)
def create_client(body: ClientIn, session: Session = Depends(get_session)) -> dict:
    name = body.name.strip()
    if not name:
        raise ApiError(422, "invalid_name", "name must not be blank")
    if session.scalar(select(Client).where(Client.name == name)) is not None:
        raise ApiError(409, "duplicate", f"client {name!r} already exists")
    client = Client(name=name)
    session.add(client)
    session.commit()
    return {"id": client.id, "name": client.name}


@admin.post("/{client_id}/keys", status_code=201)
def issue_key(client_id: int, body: KeyIn, session: Session = Depends(get_session)) -> dict:
    if session.get(Client, client_id) is None:
        raise ApiError(404, "not_found", f"client {client_id} not found")
    unknown = [s for s in body.scopes if s not in SCOPES]
    if unknown or not body.scopes:
        raise ApiError(422, "invalid_scopes", f"scopes must be chosen from {', '.join(SCOPES)}")
    raw = new_key()
    key = ApiKey(client_id=client_id, key_hash=hash_key(raw), scopes=" ".join(sorted(set(body.scopes))))
    session.add(key)
    session.commit()
    return {"id": key.id, "key": raw, "scopes": key.scopes.split()}


@admin.delete("/{client_id}/keys/{key_id}", status_code=204)
def revoke_key(client_id: int, key_id: int, session: Session = Depends(get_session)) -> None:
    key = session.get(ApiKey, key_id)
    if key is None or key.client_id != client_id:
        raise ApiError(404, "not_found", f"key {key_id} not found")
    key.revoked = True
    session.commit()


api = APIRouter(prefix="/permits")

SORTS = {
    "starts_on": (Permit.starts_on.asc(), Permit.id.asc()),
    "-starts_on": (Permit.starts_on.desc(), Permit.id.desc()),
    "price": (Permit.price_cents.asc(), Permit.id.asc()),
    "-price": (Permit.price_cents.desc(), Permit.id.desc()),
}


@api.get("")
def list_permits(
    request: Request,
    status: Literal["pending", "active", "expired", "cancelled", "revoked"] | None = None,
    zone: str | None = None,
    plate: str | None = None,
    sort: Literal["starts_on", "-starts_on", "price", "-price"] = "starts_on",
    limit: int = Query(20, ge=1, le=100),
    offset: int = Query(0, ge=0),
    caller: Caller = Depends(require_scope("permits:read")),
    session: Session = Depends(get_session),
) -> dict:
    on = today(request)
    query = select(Permit).where(Permit.client_id == caller.client_id)
    if zone:
        query = query.where(Permit.zone == zone.upper())
    if plate:
        query = query.where(Permit.plate == normalise_plate(plate))
    if status == "expired":
        query = query.where(Permit.status == "active", Permit.ends_on < on)
    elif status == "active":
        query = query.where(Permit.status == "active", Permit.ends_on >= on)
    elif status:
        query = query.where(Permit.status == status)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    rows = session.scalars(query.order_by(*SORTS[sort]).limit(limit).offset(offset)).all()
    return {
        "items": [permit_out(p, on) for p in rows],
        "total": total,
        "limit": limit,
        "offset": offset,
    }


@api.post("", status_code=201)
def request_permit(
    body: PermitIn,
    request: Request,
    caller: Caller = Depends(require_scope("permits:write")),
    session: Session = Depends(get_session),
) -> dict:
    on = today(request)
    plate = normalise_plate(body.plate)
    zone = body.zone.upper()
    if zone not in pricing.ZONE_RATES:
        raise ApiError(422, "invalid_zone", f"unknown zone {body.zone!r}")
    try:
        days = pricing.check_dates(body.starts_on, body.ends_on, on)
    except pricing.PermitRuleError as exc:
        raise ApiError(422, "invalid_dates", str(exc)) from None
    clash = session.scalar(
        select(Permit).where(
            Permit.client_id == caller.client_id,
            Permit.plate == plate,
            Permit.zone == zone,
            Permit.status.in_(ACTIVE_STATES),
            Permit.starts_on <= body.ends_on,
            Permit.ends_on >= body.starts_on,
        )
    )
    if clash is not None:
        raise ApiError(409, "overlap", f"{plate} already has permit {clash.id} in zone {zone} for those dates")
    permit = Permit(
        client_id=caller.client_id,
        plate=plate,
        zone=zone,
        starts_on=body.starts_on,
        ends_on=body.ends_on,
        status="pending",
        price_cents=pricing.price_cents(zone, days),
    )
    session.add(permit)
    session.commit()
    return permit_out(permit, on)


@api.get("/{permit_id}")
def get_permit(
    permit_id: int,
    request: Request,
    caller: Caller = Depends(require_scope("permits:read")),
    session: Session = Depends(get_session),
) -> dict:
    return permit_out(load_permit(session, permit_id, caller), today(request))


def transition(permit: Permit, allowed_from: str, to: str, on: date) -> None:
    current = shown_status(permit, on)
    if current != allowed_from:
        raise ApiError(409, "invalid_transition", f"cannot move a {current} permit to {to}")
    permit.status = to


@api.post("/{permit_id}/approve")
def approve_permit(
    permit_id: int,
    request: Request,
    caller: Caller = Depends(require_scope("permits:approve")),
    session: Session = Depends(get_session),
) -> dict:
    on = today(request)
    permit = load_permit(session, permit_id, caller)
    if permit.status == "pending" and permit.ends_on < on:
        raise ApiError(409, "invalid_transition", "the permit's dates have already passed")
    transition(permit, "pending", "active", on)
    session.commit()
    return permit_out(permit, on)


@api.post("/{permit_id}/cancel")
def cancel_permit(
    permit_id: int,
    request: Request,
    caller: Caller = Depends(require_scope("permits:write")),
    session: Session = Depends(get_session),
) -> dict:
    on = today(request)
    permit = load_permit(session, permit_id, caller)
    transition(permit, "pending", "cancelled", on)
    permit.refund_cents = permit.price_cents
    session.commit()
    return permit_out(permit, on)


@api.post("/{permit_id}/revoke")
def revoke_permit(
    permit_id: int,
    request: Request,
    caller: Caller = Depends(require_scope("permits:approve")),
    session: Session = Depends(get_session),
) -> dict:
    on = today(request)
    permit = load_permit(session, permit_id, caller)
    transition(permit, "active", "revoked", on)
    permit.refund_cents = pricing.refund_cents(permit.price_cents, permit.starts_on, permit.ends_on, on)
    session.commit()
    return permit_out(permit, on)


def create_app(
    database_url: str | None = None,
    admin_token: str | None = None,
    clock: Callable[[], date] | None = None,
) -> FastAPI:
    """Build the app. Settings not passed come from PERMITS_DATABASE_URL and PERMITS_ADMIN_TOKEN."""
    database_url = database_url or os.environ.get("PERMITS_DATABASE_URL", "sqlite:///permits.db")
    admin_token = admin_token or os.environ.get("PERMITS_ADMIN_TOKEN")
    if not admin_token:
        raise RuntimeError("PERMITS_ADMIN_TOKEN is not set")
    app = FastAPI(title="Parking permits")
    app.state.sessions = make_sessionmaker(database_url)
    app.state.admin_token = admin_token
    app.state.clock = clock or date.today
    app.add_exception_handler(ApiError, api_error_handler)
    app.include_router(admin)
    app.include_router(api)
    return app

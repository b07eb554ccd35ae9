"""The HTTP API.

    create_app(database_url=..., secret_key=..., clock=..., allowance_days=...)

Each argument falls back to an environment variable (LEAVE_DATABASE_URL, LEAVE_SECRET_KEY,
LEAVE_ALLOWANCE_DAYS); the secret key has no default. `clock` returns an aware UTC datetime.
"""


import os
import secrets
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from leave.days import working_days
from leave.models import Base, LeaveRequest, RefreshToken, User
from leave.security import (
    REFRESH_TOKEN_DAYS,
    TokenError,
    make_access_token,
    new_refresh_token,
    read_access_token,
    token_digest,
    verify_password,
)

Clock = Callable[[], datetime]


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


class LoginIn(BaseModel):
    email: str
    password: str


class RefreshIn(BaseModel):
    refresh_token: str


class LeaveIn(BaseModel):
    kind: Literal["annual", "sick", "unpaid"]
    start: date
    end: date
    note: str = Field(default="", max_length=500)


class RejectIn(BaseModel):
    reason: str = Field(min_length=1, max_length=500)


def _leave_out(req: LeaveRequest) -> dict:
    return {
        "id": req.id,
        "user_id": req.user_id,
        "kind": req.kind,
        "start": req.start.isoformat(),
        "end": req.end.isoformat(),
        "days": req.days,
        "note": req.note,
        "status": req.status,
        "decided_by": req.decided_by,
        "reason": req.reason,
    }


def create_app(
    database_url: str | None = None,
    secret_key: str | None = None,
    clock: Clock | None = None,
    allowance_days: int | None = None,
) -> FastAPI:
    database_url = database_url or os.environ.get("LEAVE_DATABASE_URL", "sqlite:///leave.db")
    secret_key = secret_key or os.environ.get("LEAVE_SECRET_KEY")
    if not secret_key:
        raise RuntimeError("LEAVE_SECRET_KEY is not set")
    if allowance_days is None:
        allowance_days = int(os.environ.get("LEAVE_ALLOWANCE_DAYS", "25"))
    now = clock or _utcnow

    engine = create_engine(database_url, connect_args={"check_same_thread": False})
    Base.metadata.create_all(engine)
    SessionLocal = sessionmaker(engine, expire_on_commit=False)

    app = FastAPI(title="Leave")
    app.state.engine = engine
    app.state.sessionmaker = SessionLocal

    def get_db() -> Iterator[Session]:
        with SessionLocal() as db:
            yield db

    Db = Annotated[Session, Depends(get_db)]

    def current_user(db: Db, authorization: Annotated[str | None, Header()] = None) -> User:
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
        try:
            user_id = read_access_token(token, secret_key, now())
        except TokenError as exc:
            raise HTTPException(401, str(exc), headers={"WWW-Authenticate": "Bearer"}) from exc
        user = db.get(User, user_id)
        if user is None:
            raise HTTPException(401, "unknown user", headers={"WWW-Authenticate": "Bearer"})
        return user

    CurrentUser = Annotated[User, Depends(current_user)]

    def issue_tokens(db: Session, user: User, family: str) -> dict:
        moment = now()
        refresh = new_refresh_token()
        db.add(
            RefreshToken(
                token_hash=token_digest(refresh),
                user_id=user.id,
                family=family,
                expires_at=_naive(moment + timedelta(days=REFRESH_TOKEN_DAYS)),
            )
        )
        db.commit()
        return {
            "access_token": make_access_token(user.id, secret_key, moment),
            "refresh_token": refresh,
            "token_type": "bearer",
        }

    def revoke_family(db: Session, family: str) -> None:
        for row in db.scalars(select(RefreshToken).where(RefreshToken.family == family)):
            row.revoked = True
        db.commit()

    @app.post("/auth/login")
    def login(body: LoginIn, db: Db) -> dict:
        user = db.scalar(select(User).where(User.email == body.email.strip().lower()))
        if user is None or not verify_password(body.password, user.password_hash):
            raise HTTPException(401, "wrong email or password")
        return issue_tokens(db, user, family=secrets.token_hex(16))

    @app.post("/auth/refresh")
    def refresh(body: RefreshIn, db: Db) -> dict:
        row = db.get(RefreshToken, token_digest(body.refresh_token))
        if row is None:
            raise HTTPException(401, "unknown refresh token")
        if row.revoked or row.used_at is not None:
            # A refresh token is good for one use. Seeing it again means it leaked: end the whole session.
            revoke_family(db, row.family)
            raise HTTPException(401, "refresh token already used; session revoked")
        moment = _naive(now())
        if row.expires_at <= moment:
            raise HTTPException(401, "refresh token expired")
        row.used_at = moment
        user = db.get(User, row.user_id)
        return issue_tokens(db, user, family=row.family)

    @app.post("/auth/logout", status_code=204)
    def logout(body: RefreshIn, db: Db) -> Response:
        row = db.get(RefreshToken, token_digest(body.refresh_token))
        if row is not None:
            revoke_family(db, row.family)
        return Response(status_code=204)

    @app.get("/me")
    def me(user: CurrentUser) -> dict:
        return {"id": user.id, "email": user.email, "name": user.name, "role": user.role,
                "manager_id": user.manager_id}

    def today() -> date:
        return now().astimezone(UTC).date()

    def visible(req: LeaveRequest, user: User) -> bool:
        return req.user_id == user.id or req.user.manager_id == user.id

    def load(db: Session, request_id: int, user: User) -> LeaveRequest:
        req = db.get(LeaveRequest, request_id)
        if req is None or not visible(req, user):
            raise HTTPException(404, "leave request not found")
        return req

    def booked_days(db: Session, user_id: int, year: int, statuses: tuple[str, ...]) -> int:
        total = db.scalar(
            select(func.coalesce(func.sum(LeaveRequest.days), 0)).where(
                LeaveRequest.user_id == user_id,
                LeaveRequest.kind == "annual",
                LeaveRequest.status.in_(statuses),
                LeaveRequest.start >= date(year, 1, 1),
                LeaveRequest.start <= date(year, 12, 31),
            )
        )
        return int(total)

    @app.post("/requests", status_code=201)
    def create_request(body: LeaveIn, user: CurrentUser, db: Db) -> dict:
        if body.end < body.start:
            raise HTTPException(422, "end is before start")
        if body.start.year != body.end.year:
            raise HTTPException(422, "a request cannot span two years; split it")
        if body.kind != "sick" and body.start < today():
            raise HTTPException(422, "start is in the past")
        days = working_days(body.start, body.end)
        if days == 0:
            raise HTTPException(422, "the request covers no working days")
        req = LeaveRequest(
            user_id=user.id, kind=body.kind, start=body.start, end=body.end, days=days, note=body.note,
            status="draft", created_at=_naive(now()),
        )
        db.add(req)
        db.commit()
        return _leave_out(req)

    @app.get("/requests")
    def list_requests(
        user: CurrentUser,
        db: Db,
        scope: Literal["mine", "team"] = "mine",
        status: Literal["draft", "submitted", "approved", "rejected", "cancelled"] | None = None,
        year: int | None = None,
        sort: Literal["start", "-start", "created"] = "start",
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict:
        if scope == "team":
            if user.role != "manager":
                raise HTTPException(403, "only managers can list their team's requests")
            query = select(LeaveRequest).join(LeaveRequest.user).where(User.manager_id == user.id)
        else:
            query = select(LeaveRequest).where(LeaveRequest.user_id == user.id)
        if status is not None:
            query = query.where(LeaveRequest.status == status)
        if year is not None:
            query = query.where(LeaveRequest.start >= date(year, 1, 1), LeaveRequest.start <= date(year, 12, 31))
        total = db.scalar(select(func.count()).select_from(query.subquery()))
        order = {
            "start": (LeaveRequest.start.asc(), LeaveRequest.id.asc()),
            "-start": (LeaveRequest.start.desc(), LeaveRequest.id.desc()),
            "created": (LeaveRequest.created_at.asc(), LeaveRequest.id.asc()),
        }[sort]
        rows = db.scalars(query.order_by(*order).limit(limit).offset(offset)).all()
        return {"items": [_leave_out(r) for r in rows], "total": total, "limit": limit, "offset": offset}

    @app.get("/requests/{request_id}")
    def get_request(request_id: int, user: CurrentUser, db: Db) -> dict:
        return _leave_out(load(db, request_id, user))

    @app.post("/requests/{request_id}/submit")
    def submit(request_id: int, user: CurrentUser, db: Db) -> dict:
        req = load(db, request_id, user)
        if req.user_id != user.id:
            raise HTTPException(403, "only the requester can submit")
        if req.status != "draft":
            raise HTTPException(409, f"cannot submit a {req.status} request")
        if req.kind == "annual":
            booked = booked_days(db, user.id, req.start.year, ("submitted", "approved"))
            if booked + req.days > allowance_days:
                left = max(allowance_days - booked, 0)
                raise HTTPException(409, f"exceeds the annual allowance: {left} days left")
        req.status = "submitted"
        db.commit()
        return _leave_out(req)

    def decide(request_id: int, user: User, db: Session, status: str, reason: str | None) -> dict:
        req = load(db, request_id, user)
        if req.user.manager_id != user.id:
            raise HTTPException(403, "only the requester's manager can decide")
        if req.status != "submitted":
            raise HTTPException(409, f"cannot decide a {req.status} request")
        req.status = status
        req.decided_by = user.id
        req.reason = reason
        db.commit()
        return _leave_out(req)

    @app.post("/requests/{request_id}/approve")
    def approve(request_id: int, user: CurrentUser, db: Db) -> dict:
        return decide(request_id, user, db, "approved", None)

    @app.post("/requests/{request_id}/reject")
    def reject(request_id: int, body: RejectIn, user: CurrentUser, db: Db) -> dict:
        return decide(request_id, user, db, "rejected", body.reason)

    @app.post("/requests/{request_id}/cancel")
    def cancel(request_id: int, user: CurrentUser, db: Db) -> dict:
        req = load(db, request_id, user)
        if req.user_id != user.id:
            raise HTTPException(403, "only the requester can cancel")
        if req.status in ("rejected", "cancelled"):
            raise HTTPException(409, f"cannot cancel a {req.status} request")
        if req.status == "approved" and req.start <= today():
            raise HTTPException(409, "approved leave that has started cannot be cancelled")
        req.status = "cancelled"
        db.commit()
        return _leave_out(req)

    @app.get("/balance")
    def balance(user: CurrentUser, db: Db, year: int | None = None) -> dict:
        year = year or today().year
        approved = booked_days(db, user.id, year, ("approved",))
        pending = booked_days(db, user.id, year, ("submitted",))
        return {
            "year": year,
            "allowance": allowance_days,
            "approved": approved,
            "pending": pending,
            "remaining": allowance_days - approved - pending,
        }

    return app

from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .db import Account, Base, Event, Rsvp, engine, get_db
from .security import create_token, hash_password, read_token, verify_password


@asynccontextmanager
async def lifespan(app: FastAPI):
    Base.metadata.create_all(engine)
    yield


app = FastAPI(title="Events", lifespan=lifespan)
bearer = HTTPBearer(auto_error=False)
DB = Annotated[Session, Depends(get_db)]


class Credentials(BaseModel):
    username: str = Field(min_length=3, max_length=40, pattern=r"^[a-z0-9_]+$")
    password: str = Field(min_length=8)


class EventIn(BaseModel):
    title: str = Field(min_length=1, max_length=100)
    capacity: int = Field(ge=1, le=500)


class EventOut(BaseModel):
    id: int
    title: str
    capacity: int
    organizer: str
    attending: int


def current_account(
    db: DB, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> Account:
    username = read_token(credentials.credentials) if credentials else None
    account = db.scalar(select(Account).where(Account.username == username)) if username else None
    if account is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "not authenticated", {"WWW-Authenticate": "Bearer"})
    return account


Me = Annotated[Account, Depends(current_account)]


def _out(db: Session, event: Event) -> EventOut:
    attending = db.scalar(select(func.count()).select_from(Rsvp).where(Rsvp.event_id == event.id))
    organizer = db.get(Account, event.organizer_id)
    return EventOut(id=event.id, title=event.title, capacity=event.capacity, organizer=organizer.username,
                    attending=attending)


def _event(db: Session, event_id: int) -> Event:
    event = db.get(Event, event_id)
    if event is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such event")
    return event


@app.post("/accounts", status_code=status.HTTP_201_CREATED)
def register(body: Credentials, db: DB) -> dict[str, str]:
    db.add(Account(username=body.username, password_hash=hash_password(body.password)))
    try:
        db.commit()
    except IntegrityError:
        raise HTTPException(status.HTTP_409_CONFLICT, "username taken") from None
    return {"username": body.username}


@app.post("/token")
def login(body: Credentials, db: DB) -> dict[str, str]:
    account = db.scalar(select(Account).where(Account.username == body.username))
    if account is None or not verify_password(body.password, account.password_hash):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "wrong username or password")
    return {"access_token": create_token(account.username), "token_type": "bearer"}


@app.post("/events", status_code=status.HTTP_201_CREATED)
def create_event(body: EventIn, db: DB, me: Me) -> EventOut:
    event = Event(title=body.title, capacity=body.capacity, organizer_id=me.id)
    db.add(event)
    db.commit()
    return _out(db, event)


@app.get("/events/{event_id}")
def read_event(event_id: int, db: DB) -> EventOut:
    return _out(db, _event(db, event_id))


@app.post("/events/{event_id}/rsvp", status_code=status.HTTP_201_CREATED)
def rsvp(event_id: int, db: DB, me: Me) -> EventOut:
    event = _event(db, event_id)
    if db.scalar(select(Rsvp).where(Rsvp.event_id == event_id, Rsvp.account_id == me.id)):
        raise HTTPException(status.HTTP_409_CONFLICT, "already attending")
    attending = db.scalar(select(func.count()).select_from(Rsvp).where(Rsvp.event_id == event_id))
    if attending >= event.capacity:
        raise HTTPException(status.HTTP_409_CONFLICT, "event is full")
    db.add(Rsvp(event_id=event_id, account_id=me.id))
    db.commit()
    return _out(db, event)


@app.delete("/events/{event_id}/rsvp", status_code=status.HTTP_204_NO_CONTENT)
def cancel_rsvp(event_id: int, db: DB, me: Me) -> None:
    _event(db, event_id)
    rsvp = db.scalar(select(Rsvp).where(Rsvp.event_id == event_id, Rsvp.account_id == me.id))
    if rsvp is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "not attending")
    db.delete(rsvp)
    db.commit()


@app.delete("/events/{event_id}", status_code=status.HTTP_204_NO_CONTENT)
def cancel_event(event_id: int, db: DB, me: Me) -> None:
    event = _event(db, event_id)
    if event.organizer_id != me.id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "only the organizer can cancel an event")
    for rsvp in db.scalars(select(Rsvp).where(Rsvp.event_id == event_id)):
        db.delete(rsvp)
    db.delete(event)
    db.commit()

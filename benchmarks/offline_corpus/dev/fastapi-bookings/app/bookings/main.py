from contextlib import asynccontextmanager
from datetime import date, datetime, time, timedelta, timezone
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Response, status
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from .auth import AdminUser, CurrentUser, hash_key, new_api_key
from .config import Settings, get_settings
from .db import SessionDep, create_db_and_tables, get_engine
from .models import (
    Booking,
    BookingCreate,
    BookingRead,
    Room,
    RoomCreate,
    RoomRead,
    User,
    UserCreate,
    UserCreated,
    UserRead,
)


def seed_admin(settings: Settings) -> None:
    if not settings.admin_api_key:
        return
    with Session(get_engine(settings.database_url)) as session:
        key_hash = hash_key(settings.admin_api_key)
        if session.exec(select(User).where(User.api_key_hash == key_hash)).first() is None:
            session.add(User(name="admin", api_key_hash=key_hash, is_admin=True))
            session.commit()


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = get_settings()
    create_db_and_tables(settings)
    seed_admin(settings)
    yield


app = FastAPI(title="Meeting-room bookings", lifespan=lifespan)

SettingsDep = Annotated[Settings, Depends(get_settings)]


@app.post("/users", response_model=UserCreated, status_code=status.HTTP_201_CREATED)
def create_user(body: UserCreate, session: SessionDep, admin: AdminUser):
    """Create a user and return its API key; the key is shown only this once."""
    api_key = new_api_key()
    user = User(name=body.name, is_admin=body.is_admin, api_key_hash=hash_key(api_key))
    session.add(user)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise HTTPException(status.HTTP_409_CONFLICT, f"User {body.name!r} already exists") from None
    session.refresh(user)
    return UserCreated(id=user.id, name=user.name, is_admin=user.is_admin, api_key=api_key)


@app.get("/me", response_model=UserRead)
def me(user: CurrentUser):
    return user


@app.post("/rooms", response_model=RoomRead, status_code=status.HTTP_201_CREATED)
def create_room(body: RoomCreate, session: SessionDep, admin: AdminUser):
    room = Room.model_validate(body)
    session.add(room)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise HTTPException(status.HTTP_409_CONFLICT, f"Room {body.name!r} already exists") from None
    session.refresh(room)
    return room


@app.get("/rooms", response_model=list[RoomRead])
def list_rooms(session: SessionDep, user: CurrentUser):
    return session.exec(select(Room).order_by(Room.name)).all()


def get_room(session: Session, room_id: int) -> Room:
    room = session.get(Room, room_id)
    if room is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Room not found")
    return room


@app.post("/rooms/{room_id}/bookings", response_model=BookingRead, status_code=status.HTTP_201_CREATED)
def book_room(room_id: int, body: BookingCreate, session: SessionDep, user: CurrentUser, settings: SettingsDep):
    get_room(session, room_id)
    if body.end - body.start > timedelta(minutes=settings.max_booking_minutes):
        raise HTTPException(
            422,
            f"A booking may last at most {settings.max_booking_minutes} minutes",
        )
    clash = session.exec(
        select(Booking).where(
            Booking.room_id == room_id,
            Booking.start < body.end,
            Booking.end > body.start,
        )
    ).first()
    if clash is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, f"The room is already booked from {clash.start} to {clash.end}")
    booking = Booking(room_id=room_id, user_id=user.id, title=body.title, start=body.start, end=body.end)
    session.add(booking)
    session.commit()
    session.refresh(booking)
    return booking


@app.get("/rooms/{room_id}/bookings", response_model=list[BookingRead])
def list_bookings(
    room_id: int,
    session: SessionDep,
    user: CurrentUser,
    on: Annotated[date | None, Query(alias="date", description="only bookings that take place (partly) on this day, in UTC")] = None,
):
    get_room(session, room_id)
    query = select(Booking).where(Booking.room_id == room_id)
    if on is not None:
        day_start = datetime.combine(on, time.min, tzinfo=timezone.utc)
        day_end = day_start + timedelta(days=1)
        query = query.where(Booking.start < day_end, Booking.end > day_start)
    return session.exec(query.order_by(Booking.start)).all()


@app.delete("/bookings/{booking_id}", status_code=status.HTTP_204_NO_CONTENT)
def cancel_booking(booking_id: int, session: SessionDep, user: CurrentUser):
    booking = session.get(Booking, booking_id)
    if booking is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Booking not found")
    if booking.user_id != user.id:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "You can only cancel your own bookings")
    session.delete(booking)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)

from collections.abc import Iterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta, timezone
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from .db import Base, Booking, Ride, User, hash_token, seed_users
from .schemas import BookingIn, BookingOut, RideIn, RideOut
from .settings import Settings


@asynccontextmanager
async def lifespan(app: FastAPI):
    settings = Settings()
    engine = create_engine(settings.database_url, connect_args={"check_same_thread": False})
    Base.metadata.create_all(engine)
    app.state.settings = settings
    app.state.sessions = sessionmaker(engine, expire_on_commit=False)
    with app.state.sessions() as session:
        seed_users(session, settings.users)
    yield
    engine.dispose()


app = FastAPI(title="Carpool", lifespan=lifespan)
bearer = HTTPBearer(auto_error=False)


def get_db(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


def get_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


DB = Annotated[Session, Depends(get_db)]
Now = Annotated[datetime, Depends(get_now)]


def current_user(db: DB, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> User:
    user = None
    if credentials is not None:
        user = db.scalar(select(User).where(User.token_hash == hash_token(credentials.credentials)))
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token", headers={"WWW-Authenticate": "Bearer"})
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def seats_taken(db: Session, ride_id: int) -> int:
    return db.scalar(
        select(func.coalesce(func.sum(Booking.seats), 0)).where(
            Booking.ride_id == ride_id, Booking.cancelled_at.is_(None)
        )
    )


def ride_out(db: Session, ride: Ride) -> RideOut:
    return RideOut(
        id=ride.id,
        driver=ride.driver,
        origin=ride.origin,
        destination=ride.destination,
        departs_at=ride.departs_at.replace(tzinfo=timezone.utc),
        seats=ride.seats,
        seats_left=ride.seats - seats_taken(db, ride.id),
        price=money(ride.price_cents),
        cancelled=ride.cancelled,
    )


def booking_out(db: Session, booking: Booking) -> BookingOut:
    ride = db.get(Ride, booking.ride_id)
    return BookingOut(
        id=booking.id,
        ride_id=booking.ride_id,
        passenger=booking.passenger,
        seats=booking.seats,
        total=money(ride.price_cents * booking.seats),
        cancelled=booking.cancelled_at is not None,
    )


def get_ride(db: Session, ride_id: int) -> Ride:
    ride = db.get(Ride, ride_id)
    if ride is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "ride not found")
    return ride


@app.get("/me")
def me(user: CurrentUser):
    return {"name": user.name, "is_admin": user.is_admin}


@app.post("/rides", response_model=RideOut, status_code=status.HTTP_201_CREATED)
def offer_ride(body: RideIn, user: CurrentUser, db: DB, now: Now, response: Response):
    if body.departs_at <= now:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "departure must be in the future")
    ride = Ride(
        driver=user.name,
        origin=body.origin.strip(),
        destination=body.destination.strip(),
        departs_at=body.departs_at,
        seats=body.seats,
        price_cents=int(body.price * 100),
    )
    db.add(ride)
    db.commit()
    response.headers["Location"] = f"/rides/{ride.id}"
    return ride_out(db, ride)


@app.get("/rides", response_model=list[RideOut])
def search_rides(
    user: CurrentUser,
    db: DB,
    now: Now,
    origin: str | None = None,
    destination: str | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
):
    query = select(Ride).where(Ride.cancelled.is_(False), Ride.departs_at > now)
    if origin:
        query = query.where(func.lower(Ride.origin) == origin.strip().lower())
    if destination:
        query = query.where(func.lower(Ride.destination) == destination.strip().lower())
    rides = db.scalars(query.order_by(Ride.departs_at, Ride.id).limit(limit).offset(offset))
    return [ride_out(db, ride) for ride in rides]


@app.get("/rides/{ride_id}", response_model=RideOut)
def show_ride(ride_id: int, user: CurrentUser, db: DB):
    return ride_out(db, get_ride(db, ride_id))


@app.delete("/rides/{ride_id}", status_code=status.HTTP_204_NO_CONTENT)
def cancel_ride(ride_id: int, user: CurrentUser, db: DB):
    ride = get_ride(db, ride_id)
    if ride.driver != user.name and not user.is_admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "only the driver or an admin can cancel a ride")
    ride.cancelled = True
    db.commit()


@app.post("/rides/{ride_id}/bookings", response_model=BookingOut, status_code=status.HTTP_201_CREATED)
def book(ride_id: int, body: BookingIn, user: CurrentUser, db: DB, now: Now):
    ride = get_ride(db, ride_id)
    if ride.cancelled or ride.departs_at <= now:
        raise HTTPException(status.HTTP_409_CONFLICT, "ride is no longer open")
    if ride.driver == user.name:
        raise HTTPException(status.HTTP_409_CONFLICT, "drivers cannot book their own ride")
    active = db.scalar(
        select(Booking).where(
            Booking.ride_id == ride.id, Booking.passenger == user.name, Booking.cancelled_at.is_(None)
        )
    )
    if active is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, "you already have a booking on this ride")
    if body.seats > ride.seats - seats_taken(db, ride.id):
        raise HTTPException(status.HTTP_409_CONFLICT, "not enough seats left")
    booking = Booking(ride_id=ride.id, passenger=user.name, seats=body.seats)
    db.add(booking)
    db.commit()
    return booking_out(db, booking)


@app.get("/me/bookings", response_model=list[BookingOut])
def my_bookings(user: CurrentUser, db: DB):
    bookings = db.scalars(select(Booking).where(Booking.passenger == user.name).order_by(Booking.id))
    return [booking_out(db, booking) for booking in bookings]


@app.delete("/rides/{ride_id}/bookings/{booking_id}", status_code=status.HTTP_204_NO_CONTENT)
def cancel_booking(
    ride_id: int,
    booking_id: int,
    user: CurrentUser,
    db: DB,
    now: Now,
    settings: Annotated[Settings, Depends(get_settings)],
):
    ride = get_ride(db, ride_id)
    booking = db.get(Booking, booking_id)
    if booking is None or booking.ride_id != ride.id or booking.passenger != user.name:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "booking not found")
    if booking.cancelled_at is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, "booking already cancelled")
    if ride.departs_at - now < timedelta(minutes=settings.cancel_cutoff_minutes):
        raise HTTPException(status.HTTP_409_CONFLICT, "too late to cancel")
    booking.cancelled_at = now
    db.commit()

import secrets
from contextlib import asynccontextmanager
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from fastapi import FastAPI, HTTPException, Response, status
from sqlalchemy import create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker

from .booking import BookingError, book, from_utc_naive, to_utc_naive
from .deps import AdminDep, DbDep, SettingsDep, UserDep, hash_token
from .models import Base, Reservation, Room, User
from .schemas import ReservationIn, ReservationOut, RoomIn, RoomOut, UserCreated, UserIn
from .settings import Settings


def reservation_out(reservation: Reservation, zone: ZoneInfo) -> ReservationOut:
    return ReservationOut(
        id=reservation.id,
        room_id=reservation.room_id,
        user_id=reservation.user_id,
        title=reservation.title,
        start=from_utc_naive(reservation.start, zone),
        end=from_utc_naive(reservation.end, zone),
        series=reservation.series,
    )


def get_room(db, room_id: int) -> Room:
    room = db.get(Room, room_id)
    if room is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="room not found")
    return room


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    connect_args = {"check_same_thread": False} if settings.database_url.startswith("sqlite") else {}
    engine = create_engine(settings.database_url, connect_args=connect_args)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        Base.metadata.create_all(engine)
        yield
        engine.dispose()

    app = FastAPI(title="roombook", lifespan=lifespan)
    app.state.settings = settings
    app.state.sessionmaker = sessionmaker(engine, expire_on_commit=False)

    @app.post("/users", status_code=status.HTTP_201_CREATED, response_model=UserCreated)
    def create_user(payload: UserIn, response: Response, db: DbDep) -> UserCreated:
        token = secrets.token_urlsafe(24)
        user = User(name=payload.name, token_hash=hash_token(token))
        db.add(user)
        db.commit()
        response.headers["Location"] = f"/users/{user.id}"
        return UserCreated(id=user.id, name=user.name, token=token)

    @app.get("/users/{user_id}")
    def read_user(user_id: int, me: UserDep) -> dict:
        if user_id != me.id:
            raise HTTPException(status.HTTP_404_NOT_FOUND, detail="user not found")
        return {"id": me.id, "name": me.name}

    @app.post("/rooms", status_code=status.HTTP_201_CREATED, response_model=RoomOut)
    def create_room(payload: RoomIn, db: DbDep, admin: AdminDep) -> Room:
        room = Room(**payload.model_dump())
        db.add(room)
        try:
            db.commit()
        except IntegrityError:
            db.rollback()
            raise HTTPException(status.HTTP_409_CONFLICT, detail=f"a room named {payload.name!r} exists")
        return room

    @app.get("/rooms", response_model=list[RoomOut])
    def list_rooms(db: DbDep) -> list[Room]:
        return list(db.scalars(select(Room).order_by(Room.name)))

    @app.get("/rooms/{room_id}/reservations", response_model=list[ReservationOut])
    def list_reservations(room_id: int, db: DbDep, day: date | None = None) -> list[ReservationOut]:
        """The room's reservations, in the room's time zone; ``day`` is a date in that zone."""
        room = get_room(db, room_id)
        zone = ZoneInfo(room.timezone)
        query = select(Reservation).where(Reservation.room_id == room.id).order_by(Reservation.start)
        if day is not None:
            day_start = datetime.combine(day, time(0), tzinfo=zone)
            day_end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
            query = query.where(Reservation.start >= to_utc_naive(day_start)).where(
                Reservation.start < to_utc_naive(day_end)
            )
        return [reservation_out(r, zone) for r in db.scalars(query)]

    @app.post("/rooms/{room_id}/reservations", status_code=status.HTTP_201_CREATED, response_model=list[ReservationOut])
    def reserve(room_id: int, payload: ReservationIn, db: DbDep, user: UserDep, settings: SettingsDep):
        room = get_room(db, room_id)
        if payload.weeks > settings.max_occurrences:
            raise HTTPException(422, detail=f"at most {settings.max_occurrences} weekly occurrences")
        series = secrets.token_hex(8) if payload.weeks > 1 else None
        try:
            created = book(
                db, room, user.id, payload.title, payload.start, payload.end,
                payload.weeks, settings.weekly_quota_hours, series,
            )
        except BookingError as exc:
            db.rollback()
            raise HTTPException(exc.status_code, detail=exc.detail) from exc
        zone = ZoneInfo(room.timezone)
        return [reservation_out(r, zone) for r in created]

    @app.delete("/reservations/{reservation_id}", status_code=status.HTTP_204_NO_CONTENT)
    def cancel(reservation_id: int, db: DbDep, user: UserDep) -> Response:
        reservation = db.get(Reservation, reservation_id)
        if reservation is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, detail="reservation not found")
        if reservation.user_id != user.id:
            raise HTTPException(status.HTTP_403_FORBIDDEN, detail="not your reservation")
        db.delete(reservation)
        db.commit()
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    return app

from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, HTTPException, Query, Response
from pydantic import BaseModel, Field
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from .models import Base, Trip, User, Vehicle
from .security import admin_user, current_user, get_db, hash_password, issue_token, verify_password
from .settings import Settings


class Registration(BaseModel):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    name: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=8)


class Login(BaseModel):
    email: str
    password: str


class VehicleIn(BaseModel):
    plate: str = Field(min_length=2, max_length=20)
    model: str
    odometer_km: int = Field(default=0, ge=0)


class TripIn(BaseModel):
    start_km: int = Field(ge=0)
    end_km: int = Field(ge=0)
    purpose: str = Field(min_length=1, max_length=200)


def vehicle_out(vehicle: Vehicle, interval: int) -> dict:
    return {
        "id": vehicle.id,
        "plate": vehicle.plate,
        "model": vehicle.model,
        "odometer_km": vehicle.odometer_km,
        "service_due": vehicle.odometer_km - vehicle.last_service_km >= interval,
    }


def trip_out(trip: Trip) -> dict:
    return {"id": trip.id, "vehicle_id": trip.vehicle_id, "driver_id": trip.driver_id, "start_km": trip.start_km,
            "end_km": trip.end_km, "distance_km": trip.end_km - trip.start_km, "purpose": trip.purpose}


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    engine = create_engine(settings.database_url, connect_args={"check_same_thread": False})

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        Base.metadata.create_all(engine)
        yield
        engine.dispose()

    app = FastAPI(title="Fleet log", lifespan=lifespan)
    app.state.settings = settings
    app.state.sessions = sessionmaker(engine, expire_on_commit=False)

    def active_vehicle(vehicle_id: int, db: Session) -> Vehicle:
        vehicle = db.get(Vehicle, vehicle_id)
        if vehicle is None or vehicle.retired:
            raise HTTPException(404, "vehicle not found")
        return vehicle

    @app.post("/auth/register", status_code=201)
    def register(body: Registration, db: Session = Depends(get_db)):
        email = body.email.lower()
        if db.scalar(select(User).where(User.email == email)):
            raise HTTPException(409, "email already registered")
        role = "admin" if email in settings.admin_emails else "driver"
        user = User(email=email, name=body.name, password_hash=hash_password(body.password), role=role)
        db.add(user)
        db.commit()
        return {"id": user.id, "email": user.email, "role": user.role}

    @app.post("/auth/token")
    def token(body: Login, db: Session = Depends(get_db)):
        user = db.scalar(select(User).where(User.email == body.email.lower()))
        if user is None or not verify_password(body.password, user.password_hash):
            raise HTTPException(401, "wrong email or password")
        return {"access_token": issue_token(user, settings.secret_key, settings.token_minutes), "token_type": "bearer"}

    @app.get("/vehicles")
    def list_vehicles(user: User = Depends(current_user), db: Session = Depends(get_db)):
        vehicles = db.scalars(select(Vehicle).where(Vehicle.retired.is_(False)).order_by(Vehicle.plate))
        return [vehicle_out(v, settings.service_interval_km) for v in vehicles]

    @app.post("/vehicles", status_code=201)
    def add_vehicle(body: VehicleIn, admin: User = Depends(admin_user), db: Session = Depends(get_db)):
        plate = body.plate.replace(" ", "").upper()
        if db.scalar(select(Vehicle).where(Vehicle.plate == plate)):
            raise HTTPException(409, "plate already registered")
        vehicle = Vehicle(plate=plate, model=body.model, odometer_km=body.odometer_km,
                          last_service_km=body.odometer_km)
        db.add(vehicle)
        db.commit()
        return vehicle_out(vehicle, settings.service_interval_km)

    @app.get("/vehicles/{vehicle_id}")
    def get_vehicle(vehicle_id: int, user: User = Depends(current_user), db: Session = Depends(get_db)):
        return vehicle_out(active_vehicle(vehicle_id, db), settings.service_interval_km)

    @app.delete("/vehicles/{vehicle_id}", status_code=204)
    def retire_vehicle(vehicle_id: int, admin: User = Depends(admin_user), db: Session = Depends(get_db)):
        active_vehicle(vehicle_id, db).retired = True
        db.commit()
        return Response(status_code=204)

    @app.post("/vehicles/{vehicle_id}/service")
    def record_service(vehicle_id: int, admin: User = Depends(admin_user), db: Session = Depends(get_db)):
        vehicle = active_vehicle(vehicle_id, db)
        vehicle.last_service_km = vehicle.odometer_km
        db.commit()
        return vehicle_out(vehicle, settings.service_interval_km)

    @app.post("/vehicles/{vehicle_id}/trips", status_code=201)
    def log_trip(vehicle_id: int, body: TripIn, user: User = Depends(current_user), db: Session = Depends(get_db)):
        vehicle = active_vehicle(vehicle_id, db)
        if body.start_km < vehicle.odometer_km:
            raise HTTPException(422, "start_km is below the vehicle's odometer")
        if body.end_km <= body.start_km:
            raise HTTPException(422, "end_km must be greater than start_km")
        trip = Trip(vehicle_id=vehicle.id, driver_id=user.id, start_km=body.start_km, end_km=body.end_km,
                    purpose=body.purpose)
        vehicle.odometer_km = body.end_km
        db.add(trip)
        db.commit()
        return trip_out(trip)

    @app.get("/trips")
    def list_trips(
        limit: int = Query(20, ge=1, le=100),
        offset: int = Query(0, ge=0),
        user: User = Depends(current_user),
        db: Session = Depends(get_db),
    ):
        query = select(Trip)
        if user.role != "admin":
            query = query.where(Trip.driver_id == user.id)
        total = db.scalar(select(func.count()).select_from(query.subquery()))
        trips = db.scalars(query.order_by(Trip.id).limit(limit).offset(offset))
        return {"items": [trip_out(t) for t in trips], "total": total, "limit": limit, "offset": offset}

    return app

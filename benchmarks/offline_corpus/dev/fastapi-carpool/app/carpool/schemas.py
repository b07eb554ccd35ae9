from datetime import datetime, timezone
from decimal import Decimal

from pydantic import BaseModel, Field, field_validator


class RideIn(BaseModel):
    origin: str = Field(min_length=1, max_length=80)
    destination: str = Field(min_length=1, max_length=80)
    departs_at: datetime
    seats: int = Field(ge=1, le=6)
    price: Decimal = Field(ge=0, max_digits=6, decimal_places=2)

    @field_validator("departs_at")
    @classmethod
    def to_utc(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("departs_at needs a timezone")
        return value.astimezone(timezone.utc).replace(tzinfo=None)


class RideOut(BaseModel):
    id: int
    driver: str
    origin: str
    destination: str
    departs_at: datetime
    seats: int
    seats_left: int
    price: str
    cancelled: bool


class BookingIn(BaseModel):
    seats: int = Field(default=1, ge=1, le=6)


class BookingOut(BaseModel):
    id: int
    ride_id: int
    passenger: str
    seats: int
    total: str
    cancelled: bool

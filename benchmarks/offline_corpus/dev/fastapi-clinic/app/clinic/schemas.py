from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class UserCreate(BaseModel):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)
    full_name: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=8)
    role: Literal["patient", "doctor"] = "patient"


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    full_name: str
    role: str


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


class SlotCreate(BaseModel):
    start: datetime
    duration_minutes: int = Field(ge=10, le=120)


class SlotOut(BaseModel):
    id: int
    doctor_id: int
    start: datetime
    end: datetime
    duration_minutes: int
    booked: bool


class SlotPage(BaseModel):
    items: list[SlotOut]
    total: int
    page: int
    size: int


class BookingCreate(BaseModel):
    slot_id: int


class AppointmentOut(BaseModel):
    id: int
    doctor_id: int
    doctor_name: str
    start: datetime
    end: datetime
    duration_minutes: int

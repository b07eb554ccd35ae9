from datetime import datetime, timezone

from pydantic import field_validator, model_validator
from sqlmodel import Field, SQLModel


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    api_key_hash: str = Field(index=True, unique=True)
    is_admin: bool = False


class Room(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    capacity: int


class Booking(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    room_id: int = Field(foreign_key="room.id", index=True)
    user_id: int = Field(foreign_key="user.id")
    title: str
    start: datetime = Field(index=True)
    end: datetime


class UserCreate(SQLModel):
    name: str = Field(min_length=1, max_length=50)
    is_admin: bool = False


class UserRead(SQLModel):
    id: int
    name: str
    is_admin: bool


class UserCreated(UserRead):
    api_key: str


class RoomCreate(SQLModel):
    name: str = Field(min_length=1, max_length=50)
    capacity: int = Field(ge=1)


class RoomRead(SQLModel):
    id: int
    name: str
    capacity: int


class BookingCreate(SQLModel):
    title: str = Field(min_length=1, max_length=200)
    start: datetime
    end: datetime

    @field_validator("start", "end")
    @classmethod
    def in_utc(cls, value: datetime) -> datetime:
        """Times with an offset are converted to UTC; naive times are taken as UTC already."""
        if value.utcoffset() is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)

    @model_validator(mode="after")
    def end_after_start(self) -> "BookingCreate":
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self


class BookingRead(SQLModel):
    id: int
    room_id: int
    user_id: int
    title: str
    start: datetime
    end: datetime

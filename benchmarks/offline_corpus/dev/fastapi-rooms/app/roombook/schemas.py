from datetime import date, datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AwareDatetime, BaseModel, Field, field_validator, model_validator


class UserIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)


class UserCreated(BaseModel):
    id: int
    name: str
    token: str


class RoomIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    timezone: str
    opens: time
    closes: time
    capacity: int = Field(ge=1, le=500)

    @field_validator("timezone")
    @classmethod
    def known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @model_validator(mode="after")
    def opens_before_closes(self):
        if self.opens >= self.closes:
            raise ValueError("opens must be before closes")
        return self


class RoomOut(BaseModel):
    id: int
    name: str
    timezone: str
    opens: time
    closes: time
    capacity: int


class ReservationIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    start: AwareDatetime
    end: AwareDatetime
    weeks: int = Field(default=1, ge=1, description="how many weekly occurrences to book, this one included")

    @model_validator(mode="after")
    def end_after_start(self):
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self


class ReservationOut(BaseModel):
    id: int
    room_id: int
    user_id: int
    title: str
    start: datetime
    end: datetime
    series: str | None

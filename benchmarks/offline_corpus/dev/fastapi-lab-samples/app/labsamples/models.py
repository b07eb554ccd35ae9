from __future__ import annotations

from datetime import datetime
from enum import Enum

from pydantic import BaseModel, Field, field_validator


class Kind(str, Enum):
    blood = "blood"
    soil = "soil"
    water = "water"


class Status(str, Enum):
    received = "received"
    testing = "testing"
    reported = "reported"
    discarded = "discarded"


class SampleIn(BaseModel):
    code: str = Field(min_length=3, max_length=20, pattern=r"^[A-Za-z0-9-]+$")
    kind: Kind
    collected_at: datetime

    @field_validator("collected_at")
    @classmethod
    def needs_timezone(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("collected_at needs a timezone")
        return value


class SampleOut(BaseModel):
    id: int
    code: str
    kind: Kind
    collected_at: datetime
    status: Status
    version: int
    notes: str
    created_by: str


class Transition(BaseModel):
    to: Status
    version: int


class NotesIn(BaseModel):
    notes: str = Field(max_length=500)
    version: int

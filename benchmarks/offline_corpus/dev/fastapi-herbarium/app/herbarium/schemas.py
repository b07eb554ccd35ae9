from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

MIN_ELEVATION = -430  # shore of the Dead Sea
MAX_ELEVATION = 8850  # summit of Everest


def _family(value: str) -> str:
    value = value.strip().capitalize()
    if not value.endswith("aceae"):
        raise ValueError("a plant family name ends in -aceae")
    return value


class SpecimenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    species: str = Field(min_length=3, max_length=120)
    family: str = Field(min_length=6, max_length=60)
    country: str = Field(pattern=r"^[A-Za-z]{2}$")
    collected_on: date
    elevation_m: int | None = Field(default=None, ge=MIN_ELEVATION, le=MAX_ELEVATION)
    notes: str = Field(default="", max_length=500)

    _check_family = field_validator("family")(_family)

    @field_validator("country")
    @classmethod
    def _upper_country(cls, value: str) -> str:
        return value.upper()


class SpecimenPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    species: str | None = Field(default=None, min_length=3, max_length=120)
    family: str | None = Field(default=None, min_length=6, max_length=60)
    elevation_m: int | None = Field(default=None, ge=MIN_ELEVATION, le=MAX_ELEVATION)
    notes: str | None = Field(default=None, max_length=500)

    @field_validator("family")
    @classmethod
    def _check_family(cls, value: str | None) -> str | None:
        return None if value is None else _family(value)

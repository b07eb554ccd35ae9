from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .config import settings

Role = Literal["applicant", "reviewer"]


class UserCreate(BaseModel):
    email: str = Field(min_length=3, max_length=255, pattern=r"^[^@\s]+@[^@\s]+$")
    password: str = Field(min_length=8)
    role: Role = "applicant"


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    role: Role


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


class ApplicationCreate(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    amount: int = Field(ge=1, le=settings.max_amount)


class ApplicationUpdate(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    amount: int | None = Field(default=None, ge=1, le=settings.max_amount)


class Decision(BaseModel):
    decision: Literal["approve", "reject"]
    note: str | None = Field(default=None, max_length=500)


class ApplicationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    owner_id: int
    title: str
    amount: int
    status: str
    reviewer_id: int | None
    note: str | None

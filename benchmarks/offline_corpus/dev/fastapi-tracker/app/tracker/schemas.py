from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .store import Role

KEY_PATTERN = r"^[A-Z][A-Z0-9]{1,9}$"


def _clean_labels(labels: list[str]) -> list[str]:
    cleaned: list[str] = []
    for label in labels:
        label = label.strip().lower()
        if not label:
            raise ValueError("labels must not be blank")
        if label not in cleaned:
            cleaned.append(label)
    return cleaned


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
    scopes: list[str]


class UserOut(BaseModel):
    username: str
    scopes: list[str]


class ProjectIn(BaseModel):
    key: str = Field(pattern=KEY_PATTERN)
    name: str = Field(min_length=1, max_length=100)


class ProjectOut(BaseModel):
    key: str
    name: str
    role: Role


class MemberIn(BaseModel):
    role: Role


class MemberOut(BaseModel):
    username: str
    role: Role


class IssueIn(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    description: str | None = None
    labels: list[str] = Field(default_factory=list, max_length=10)

    _labels = field_validator("labels")(_clean_labels)


class IssueUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = None
    labels: list[str] | None = Field(default=None, max_length=10)
    assignee: str | None = None

    @field_validator("labels")
    @classmethod
    def _labels(cls, labels: list[str] | None) -> list[str] | None:
        return None if labels is None else _clean_labels(labels)


class IssueOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    number: int
    title: str
    description: str | None
    labels: list[str]
    author: str
    assignee: str | None
    state: Literal["open", "closed"]
    closed_at: datetime | None
    closed_by: str | None

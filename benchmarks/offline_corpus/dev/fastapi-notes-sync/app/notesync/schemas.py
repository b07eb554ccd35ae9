import re
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

_TAG = re.compile(r"^[a-z0-9][a-z0-9-]{0,29}$")


def _clean_tags(tags: list[str] | None) -> list[str] | None:
    """Lower-cased, stripped, duplicates dropped (first one wins); each a short slug."""
    if tags is None:
        return None
    cleaned: list[str] = []
    for tag in tags:
        tag = tag.strip().lower()
        if not _TAG.match(tag):
            raise ValueError(f"invalid tag {tag!r}: use letters, digits and dashes, at most 30")
        if tag not in cleaned:
            cleaned.append(tag)
    return cleaned


class UserCreate(BaseModel):
    email: Annotated[str, Field(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    password: Annotated[str, Field(min_length=8, max_length=128)]


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str


class SessionCreate(BaseModel):
    email: str
    password: str


class SessionOut(BaseModel):
    token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: datetime


Title = Annotated[str, Field(min_length=1, max_length=200)]
Body = Annotated[str, Field(max_length=10_000)]
Tags = Annotated[list[str], Field(max_length=10)]


class NoteCreate(BaseModel):
    title: Title
    body: Body = ""
    tags: Tags = []

    @field_validator("tags")
    @classmethod
    def clean_tags(cls, value: list[str] | None) -> list[str] | None:
        return _clean_tags(value)


class NoteUpdate(BaseModel):
    """Send back the version you read; fields left out stay as they are."""

    version: int
    title: Title | None = None
    body: Body | None = None
    tags: Tags | None = None

    @field_validator("tags")
    @classmethod
    def clean_tags(cls, value: list[str] | None) -> list[str] | None:
        return _clean_tags(value)


class NoteOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    body: str
    tags: list[str]
    version: int
    created_at: datetime
    updated_at: datetime


class TrashedNote(NoteOut):
    deleted_at: datetime


class ChangeOut(BaseModel):
    type: Literal["created", "updated", "deleted"]
    note_id: int
    cursor: str
    note: NoteOut | None = None


class SyncPage(BaseModel):
    changes: list[ChangeOut]
    cursor: str
    has_more: bool

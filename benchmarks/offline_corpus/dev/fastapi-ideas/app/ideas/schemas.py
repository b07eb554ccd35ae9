from enum import Enum

from pydantic import BaseModel, Field


class Status(str, Enum):
    open = "open"
    planned = "planned"
    done = "done"
    declined = "declined"


class Sort(str, Enum):
    score = "score"
    new = "new"


class UserIn(BaseModel):
    name: str = Field(min_length=1, max_length=50)
    is_admin: bool = False


class UserOut(BaseModel):
    id: int
    name: str
    is_admin: bool


class UserCreated(UserOut):
    api_key: str


class IdeaIn(BaseModel):
    title: str = Field(min_length=3, max_length=120)
    body: str = Field(default="", max_length=2000)


class IdeaOut(BaseModel):
    id: int
    author_id: int
    title: str
    body: str
    status: Status
    score: int
    created_at: str


class IdeaPage(BaseModel):
    items: list[IdeaOut]
    next: str | None


class StatusIn(BaseModel):
    status: Status


class VoteOut(BaseModel):
    idea_id: int
    score: int
    voted: bool

from typing import Literal

from pydantic import BaseModel, Field

Role = Literal["owner", "member", "viewer"]


class UserCreate(BaseModel):
    username: str = Field(min_length=3, max_length=32, pattern=r"^[a-z0-9_]+$")
    password: str = Field(min_length=8, max_length=128)


class UserOut(BaseModel):
    id: int
    username: str


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


class ProjectCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100)


class ProjectOut(BaseModel):
    id: int
    name: str
    role: Role


class MemberAdd(BaseModel):
    username: str
    role: Role = "member"


class MemberUpdate(BaseModel):
    role: Role


class MemberOut(BaseModel):
    username: str
    role: Role


class TaskCreate(BaseModel):
    title: str = Field(min_length=1, max_length=200)


class TaskUpdate(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    done: bool | None = None


class TaskOut(BaseModel):
    id: int
    title: str
    done: bool
    deleted: bool = False

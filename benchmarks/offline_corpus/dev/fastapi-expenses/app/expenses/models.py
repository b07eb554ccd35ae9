from datetime import datetime, timezone

from pydantic import field_validator
from sqlmodel import Field, SQLModel


def utcnow():
    return datetime.now(timezone.utc)


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True, unique=True)
    password_hash: str


class Group(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    created_by: int = Field(foreign_key="user.id")


class Membership(SQLModel, table=True):
    group_id: int = Field(foreign_key="group.id", primary_key=True)
    user_id: int = Field(foreign_key="user.id", primary_key=True)
    joined_at: datetime = Field(default_factory=utcnow)


class Expense(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    group_id: int = Field(foreign_key="group.id", index=True)
    payer_id: int = Field(foreign_key="user.id")
    description: str
    amount_cents: int
    created_at: datetime = Field(default_factory=utcnow)


class Share(SQLModel, table=True):
    expense_id: int = Field(foreign_key="expense.id", primary_key=True)
    user_id: int = Field(foreign_key="user.id", primary_key=True)
    position: int
    amount_cents: int


# ---- request / response bodies


class UserCreate(SQLModel):
    username: str = Field(min_length=3, max_length=32)
    password: str = Field(min_length=8)


class UserRead(SQLModel):
    id: int
    username: str


class GroupCreate(SQLModel):
    name: str = Field(min_length=1, max_length=80)
    members: list[str] = []


class GroupRead(SQLModel):
    id: int
    name: str
    members: list[str]


class MemberAdd(SQLModel):
    username: str


class ExpenseCreate(SQLModel):
    description: str = Field(min_length=1, max_length=200)
    amount_cents: int = Field(gt=0)
    split_between: list[str] | None = None

    @field_validator("split_between")
    @classmethod
    def no_duplicates(cls, value):
        if value is not None:
            if not value:
                raise ValueError("split_between must name at least one member")
            if len(set(value)) != len(value):
                raise ValueError("split_between names a member twice")
        return value


class ShareRead(SQLModel):
    username: str
    amount_cents: int


class ExpenseRead(SQLModel):
    id: int
    description: str
    amount_cents: int
    paid_by: str
    created_at: datetime
    shares: list[ShareRead]


class BalanceRead(SQLModel):
    username: str
    balance_cents: int


class TransferRead(SQLModel):
    from_user: str
    to_user: str
    amount_cents: int

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Self

from pydantic import BaseModel, Field, model_validator

Amount = Annotated[Decimal, Field(gt=0, max_digits=12, decimal_places=2)]


class AccountCreate(BaseModel):
    owner: str = Field(min_length=1, max_length=100)
    initial_deposit: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)] = Decimal("0.00")


class AccountRead(BaseModel):
    id: int
    owner: str
    balance: Decimal
    created_at: datetime


class TransferCreate(BaseModel):
    source_account_id: int
    target_account_id: int
    amount: Amount
    description: str | None = Field(default=None, max_length=140)

    @model_validator(mode="after")
    def different_accounts(self) -> Self:
        if self.source_account_id == self.target_account_id:
            raise ValueError("source and target must be different accounts")
        return self


class TransferRead(BaseModel):
    id: int
    source_account_id: int
    target_account_id: int
    amount: Decimal
    description: str | None
    created_at: datetime


class TransferPage(BaseModel):
    items: list[TransferRead]
    next_cursor: int | None

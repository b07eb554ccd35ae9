from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field, PlainSerializer, field_validator

Money = Annotated[Decimal, PlainSerializer(lambda value: f"{value:.2f}", return_type=str)]
Price = Annotated[Decimal, Field(gt=0, max_digits=10, decimal_places=2)]


class CustomerCreate(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    email: str = Field(min_length=3, max_length=200, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class CustomerOut(BaseModel):
    id: int
    name: str
    email: str


class CustomerWithKey(CustomerOut):
    api_key: str


class ApiKeyOut(BaseModel):
    customer_id: int
    api_key: str


class ProductCreate(BaseModel):
    sku: str = Field(min_length=1, max_length=40, pattern=r"^[A-Z0-9-]+$")
    name: str = Field(min_length=1, max_length=200)
    price: Price


class ProductOut(BaseModel):
    sku: str
    name: str
    price: Money


class DiscountCreate(BaseModel):
    code: str = Field(min_length=3, max_length=40)
    kind: Literal["percent", "fixed"]
    value: Annotated[Decimal, Field(gt=0, max_digits=10, decimal_places=2)]
    min_order: Annotated[Decimal, Field(ge=0, max_digits=10, decimal_places=2)] = Decimal("0")
    expires_on: date

    @field_validator("code")
    @classmethod
    def normalise_code(cls, code: str) -> str:
        return code.strip().upper()


class DiscountOut(BaseModel):
    code: str
    kind: str
    value: Money
    min_order: Money
    expires_on: date


class ItemIn(BaseModel):
    sku: str
    quantity: int = Field(ge=1)


class OrderCreate(BaseModel):
    items: list[ItemIn] = Field(min_length=1, max_length=50)
    discount_code: str | None = None


class ItemOut(BaseModel):
    sku: str
    name: str
    quantity: int
    unit_price: Money
    line_total: Money


class OrderOut(BaseModel):
    id: int
    status: str
    items: list[ItemOut]
    subtotal: Money
    discount: Money
    discount_code: str | None
    total: Money
    created_at: datetime

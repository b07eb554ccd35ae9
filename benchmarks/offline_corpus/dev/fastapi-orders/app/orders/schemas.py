from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

Status = Literal["pending", "paid", "shipped", "delivered", "cancelled"]


class LineItemIn(BaseModel):
    sku: str = Field(min_length=1, max_length=40)
    quantity: int = Field(ge=1, le=999)
    unit_price_cents: int = Field(ge=0)


class OrderIn(BaseModel):
    items: list[LineItemIn] = Field(min_length=1, max_length=50)
    discount_code: str | None = None


class LineItemOut(BaseModel):
    sku: str
    quantity: int
    unit_price_cents: int
    line_total_cents: int


class OrderOut(BaseModel):
    id: int
    status: Status
    items: list[LineItemOut]
    discount_code: str | None
    discount_percent: int
    subtotal_cents: int
    discount_cents: int
    total_cents: int
    created_at: datetime


class OrderPage(BaseModel):
    orders: list[OrderOut]
    total: int
    limit: int
    offset: int

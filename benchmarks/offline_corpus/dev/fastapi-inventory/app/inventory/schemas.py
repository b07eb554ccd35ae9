from datetime import datetime, timezone

from pydantic import BaseModel, Field

from inventory.repository import Item, Reservation


class ItemCreate(BaseModel):
    sku: str = Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9][A-Za-z0-9-]*$")
    name: str = Field(min_length=1, max_length=100)
    quantity: int = Field(ge=0)


class ItemReplace(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    quantity: int = Field(ge=0)


class ItemOut(BaseModel):
    id: int
    sku: str
    name: str
    quantity: int

    @classmethod
    def of(cls, item: Item) -> "ItemOut":
        return cls(id=item.id, sku=item.sku, name=item.name, quantity=item.quantity)


class ItemPage(BaseModel):
    items: list[ItemOut]
    total: int
    limit: int
    offset: int


class ReservationCreate(BaseModel):
    item_id: int
    quantity: int = Field(ge=1)


class ReservationOut(BaseModel):
    id: int
    item_id: int
    quantity: int
    expires_at: datetime

    @classmethod
    def of(cls, reservation: Reservation) -> "ReservationOut":
        return cls(
            id=reservation.id,
            item_id=reservation.item_id,
            quantity=reservation.quantity,
            expires_at=datetime.fromtimestamp(reservation.expires_at, tz=timezone.utc),
        )

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, field_serializer
from sqlmodel import Field, Relationship, SQLModel


class ProductTagLink(SQLModel, table=True):
    product_id: int | None = Field(default=None, foreign_key="product.id", primary_key=True)
    tag_id: int | None = Field(default=None, foreign_key="tag.id", primary_key=True)


class Tag(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)

    products: list["Product"] = Relationship(back_populates="tags", link_model=ProductTagLink)


class Product(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True)
    description: str = ""
    # Money is kept in whole cents; the API speaks Decimal with two places.
    price_cents: int
    stock: int = 0

    tags: list[Tag] = Relationship(back_populates="products", link_model=ProductTagLink)


def normalise_tag(name: str) -> str:
    name = name.strip().lower()
    if not name:
        raise ValueError("tag names cannot be empty")
    if len(name) > 30:
        raise ValueError("tag names are at most 30 characters")
    return name


TagName = Annotated[str, AfterValidator(normalise_tag)]
Price = Annotated[Decimal, Field(gt=0, max_digits=10, decimal_places=2)]


class ProductIn(SQLModel):
    """Body of POST and PUT: the whole product."""

    name: str = Field(min_length=1, max_length=100)
    description: str = Field(default="", max_length=2000)
    price: Price
    stock: int = Field(default=0, ge=0)
    tags: list[TagName] = []


class ProductPatch(SQLModel):
    """Body of PATCH: only the fields sent change."""

    name: str | None = Field(default=None, min_length=1, max_length=100)
    description: str | None = Field(default=None, max_length=2000)
    price: Price | None = None
    stock: int | None = Field(default=None, ge=0)
    tags: list[TagName] | None = None


class ProductOut(SQLModel):
    id: int
    name: str
    description: str
    price: Decimal
    stock: int
    tags: list[str]

    @field_serializer("price")
    def _price(self, price: Decimal) -> str:
        return f"{price:.2f}"

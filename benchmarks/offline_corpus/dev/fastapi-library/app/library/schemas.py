from pydantic import BaseModel, ConfigDict, Field

FIRST_PRINTED_YEAR = 1450


class BookCreate(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    author: str = Field(min_length=1, max_length=120)
    year: int = Field(ge=FIRST_PRINTED_YEAR, le=2100)


class BookUpdate(BaseModel):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    author: str | None = Field(default=None, min_length=1, max_length=120)
    year: int | None = Field(default=None, ge=FIRST_PRINTED_YEAR, le=2100)


class BookRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    author: str
    year: int
    available: bool
    borrower: str | None


class BookPage(BaseModel):
    items: list[BookRead]
    total: int
    page: int
    size: int


class Checkout(BaseModel):
    borrower: str = Field(min_length=1, max_length=120)

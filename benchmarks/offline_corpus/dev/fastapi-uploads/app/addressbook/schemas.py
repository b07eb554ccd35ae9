from pydantic import BaseModel, Field


class Login(BaseModel):
    username: str
    password: str


class ContactIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9 ()-]{6,20}$")
    company: str | None = None


class ContactOut(BaseModel):
    id: int
    name: str
    email: str
    phone: str | None
    company: str | None


class ContactPage(BaseModel):
    items: list[ContactOut]
    total: int
    limit: int
    offset: int


class RowProblem(BaseModel):
    row: int
    field: str
    message: str


class ImportReport(BaseModel):
    imported: int
    skipped_duplicates: int
    errors: list[RowProblem]

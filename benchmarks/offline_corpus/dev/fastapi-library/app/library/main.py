from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Response, status
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .database import Base, engine, get_session
from .models import Book
from .schemas import BookCreate, BookPage, BookRead, BookUpdate, Checkout

MAX_PAGE_SIZE = 50


@asynccontextmanager
async def lifespan(app: FastAPI):
    Base.metadata.create_all(bind=engine)
    yield


app = FastAPI(title="Library", lifespan=lifespan)

SessionDep = Annotated[Session, Depends(get_session)]


def get_book_or_404(book_id: int, session: SessionDep) -> Book:
    book = session.get(Book, book_id)
    if book is None:
        raise HTTPException(status_code=404, detail="Book not found")
    return book


BookDep = Annotated[Book, Depends(get_book_or_404)]


@app.post("/books", response_model=BookRead, status_code=status.HTTP_201_CREATED)
def create_book(payload: BookCreate, session: SessionDep):
    book = Book(**payload.model_dump())
    session.add(book)
    session.commit()
    session.refresh(book)
    return book


@app.get("/books", response_model=BookPage)
def list_books(
    session: SessionDep,
    page: Annotated[int, Query(ge=1)] = 1,
    size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
    author: str | None = None,
):
    query = select(Book)
    if author is not None:
        query = query.where(Book.author == author)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    items = session.scalars(query.order_by(Book.id).offset((page - 1) * size).limit(size)).all()
    return BookPage(items=items, total=total, page=page, size=size)


@app.get("/books/{book_id}", response_model=BookRead)
def read_book(book: BookDep):
    return book


@app.patch("/books/{book_id}", response_model=BookRead)
def update_book(payload: BookUpdate, book: BookDep, session: SessionDep):
    for key, value in payload.model_dump(exclude_unset=True).items():
        setattr(book, key, value)
    session.add(book)
    session.commit()
    session.refresh(book)
    return book


@app.delete("/books/{book_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_book(book: BookDep, session: SessionDep):
    if not book.available:
        raise HTTPException(status_code=409, detail="Book is on loan")
    session.delete(book)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@app.post("/books/{book_id}/checkout", response_model=BookRead)
def checkout_book(payload: Checkout, book: BookDep, session: SessionDep):
    if not book.available:
        raise HTTPException(status_code=409, detail="Book is already on loan")
    book.available = False
    book.borrower = payload.borrower
    session.commit()
    session.refresh(book)
    return book


@app.post("/books/{book_id}/return", response_model=BookRead)
def return_book(book: BookDep, session: SessionDep):
    if book.available:
        raise HTTPException(status_code=409, detail="Book is not on loan")
    book.available = True
    book.borrower = None
    session.commit()
    session.refresh(book)
    return book

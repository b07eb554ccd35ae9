from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Response, status
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from .database import Base, engine, get_db
from .models import Account, Transfer
from .money import from_cents, to_cents
from .schemas import AccountCreate, AccountRead, TransferCreate, TransferPage, TransferRead

MAX_HISTORY_PAGE = 100

app = FastAPI(title="Bank")

DbSession = Annotated[Session, Depends(get_db)]


@app.on_event("startup")
def create_tables() -> None:
    Base.metadata.create_all(bind=engine)


def account_out(account: Account) -> AccountRead:
    return AccountRead(
        id=account.id, owner=account.owner, balance=from_cents(account.balance_cents), created_at=account.created_at
    )


def transfer_out(transfer: Transfer) -> TransferRead:
    return TransferRead(
        id=transfer.id,
        source_account_id=transfer.source_account_id,
        target_account_id=transfer.target_account_id,
        amount=from_cents(transfer.amount_cents),
        description=transfer.description,
        created_at=transfer.created_at,
    )


def get_account_or_404(db: Session, account_id: int) -> Account:
    account = db.get(Account, account_id)
    if account is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=f"Account {account_id} not found")
    return account


@app.post("/accounts", response_model=AccountRead, status_code=status.HTTP_201_CREATED)
def open_account(payload: AccountCreate, db: DbSession):
    account = Account(owner=payload.owner, balance_cents=to_cents(payload.initial_deposit))
    db.add(account)
    db.commit()
    db.refresh(account)
    return account_out(account)


@app.get("/accounts/{account_id}", response_model=AccountRead)
def read_account(account_id: int, db: DbSession):
    return account_out(get_account_or_404(db, account_id))


@app.post("/transfers", response_model=TransferRead, status_code=status.HTTP_201_CREATED)
def make_transfer(
    payload: TransferCreate,
    response: Response,
    db: DbSession,
    idempotency_key: Annotated[str | None, Header(min_length=1, max_length=64)] = None,
):
    """Move money between two accounts. A client that retries with the same `Idempotency-Key` gets the first
    transfer back instead of a second one."""
    amount_cents = to_cents(payload.amount)
    if idempotency_key is not None:
        previous = db.scalar(select(Transfer).where(Transfer.idempotency_key == idempotency_key))
        if previous is not None:
            same_request = (
                previous.source_account_id == payload.source_account_id
                and previous.target_account_id == payload.target_account_id
                and previous.amount_cents == amount_cents
            )
            if not same_request:
                raise HTTPException(
                    status_code=422,
                    detail="Idempotency-Key was already used for a different transfer",
                )
            response.headers["Idempotent-Replayed"] = "true"
            return transfer_out(previous)

    source = get_account_or_404(db, payload.source_account_id)
    target = get_account_or_404(db, payload.target_account_id)
    if source.balance_cents < amount_cents:
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail="Insufficient funds")

    source.balance_cents -= amount_cents
    target.balance_cents += amount_cents
    transfer = Transfer(
        source_account_id=source.id,
        target_account_id=target.id,
        amount_cents=amount_cents,
        description=payload.description,
        idempotency_key=idempotency_key,
    )
    db.add(transfer)
    db.commit()
    db.refresh(transfer)
    return transfer_out(transfer)


@app.get("/accounts/{account_id}/transfers", response_model=TransferPage)
def transfer_history(
    account_id: int,
    db: DbSession,
    limit: Annotated[int, Query(ge=1, le=MAX_HISTORY_PAGE)] = 20,
    cursor: Annotated[int | None, Query(ge=1, description="next_cursor from the previous page")] = None,
):
    """The account's transfers in and out, newest first, a page at a time."""
    get_account_or_404(db, account_id)
    query = select(Transfer).where(
        or_(Transfer.source_account_id == account_id, Transfer.target_account_id == account_id)
    )
    if cursor is not None:
        query = query.where(Transfer.id < cursor)
    rows = db.scalars(query.order_by(Transfer.id.desc()).limit(limit + 1)).all()
    has_more = len(rows) > limit
    items = rows[:limit]
    return TransferPage(items=[transfer_out(t) for t in items], next_cursor=items[-1].id if has_more else None)

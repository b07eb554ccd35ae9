from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Response, status
from sqlmodel import Session, select

from . import ledger
from .db import create_db_and_tables, get_session
from .models import (
    BalanceRead,
    Expense,
    ExpenseCreate,
    ExpenseRead,
    Group,
    GroupCreate,
    GroupRead,
    MemberAdd,
    Membership,
    Share,
    ShareRead,
    TransferRead,
    User,
    UserCreate,
    UserRead,
)
from .security import get_current_user, hash_password


@asynccontextmanager
async def lifespan(app: FastAPI):
    create_db_and_tables()
    yield


app = FastAPI(title="Shared expenses", lifespan=lifespan)

SessionDep = Annotated[Session, Depends(get_session)]
CurrentUser = Annotated[User, Depends(get_current_user)]


# ---- helpers


def get_member_group(session: Session, group_id: int, user: User) -> Group:
    """The group, if `user` is one of its members; 404 otherwise, so outsiders cannot tell it exists."""
    group = session.get(Group, group_id)
    if group is None or session.get(Membership, (group_id, user.id)) is None:
        raise HTTPException(status_code=404, detail="Group not found")
    return group


def member_names(session: Session, group_id: int) -> list[str]:
    rows = session.exec(
        select(User.username)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.group_id == group_id)
        .order_by(Membership.joined_at, User.id)
    )
    return list(rows)


def users_by_name(session: Session, names: list[str]) -> dict[str, User]:
    found = {user.username: user for user in session.exec(select(User).where(User.username.in_(names)))}
    missing = [name for name in names if name not in found]
    if missing:
        raise HTTPException(status_code=422, detail=f"Unknown user: {missing[0]}")
    return found


def group_read(session: Session, group: Group) -> GroupRead:
    return GroupRead(id=group.id, name=group.name, members=member_names(session, group.id))


def expense_read(session: Session, expense: Expense) -> ExpenseRead:
    shares = session.exec(
        select(Share, User.username)
        .join(User, User.id == Share.user_id)
        .where(Share.expense_id == expense.id)
        .order_by(Share.position)
    )
    payer = session.get(User, expense.payer_id)
    return ExpenseRead(
        id=expense.id,
        description=expense.description,
        amount_cents=expense.amount_cents,
        paid_by=payer.username,
        created_at=expense.created_at,
        shares=[ShareRead(username=name, amount_cents=share.amount_cents) for share, name in shares],
    )


def group_balances(session: Session, group_id: int) -> dict[str, int]:
    members = member_names(session, group_id)
    paid: dict[str, int] = {}
    owed: dict[str, int] = {}
    for expense, payer in session.exec(
        select(Expense, User.username).join(User, User.id == Expense.payer_id).where(Expense.group_id == group_id)
    ):
        paid[payer] = paid.get(payer, 0) + expense.amount_cents
    for share, name in session.exec(
        select(Share, User.username)
        .join(User, User.id == Share.user_id)
        .join(Expense, Expense.id == Share.expense_id)
        .where(Expense.group_id == group_id)
    ):
        owed[name] = owed.get(name, 0) + share.amount_cents
    return ledger.balances(members, paid, owed)


# ---- users


@app.post("/users", response_model=UserRead, status_code=status.HTTP_201_CREATED)
def create_user(body: UserCreate, session: SessionDep):
    if session.exec(select(User).where(User.username == body.username)).first() is not None:
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail="Username already taken")
    user = User(username=body.username, password_hash=hash_password(body.password))
    session.add(user)
    session.commit()
    session.refresh(user)
    return user


@app.get("/users/me", response_model=UserRead)
def read_me(user: CurrentUser):
    return user


# ---- groups


@app.post("/groups", response_model=GroupRead, status_code=status.HTTP_201_CREATED)
def create_group(body: GroupCreate, session: SessionDep, user: CurrentUser):
    others = [name for name in dict.fromkeys(body.members) if name != user.username]
    found = users_by_name(session, others)
    group = Group(name=body.name, created_by=user.id)
    session.add(group)
    session.flush()
    session.add(Membership(group_id=group.id, user_id=user.id))
    session.flush()
    for name in others:
        session.add(Membership(group_id=group.id, user_id=found[name].id))
        session.flush()
    session.commit()
    session.refresh(group)
    return group_read(session, group)


@app.get("/groups", response_model=list[GroupRead])
def list_groups(session: SessionDep, user: CurrentUser):
    groups = session.exec(
        select(Group).join(Membership, Membership.group_id == Group.id).where(Membership.user_id == user.id)
        .order_by(Group.id)
    )
    return [group_read(session, group) for group in groups]


@app.get("/groups/{group_id}", response_model=GroupRead)
def read_group(group_id: int, session: SessionDep, user: CurrentUser):
    return group_read(session, get_member_group(session, group_id, user))


@app.post("/groups/{group_id}/members", response_model=GroupRead, status_code=status.HTTP_201_CREATED)
def add_member(group_id: int, body: MemberAdd, session: SessionDep, user: CurrentUser):
    group = get_member_group(session, group_id, user)
    new_member = users_by_name(session, [body.username])[body.username]
    if session.get(Membership, (group_id, new_member.id)) is not None:
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail="Already a member")
    session.add(Membership(group_id=group_id, user_id=new_member.id))
    session.commit()
    return group_read(session, group)


# ---- expenses


@app.post("/groups/{group_id}/expenses", response_model=ExpenseRead, status_code=status.HTTP_201_CREATED)
def create_expense(group_id: int, body: ExpenseCreate, session: SessionDep, user: CurrentUser):
    """Record an expense paid by the caller, split equally among `split_between` (all members by default)."""
    get_member_group(session, group_id, user)
    members = member_names(session, group_id)
    names = body.split_between if body.split_between is not None else members
    outsiders = [name for name in names if name not in members]
    if outsiders:
        raise HTTPException(status_code=422, detail=f"Not a member of this group: {outsiders[0]}")
    found = users_by_name(session, names)
    expense = Expense(group_id=group_id, payer_id=user.id, description=body.description,
                      amount_cents=body.amount_cents)
    session.add(expense)
    session.flush()
    for position, (name, cents) in enumerate(zip(names, ledger.split_equally(body.amount_cents, len(names)))):
        session.add(Share(expense_id=expense.id, user_id=found[name].id, position=position, amount_cents=cents))
    session.commit()
    session.refresh(expense)
    return expense_read(session, expense)


@app.get("/groups/{group_id}/expenses", response_model=list[ExpenseRead])
def list_expenses(group_id: int, session: SessionDep, user: CurrentUser):
    get_member_group(session, group_id, user)
    expenses = session.exec(select(Expense).where(Expense.group_id == group_id).order_by(Expense.id))
    return [expense_read(session, expense) for expense in expenses]


@app.delete("/groups/{group_id}/expenses/{expense_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_expense(group_id: int, expense_id: int, session: SessionDep, user: CurrentUser):
    get_member_group(session, group_id, user)
    expense = session.get(Expense, expense_id)
    if expense is None or expense.group_id != group_id:
        raise HTTPException(status_code=404, detail="Expense not found")
    if expense.payer_id != user.id:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Only the payer can delete an expense")
    for share in session.exec(select(Share).where(Share.expense_id == expense_id)):
        session.delete(share)
    session.delete(expense)
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ---- balances


@app.get("/groups/{group_id}/balances", response_model=list[BalanceRead])
def read_balances(group_id: int, session: SessionDep, user: CurrentUser):
    get_member_group(session, group_id, user)
    balance_by_member = group_balances(session, group_id)
    return [BalanceRead(username=name, balance_cents=cents) for name, cents in sorted(balance_by_member.items())]


@app.get("/groups/{group_id}/settle-up", response_model=list[TransferRead])
def read_settle_up(group_id: int, session: SessionDep, user: CurrentUser):
    """Transfers that would settle the group: each debtor pays creditors until every balance is zero."""
    get_member_group(session, group_id, user)
    transfers = ledger.settle_up(group_balances(session, group_id))
    return [TransferRead(from_user=debtor, to_user=creditor, amount_cents=cents) for debtor, creditor, cents in transfers]

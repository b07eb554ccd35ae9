"""Account administration, run from a shell: there is no sign-up route.

    python -m leave.accounts add EMAIL NAME PASSWORD [--manager-email EMAIL] [--role manager]
"""

from __future__ import annotations

import argparse
import os

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from leave.models import Base, User
from leave.security import hash_password


def add_user(db: Session, email: str, name: str, password: str, *, role: str = "employee",
             manager: User | None = None) -> User:
    if role not in ("employee", "manager"):
        raise ValueError(f"unknown role {role!r}")
    if len(password) < 8:
        raise ValueError("password must be at least 8 characters")
    user = User(email=email.strip().lower(), name=name, password_hash=hash_password(password), role=role,
                manager_id=manager.id if manager else None)
    db.add(user)
    db.commit()
    return user


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="leave.accounts")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add")
    add.add_argument("email")
    add.add_argument("name")
    add.add_argument("password")
    add.add_argument("--role", default="employee")
    add.add_argument("--manager-email")
    args = parser.parse_args(argv)
    engine = create_engine(os.environ.get("LEAVE_DATABASE_URL", "sqlite:///leave.db"))
    Base.metadata.create_all(engine)
    with Session(engine) as db:
        manager = None
        if args.manager_email:
            manager = db.scalar(select(User).where(User.email == args.manager_email.lower()))
            if manager is None:
                raise SystemExit(f"no user {args.manager_email}")
        user = add_user(db, args.email, args.name, args.password, role=args.role, manager=manager)
        print(f"added {user.email} (id {user.id})")


if __name__ == "__main__":
    main()

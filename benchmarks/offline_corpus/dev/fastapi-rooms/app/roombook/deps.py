import hashlib
import secrets
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request, status
from fastapi.security import HTTPBasic, HTTPBasicCredentials
from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import User
from .settings import Settings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_db(request: Request) -> Iterator[Session]:
    with request.app.state.sessionmaker() as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
DbDep = Annotated[Session, Depends(get_db)]

basic = HTTPBasic(realm="roombook admin")


def require_admin(credentials: Annotated[HTTPBasicCredentials, Depends(basic)], settings: SettingsDep) -> str:
    good_user = secrets.compare_digest(credentials.username.encode(), settings.admin_username.encode())
    good_password = secrets.compare_digest(credentials.password.encode(), settings.admin_password.encode())
    if not (good_user and good_password):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail="wrong admin credentials",
            headers={"WWW-Authenticate": 'Basic realm="roombook admin"'},
        )
    return credentials.username


AdminDep = Annotated[str, Depends(require_admin)]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def current_user(db: DbDep, x_user: Annotated[str | None, Header()] = None) -> User:
    if not x_user:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="X-User header required")
    user = db.scalar(select(User).where(User.token_hash == hash_token(x_user)))
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="unknown user token")
    return user


UserDep = Annotated[User, Depends(current_user)]

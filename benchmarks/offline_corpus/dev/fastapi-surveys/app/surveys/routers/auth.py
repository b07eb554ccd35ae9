from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy import select

from ..config import Settings, get_settings
from ..models import User
from ..schemas import Token, UserCreate, UserOut
from ..security import DB, ClockDep, CurrentUser, create_access_token, hash_password, verify_password

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/register", response_model=UserOut, status_code=status.HTTP_201_CREATED)
def register(body: UserCreate, db: DB) -> User:
    username = body.username.lower()
    if db.scalar(select(User).where(User.username == username)) is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, "Username already taken")
    user = User(username=username, password_hash=hash_password(body.password))
    db.add(user)
    db.commit()
    return user


@router.post("/token", response_model=Token)
def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    db: DB,
    clock: ClockDep,
    settings: Annotated[Settings, Depends(get_settings)],
) -> Token:
    user = db.scalar(select(User).where(User.username == form.username.lower()))
    if user is None or not verify_password(form.password, user.password_hash):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Incorrect username or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    token = create_access_token(user, settings, clock())
    return Token(access_token=token, expires_in=settings.token_expire_minutes * 60)


@router.get("/me", response_model=UserOut)
def me(user: CurrentUser) -> User:
    return user

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from ..dependencies import Tokens, Users
from ..repository import User
from ..schemas import Token, UserCreate, UserRead
from ..security import CurrentUser, authenticate, hash_password

router = APIRouter(tags=["auth"])


@router.post("/token", response_model=Token)
def login(form: Annotated[OAuth2PasswordRequestForm, Depends()], users: Users, tokens: Tokens):
    user = authenticate(users, form.username, form.password)
    if user is None:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Incorrect username or password",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if user.disabled:
        raise HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail="Inactive user")
    return Token(access_token=tokens.issue(user.username), token_type="bearer")


@router.post("/users", response_model=UserRead, status_code=status.HTTP_201_CREATED)
def register(payload: UserCreate, users: Users):
    user = User(username=payload.username, hashed_password=hash_password(payload.password), full_name=payload.full_name)
    if not users.add(user):
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail="Username already taken")
    return user


@router.get("/users/me", response_model=UserRead)
def read_me(user: CurrentUser):
    return user


@router.delete("/users/me", status_code=status.HTTP_204_NO_CONTENT)
def deactivate_me(user: CurrentUser, users: Users, tokens: Tokens):
    users.deactivate(user.username)
    tokens.revoke_all(user.username)
    return Response(status_code=status.HTTP_204_NO_CONTENT)

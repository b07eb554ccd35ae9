from datetime import datetime, timedelta

from fastapi import APIRouter, Depends, HTTPException, Response, status

from ..clock import current_time
from ..deps import bearer_token, current_user, get_settings, get_stores
from ..schemas import SessionCreate, SessionOut, UserCreate, UserOut
from ..security import hash_password, new_token, verify_password
from ..settings import Settings
from ..store import Session, Stores, User

router = APIRouter(tags=["accounts"])


@router.post("/users", status_code=status.HTTP_201_CREATED, response_model=UserOut)
def create_user(payload: UserCreate, stores: Stores = Depends(get_stores)):
    user = stores.users.add(payload.email, hash_password(payload.password))
    if user is None:
        raise HTTPException(status.HTTP_409_CONFLICT, "email already registered")
    return user


@router.get("/users/me", response_model=UserOut)
def me(user: User = Depends(current_user)):
    return user


@router.post("/sessions", status_code=status.HTTP_201_CREATED, response_model=SessionOut)
def create_session(
    payload: SessionCreate,
    stores: Stores = Depends(get_stores),
    settings: Settings = Depends(get_settings),
    now: datetime = Depends(current_time),
):
    user = stores.users.by_email(payload.email)
    if user is None or not verify_password(payload.password, user.password_hash):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "wrong email or password")
    session = Session(new_token(), user.id, now + timedelta(seconds=settings.session_ttl_seconds))
    stores.sessions.add(session)
    return SessionOut(token=session.token, expires_at=session.expires_at)


@router.delete("/sessions/current", status_code=status.HTTP_204_NO_CONTENT)
def end_session(
    _: User = Depends(current_user), token: str = Depends(bearer_token), stores: Stores = Depends(get_stores)
):
    stores.sessions.revoke(token)
    return Response(status_code=status.HTTP_204_NO_CONTENT)

from typing import Annotated

from fastapi import APIRouter, Cookie, HTTPException, Response, status

from ..deps import SESSION_COOKIE, CurrentUser, SettingsDep, StoreDep
from ..schemas import Login

router = APIRouter(tags=["session"])


@router.post("/login")
def login(payload: Login, response: Response, store: StoreDep, settings: SettingsDep) -> dict:
    user = store.authenticate(payload.username, payload.password)
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="wrong user name or password")
    token = store.open_session(user.username)
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="lax", secure=settings.cookie_secure
    )
    return {"username": user.username}


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(
    response: Response,
    store: StoreDep,
    session: Annotated[str | None, Cookie(alias=SESSION_COOKIE)] = None,
) -> None:
    if session:
        store.close_session(session)
    response.delete_cookie(SESSION_COOKIE)


@router.get("/me")
def me(user: CurrentUser, store: StoreDep) -> dict:
    return {"username": user.username, "contacts": len(store.contacts_of(user.username))}

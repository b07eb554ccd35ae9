from datetime import datetime

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .clock import current_time
from .settings import Settings
from .store import Stores, User

bearer = HTTPBearer(auto_error=False)


def get_stores(request: Request) -> Stores:
    return request.app.state.stores


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"})


def bearer_token(credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> str:
    if credentials is None:
        raise _unauthorized("not authenticated")
    return credentials.credentials


def current_user(
    token: str = Depends(bearer_token),
    stores: Stores = Depends(get_stores),
    now: datetime = Depends(current_time),
) -> User:
    session = stores.sessions.get(token)
    if session is None:
        raise _unauthorized("invalid token")
    if now >= session.expires_at:
        stores.sessions.revoke(token)
        raise _unauthorized("token expired")
    user = stores.users.by_id(session.user_id)
    if user is None:
        raise _unauthorized("invalid token")
    return user

from __future__ import annotations

from datetime import datetime, timezone

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

bearer = HTTPBearer(auto_error=False)


def current_user(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(bearer),
) -> str:
    """The user name behind the bearer key, or 401."""
    if credentials is None:
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    user = request.app.state.api_keys.get(credentials.credentials)
    if user is None:
        raise HTTPException(401, "unknown bearer token", headers={"WWW-Authenticate": "Bearer"})
    return user


def get_now(request: Request) -> datetime:
    """The current time; tests override this dependency (or pass a clock to create_app)."""
    now = request.app.state.clock()
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    return now

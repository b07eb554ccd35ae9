from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Depends, Header, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from permits.db import ApiKey
from permits.errors import ApiError

SCOPES = ("permits:read", "permits:write", "permits:approve")


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def new_key() -> str:
    return "pk_" + secrets.token_urlsafe(24)


def get_session(request: Request):
    session = request.app.state.sessions()
    try:
        yield session
    finally:
        session.close()


def require_admin(request: Request, x_admin_token: str | None = Header(default=None)) -> None:
    expected = request.app.state.admin_token
    if not x_admin_token or not hmac.compare_digest(x_admin_token, expected):
        raise ApiError(401, "unauthenticated", "a valid X-Admin-Token is required")


class Caller:
    def __init__(self, client_id: int, scopes: set[str]):
        self.client_id = client_id
        self.scopes = scopes


def current_caller(
    x_api_key: str | None = Header(default=None),
    session: Session = Depends(get_session),
) -> Caller:
    if not x_api_key:
        raise ApiError(401, "unauthenticated", "an X-API-Key header is required")
    key = session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(x_api_key)))
    if key is None or key.revoked:
        raise ApiError(401, "unauthenticated", "unknown or revoked API key")
    return Caller(key.client_id, set(key.scopes.split()))


def require_scope(scope: str):
    def dependency(caller: Caller = Depends(current_caller)) -> Caller:
        if scope not in caller.scopes:
            raise ApiError(403, "forbidden", f"missing scope {scope}")
        return caller

    return dependency

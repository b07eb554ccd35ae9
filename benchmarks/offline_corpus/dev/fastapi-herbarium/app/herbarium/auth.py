from __future__ import annotations

from dataclasses import dataclass

from fastapi import Depends, Header, HTTPException, Request


@dataclass(frozen=True)
class User:
    name: str
    is_admin: bool


def current_user(request: Request, x_auth_token: str | None = Header(default=None)) -> User:
    if not x_auth_token:
        raise HTTPException(401, "missing X-Auth-Token header")
    settings = request.app.state.settings
    name = settings.tokens.get(x_auth_token)
    if name is None:
        raise HTTPException(401, "unknown token")
    return User(name=name, is_admin=name in settings.admins)


def admin_user(user: User = Depends(current_user)) -> User:
    if not user.is_admin:
        raise HTTPException(403, "curators only")
    return user

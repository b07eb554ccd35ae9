from datetime import UTC, datetime
from typing import Annotated

import jwt
from fastapi import Depends, HTTPException, Request, Security, status
from fastapi.security import OAuth2PasswordBearer, SecurityScopes

from .security import SCOPES, decode_access_token
from .settings import Settings, get_settings
from .store import Project, Role, Store, User

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token", scopes=SCOPES)


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_clock():
    """The current time as an aware datetime. Overridden in tests."""
    return datetime.now(UTC)


def get_current_user(
    security_scopes: SecurityScopes,
    token: Annotated[str, Depends(oauth2_scheme)],
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> User:
    if security_scopes.scopes:
        authenticate_value = f'Bearer scope="{security_scopes.scope_str}"'
    else:
        authenticate_value = "Bearer"
    unauthorized = HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail="Could not validate credentials",
        headers={"WWW-Authenticate": authenticate_value},
    )
    try:
        claims = decode_access_token(token, settings)
    except jwt.InvalidTokenError:
        raise unauthorized from None
    username = claims.get("sub")
    user = store.users.get(username) if isinstance(username, str) else None
    if user is None:
        raise unauthorized
    granted = claims.get("scopes", [])
    for scope in security_scopes.scopes:
        if scope not in granted:
            raise HTTPException(
                status_code=status.HTTP_403_FORBIDDEN,
                detail=f"Not enough permissions: missing scope {scope}",
                headers={"WWW-Authenticate": authenticate_value},
            )
    return user


Reader = Annotated[User, Security(get_current_user, scopes=["issues:read"])]
Writer = Annotated[User, Security(get_current_user, scopes=["issues:write"])]
Admin = Annotated[User, Security(get_current_user, scopes=["projects:admin"])]
StoreDep = Annotated[Store, Depends(get_store)]
Clock = Annotated[datetime, Depends(get_clock)]


def membership(store: Store, key: str, user: User) -> tuple[Project, Role]:
    """The project and the user's role in it; 404 for a project that does not exist or that the user is not in."""
    project = store.projects.get(key)
    if project is None or user.username not in project.members:
        raise HTTPException(status_code=404, detail=f"Project {key} not found")
    return project, project.members[user.username]

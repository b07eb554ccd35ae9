import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Annotated

import jwt
from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from projects.clock import get_now
from projects.config import Settings, get_settings
from projects.database import get_db
from projects.models import User

ALGORITHM = "HS256"
ITERATIONS = 100_000

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/token")


def hash_password(password: str) -> str:
    salt = secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), ITERATIONS).hex()
    return f"{salt}${digest}"


def verify_password(password: str, stored: str) -> bool:
    salt, digest = stored.split("$", 1)
    candidate = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), ITERATIONS).hex()
    return hmac.compare_digest(candidate, digest)


def create_access_token(username: str, now: datetime, settings: Settings) -> str:
    expires = now + timedelta(minutes=settings.access_token_minutes)
    payload = {"sub": username, "iat": int(now.timestamp()), "exp": int(expires.timestamp())}
    return jwt.encode(payload, settings.secret_key, algorithm=ALGORITHM)


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"})


def get_current_user(
    token: Annotated[str, Depends(oauth2_scheme)],
    db: Annotated[Session, Depends(get_db)],
    now: Annotated[datetime, Depends(get_now)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> User:
    try:
        # Times are checked against the injected clock below, not the wall clock.
        payload = jwt.decode(
            token,
            settings.secret_key,
            algorithms=[ALGORITHM],
            options={"verify_exp": False, "verify_iat": False, "require": ["exp", "sub"]},
        )
    except jwt.InvalidTokenError:
        raise _unauthorized("Could not validate credentials")
    exp = payload.get("exp")
    if not isinstance(exp, int) or now.timestamp() >= exp:
        raise _unauthorized("Token has expired")
    user = db.scalar(select(User).where(User.username == payload.get("sub")))
    if user is None:
        raise _unauthorized("Could not validate credentials")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]

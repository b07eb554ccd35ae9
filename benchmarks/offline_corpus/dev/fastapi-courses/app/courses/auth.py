from fastapi import Depends, HTTPException, status
from fastapi.security import APIKeyHeader
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .db import get_session
from .models import INSTRUCTOR, STUDENT, User

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


async def get_current_user(
    api_key: str | None = Depends(api_key_header),
    session: AsyncSession = Depends(get_session),
) -> User:
    if not api_key:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing API key")
    user = await session.scalar(select(User).where(User.api_key == api_key))
    if user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown API key")
    return user


async def require_instructor(user: User = Depends(get_current_user)) -> User:
    if user.role != INSTRUCTOR:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "instructors only")
    return user


async def require_student(user: User = Depends(get_current_user)) -> User:
    if user.role != STUDENT:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "students only")
    return user

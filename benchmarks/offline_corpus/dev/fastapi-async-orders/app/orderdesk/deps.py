import hashlib
import hmac
from datetime import date, datetime, timezone
from typing import Annotated

from fastapi import Depends, Header, HTTPException, status
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .config import Settings, get_settings
from .db import get_session
from .models import ApiKey, Customer

Session = Annotated[AsyncSession, Depends(get_session)]


def get_now() -> datetime:
    return datetime.now(timezone.utc)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


async def current_customer(
    session: Session,
    x_api_key: Annotated[str | None, Header()] = None,
) -> Customer:
    if not x_api_key:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "X-Api-Key header required")
    customer = await session.scalar(
        select(Customer).join(ApiKey, ApiKey.customer_id == Customer.id).where(ApiKey.key_hash == hash_key(x_api_key))
    )
    if customer is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Unknown API key")
    return customer


def require_admin(
    settings: Annotated[Settings, Depends(get_settings)],
    x_admin_token: Annotated[str | None, Header()] = None,
) -> None:
    if x_admin_token is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "X-Admin-Token header required")
    if not hmac.compare_digest(x_admin_token.encode(), settings.admin_token.encode()):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Wrong admin token")


CurrentCustomer = Annotated[Customer, Depends(current_customer)]
Now = Annotated[datetime, Depends(get_now)]

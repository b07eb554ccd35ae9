from typing import Annotated

from fastapi import Depends, Header, HTTPException, status

from inventory.clock import Clock, get_clock
from inventory.repository import InventoryRepository
from inventory.settings import Settings, get_settings

_repository = InventoryRepository()


def get_repository() -> InventoryRepository:
    return _repository


def get_tenant(
    settings: Annotated[Settings, Depends(get_settings)],
    x_api_key: Annotated[str | None, Header()] = None,
) -> str:
    tenant = settings.api_keys.get(x_api_key) if x_api_key else None
    if tenant is None:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="missing or unknown API key",
            headers={"WWW-Authenticate": "ApiKey"},
        )
    return tenant


Repository = Annotated[InventoryRepository, Depends(get_repository)]
Tenant = Annotated[str, Depends(get_tenant)]
ClockDep = Annotated[Clock, Depends(get_clock)]
SettingsDep = Annotated[Settings, Depends(get_settings)]

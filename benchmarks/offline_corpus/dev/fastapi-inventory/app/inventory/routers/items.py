from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Query, Response, status

from inventory.dependencies import ClockDep, Repository, SettingsDep, Tenant
from inventory.repository import DuplicateSku, NotFound, PreconditionFailed
from inventory.schemas import ItemCreate, ItemOut, ItemPage, ItemReplace

router = APIRouter(prefix="/items", tags=["items"])


def _not_found(item_id: int) -> HTTPException:
    return HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=f"item {item_id} not found")


@router.get("", response_model=ItemPage)
def list_items(
    tenant: Tenant,
    repository: Repository,
    clock: ClockDep,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
    low_stock: bool = False,
) -> ItemPage:
    items = repository.list_items(tenant, clock.now())
    if low_stock:
        items = [item for item in items if item.quantity <= settings.low_stock_threshold]
    page = items[offset : offset + limit]
    return ItemPage(items=[ItemOut.of(item) for item in page], total=len(items), limit=limit, offset=offset)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ItemOut)
def create_item(body: ItemCreate, response: Response, tenant: Tenant, repository: Repository) -> ItemOut:
    try:
        item = repository.add_item(tenant, body.sku, body.name, body.quantity)
    except DuplicateSku:
        raise HTTPException(status_code=status.HTTP_409_CONFLICT, detail=f"sku {body.sku} already exists") from None
    response.headers["Location"] = f"/items/{item.id}"
    response.headers["ETag"] = item.etag
    return ItemOut.of(item)


@router.get("/{item_id}", response_model=ItemOut)
def read_item(item_id: int, response: Response, tenant: Tenant, repository: Repository, clock: ClockDep) -> ItemOut:
    try:
        item = repository.get_item(tenant, item_id, clock.now())
    except NotFound:
        raise _not_found(item_id) from None
    response.headers["ETag"] = item.etag
    return ItemOut.of(item)


@router.put("/{item_id}", response_model=ItemOut)
def replace_item(
    item_id: int,
    body: ItemReplace,
    response: Response,
    tenant: Tenant,
    repository: Repository,
    clock: ClockDep,
    if_match: Annotated[str | None, Header()] = None,
) -> ItemOut:
    if if_match is None:
        raise HTTPException(
            status_code=status.HTTP_428_PRECONDITION_REQUIRED, detail="send If-Match with the item's ETag"
        )
    try:
        item = repository.replace_item(tenant, item_id, body.name, body.quantity, if_match, clock.now())
    except NotFound:
        raise _not_found(item_id) from None
    except PreconditionFailed:
        raise HTTPException(
            status_code=status.HTTP_412_PRECONDITION_FAILED, detail="the item has changed; fetch it again"
        ) from None
    response.headers["ETag"] = item.etag
    return ItemOut.of(item)


@router.delete("/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_item(item_id: int, tenant: Tenant, repository: Repository) -> Response:
    try:
        repository.delete_item(tenant, item_id)
    except NotFound:
        raise _not_found(item_id) from None
    return Response(status_code=status.HTTP_204_NO_CONTENT)

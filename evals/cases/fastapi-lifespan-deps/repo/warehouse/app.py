"""Warehouse API: the item store is built in the lifespan, API keys are checked by a dependency."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Request, status
from pydantic import BaseModel, Field


class ItemIn(BaseModel):
    sku: str = Field(min_length=1)
    quantity: int = Field(ge=0)


class Store:
    def __init__(self) -> None:
        self.items: dict[str, int] = {}


def create_app(api_keys: dict[str, str]) -> FastAPI:
    """`api_keys` maps a key to its role: `reader` may list, `writer` may also change stock."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = Store()
        yield
        app.state.store.items.clear()

    app = FastAPI(lifespan=lifespan)

    def role(x_api_key: Annotated[str | None, Header()] = None) -> str:
        if x_api_key is None or x_api_key not in api_keys:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing or unknown API key")
        return api_keys[x_api_key]

    def writer(current: Annotated[str, Depends(role)]) -> str:
        if current != "writer":
            raise HTTPException(status.HTTP_403_FORBIDDEN, "writer role required")
        return current

    def store(request: Request) -> Store:
        return request.app.state.store  # type: ignore[no-any-return]

    @app.get("/items")
    def list_items(_: Annotated[str, Depends(role)], db: Annotated[Store, Depends(store)]) -> dict[str, int]:
        return dict(sorted(db.items.items()))

    @app.put("/items/{sku}", status_code=status.HTTP_200_OK)
    def set_item(sku: str, item: ItemIn, _: Annotated[str, Depends(writer)],
                 db: Annotated[Store, Depends(store)]) -> dict[str, int]:
        if item.sku != sku:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "sku in the path and body differ")
        db.items[sku] = item.quantity
        return {sku: item.quantity}

    @app.delete("/items/{sku}", status_code=status.HTTP_204_NO_CONTENT)
    def delete_item(sku: str, _: Annotated[str, Depends(writer)], db: Annotated[Store, Depends(store)]) -> None:
        if db.items.pop(sku, None) is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown sku")

    return app

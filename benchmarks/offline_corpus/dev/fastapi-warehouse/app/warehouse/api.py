from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel, Field

SCANNER_TOKEN = "wh-scan-7f3a9c"

app = FastAPI(title="Warehouse stock")


class Item(BaseModel):
    sku: str = Field(pattern=r"^[A-Z]{3}-\d{4}$")
    name: str = Field(min_length=1, max_length=50)
    quantity: int = Field(default=0, ge=0)
    reorder_level: int = Field(default=5, ge=0)


class StockChange(BaseModel):
    delta: int


stock: dict[str, Item] = {
    "BOL-0001": Item(sku="BOL-0001", name="Bolts M6", quantity=120, reorder_level=50),
    "NUT-0002": Item(sku="NUT-0002", name="Nuts M6", quantity=8, reorder_level=20),
}


def verify_token(x_token: Annotated[str, Header()]) -> None:
    if x_token != SCANNER_TOKEN:
        raise HTTPException(status_code=401, detail="Invalid X-Token header")


Scanner = Depends(verify_token)


@app.get("/items/{sku}", response_model=Item, dependencies=[Scanner])
def read_item(sku: str):
    if sku not in stock:
        raise HTTPException(status_code=404, detail="Item not found")
    return stock[sku]


@app.get("/items", response_model=list[Item], dependencies=[Scanner])
def list_items(low_stock: bool = False):
    items = sorted(stock.values(), key=lambda item: item.sku)
    if low_stock:
        items = [item for item in items if item.quantity < item.reorder_level]
    return items


@app.post("/items", response_model=Item, status_code=201, dependencies=[Scanner])
def create_item(item: Item):
    if item.sku in stock:
        raise HTTPException(status_code=409, detail="Item already exists")
    stock[item.sku] = item
    return item


@app.post("/items/{sku}/stock", response_model=Item, dependencies=[Scanner])
def change_stock(sku: str, change: StockChange):
    item = stock.get(sku)
    if item is None:
        raise HTTPException(status_code=404, detail="Item not found")
    if item.quantity + change.delta < 0:
        raise HTTPException(status_code=409, detail="Not enough stock")
    item.quantity += change.delta
    return item


@app.delete("/items/{sku}", status_code=204, dependencies=[Scanner])
def delete_item(sku: str):
    if stock.pop(sku, None) is None:
        raise HTTPException(status_code=404, detail="Item not found")

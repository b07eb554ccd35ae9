"""The orders API."""

import json
import sqlite3
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from orders import db, settings


class OrderIn(BaseModel):
    product_id: int
    quantity: int  # BUG: nothing stops zero or negative quantities


class Order(BaseModel):
    id: int
    customer: str
    product_id: int
    quantity: int
    unit_price: float
    total: float


class User(BaseModel):
    name: str
    role: str


bearer = HTTPBearer(auto_error=False)


def create_app(database_path: str = settings.DATABASE_PATH) -> FastAPI:
    """Build the app against one SQLite file (tests pass a temporary one)."""
    app = FastAPI(title="orders-service")
    db.init_db(database_path)

    def get_db() -> Iterator[sqlite3.Connection]:
        yield from db.connect(database_path)

    def current_user(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> User:
        token = settings.API_TOKENS.get(credentials.credentials) if credentials else None
        if token is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing or invalid token")
        return User(name=token["user"], role=token["role"])

    def require_admin(user: Annotated[User, Depends(current_user)]) -> User:
        if user.role != "admin":
            raise HTTPException(status.HTTP_403_FORBIDDEN, "admin role required")
        return user

    Conn = Annotated[sqlite3.Connection, Depends(get_db)]

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/products")
    def list_products(conn: Conn) -> list[dict[str, object]]:
        return [dict(row) for row in conn.execute("SELECT * FROM products ORDER BY id")]

    @app.post("/orders", status_code=status.HTTP_201_CREATED, response_model=Order)
    def create_order(order: OrderIn, conn: Conn, user: Annotated[User, Depends(current_user)]) -> Order:
        product = conn.execute("SELECT * FROM products WHERE id = ?", (order.product_id,)).fetchone()
        if product is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown product")
        if product["stock"] < order.quantity:
            raise HTTPException(status.HTTP_409_CONFLICT, "not enough stock")
        total = round(order.quantity * product["unit_price"], 2)
        cur = conn.execute(
            "INSERT INTO orders (customer, product_id, quantity, unit_price, total) VALUES (?, ?, ?, ?, ?)",
            (user.name, order.product_id, order.quantity, product["unit_price"], total),
        )
        conn.execute("UPDATE products SET stock = stock - ? WHERE id = ?", (order.quantity, order.product_id))
        created = Order(id=cur.lastrowid or 0, customer=user.name, product_id=order.product_id,
                        quantity=order.quantity, unit_price=product["unit_price"], total=total)
        conn.execute("INSERT INTO outbox (topic, payload) VALUES (?, ?)",
                     ("order.created", json.dumps(created.model_dump())))
        return created

    @app.get("/orders", response_model=list[Order])
    def list_orders(conn: Conn, user: Annotated[User, Depends(current_user)]) -> list[Order]:
        if user.role == "admin":
            rows = conn.execute("SELECT * FROM orders ORDER BY id")
        else:
            rows = conn.execute("SELECT * FROM orders WHERE customer = ? ORDER BY id", (user.name,))
        return [Order(**dict(row)) for row in rows]

    @app.get("/orders/{order_id}", response_model=Order)
    def get_order(order_id: int, conn: Conn, user: Annotated[User, Depends(current_user)]) -> Order:
        row = conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
        if row is None or (user.role != "admin" and row["customer"] != user.name):
            raise HTTPException(status.HTTP_404_NOT_FOUND, "order not found")
        return Order(**dict(row))

    @app.delete("/orders/{order_id}", status_code=status.HTTP_204_NO_CONTENT)
    def cancel_order(order_id: int, conn: Conn, admin: Annotated[User, Depends(require_admin)]) -> None:
        row = conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
        if row is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "order not found")
        conn.execute("DELETE FROM orders WHERE id = ?", (order_id,))
        conn.execute("UPDATE products SET stock = stock + ? WHERE id = ?", (row["quantity"], row["product_id"]))

    return app


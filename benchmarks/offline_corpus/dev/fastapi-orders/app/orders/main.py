from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request, status

from .pricing import discount_cents, load_discount_codes
from .schemas import OrderIn, OrderOut, OrderPage, Status
from .store import IllegalTransition, LineItem, Order, OrderStore

MAX_PAGE = 100


@asynccontextmanager
async def lifespan(app):
    app.state.store = OrderStore(load_discount_codes())
    yield
    del app.state.store


async def get_store(request: Request) -> OrderStore:
    return request.app.state.store


async def current_user(x_user_id: str | None = Header(default=None)) -> str:
    if x_user_id is None or not x_user_id.strip():
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "X-User-Id header required")
    return x_user_id.strip()


def to_out(order: Order) -> OrderOut:
    return OrderOut(
        id=order.id,
        status=order.status,
        items=[
            {"sku": i.sku, "quantity": i.quantity, "unit_price_cents": i.unit_price_cents,
             "line_total_cents": i.line_total_cents}
            for i in order.items
        ],
        discount_code=order.discount_code,
        discount_percent=order.discount_percent,
        subtotal_cents=order.subtotal_cents,
        discount_cents=order.discount_cents,
        total_cents=order.total_cents,
        created_at=order.created_at,
    )


async def owned_order(order_id: int, user: str = Depends(current_user),
                      store: OrderStore = Depends(get_store)) -> Order:
    order = store.get(order_id)
    if order is None or order.owner != user:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "order not found")
    return order


def create_app() -> FastAPI:
    app = FastAPI(title="orders", lifespan=lifespan)

    @app.post("/orders", response_model=OrderOut, status_code=status.HTTP_201_CREATED)
    async def create_order(body: OrderIn, user: str = Depends(current_user),
                           store: OrderStore = Depends(get_store)):
        percent = 0
        code = None
        if body.discount_code:
            code = body.discount_code.strip().upper()
            if code not in store.discount_codes:
                raise HTTPException(422, f"unknown discount code {code}")
            percent = store.discount_codes[code]
        items = [LineItem(i.sku, i.quantity, i.unit_price_cents) for i in body.items]
        subtotal = sum(item.line_total_cents for item in items)
        async with store.lock:
            order = store.add(Order(id=0, owner=user, items=items, discount_code=code, discount_percent=percent,
                                    subtotal_cents=subtotal, discount_cents=discount_cents(subtotal, percent)))
        return to_out(order)

    @app.get("/orders", response_model=OrderPage)
    async def list_orders(status_: Status | None = Query(default=None, alias="status"),
                          limit: int = Query(default=20, ge=1, le=MAX_PAGE),
                          offset: int = Query(default=0, ge=0),
                          user: str = Depends(current_user), store: OrderStore = Depends(get_store)):
        matching = [o for o in store.for_owner(user) if status_ is None or o.status == status_]
        matching.sort(key=lambda o: o.id)
        page = matching[offset:offset + limit]
        return OrderPage(orders=[to_out(o) for o in page], total=len(matching), limit=limit, offset=offset)

    @app.get("/orders/{order_id}", response_model=OrderOut)
    async def get_order(order: Order = Depends(owned_order)):
        return to_out(order)

    @app.post("/orders/{order_id}/{action}", response_model=OrderOut)
    async def change_status(action: str, order: Order = Depends(owned_order),
                            store: OrderStore = Depends(get_store)):
        if action not in ("pay", "ship", "deliver", "cancel"):
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"unknown action {action}")
        async with store.lock:
            try:
                store.transition(order, action)
            except IllegalTransition as exc:
                raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from None
        return to_out(order)

    return app


app = create_app()

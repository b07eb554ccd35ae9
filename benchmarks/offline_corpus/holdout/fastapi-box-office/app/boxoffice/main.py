import os
import threading
from datetime import datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from itertools import count

from fastapi import Depends, FastAPI, Header, HTTPException, Response
from pydantic import AwareDatetime, BaseModel, Field

BOOKING_FEE_RATE = Decimal("0.05")
REFUND_CUTOFF = timedelta(hours=48)
CENTS = Decimal("0.01")


class EventIn(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    starts_at: AwareDatetime
    capacity: int = Field(gt=0)
    price: Decimal = Field(ge=0, decimal_places=2)


class OrderIn(BaseModel):
    buyer_email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    quantity: int = Field(ge=1, le=6)


def get_clock():
    return lambda: datetime.now(timezone.utc)


def money(value: Decimal) -> str:
    return str(value.quantize(CENTS, rounding=ROUND_HALF_UP))


def create_app() -> FastAPI:
    organizer_key = os.environ["BOXOFFICE_ORGANIZER_KEY"]
    seller_keys = {k.strip() for k in os.environ.get("BOXOFFICE_SELLER_KEYS", "").split(",") if k.strip()}

    app = FastAPI(title="Box office")
    lock = threading.Lock()
    events: dict[int, dict] = {}
    orders: dict[int, dict] = {}
    idempotency: dict[str, int] = {}
    ids = count(1)

    def caller(x_api_key: str | None = Header(None)) -> str:
        if x_api_key == organizer_key:
            return "organizer"
        if x_api_key in seller_keys:
            return "seller"
        raise HTTPException(401, "missing or unknown API key")

    def organizer_only(role: str = Depends(caller)) -> str:
        if role != "organizer":
            raise HTTPException(403, "organizers only")
        return role

    def event_out(event: dict) -> dict:
        return {**event, "price": money(event["price"]), "seats_left": event["capacity"] - event["sold"]}

    def order_out(order: dict) -> dict:
        return {**order, **{k: money(order[k]) for k in ("subtotal", "fee", "total")}}

    @app.post("/events", status_code=201)
    def create_event(body: EventIn, role: str = Depends(organizer_only)):
        event = {"id": next(ids), **body.model_dump(), "sold": 0}
        events[event["id"]] = event
        return event_out(event)

    @app.get("/events")
    def upcoming(clock=Depends(get_clock)):
        now = clock()
        shown = sorted((e for e in events.values() if e["starts_at"] > now), key=lambda e: e["starts_at"])
        return [event_out(e) for e in shown]

    @app.get("/events/{event_id}")
    def get_event(event_id: int):
        if event_id not in events:
            raise HTTPException(404, "event not found")
        return event_out(events[event_id])

    @app.post("/events/{event_id}/orders", status_code=201)
    def buy(event_id: int, body: OrderIn, response: Response, role: str = Depends(caller),
            clock=Depends(get_clock), idempotency_key: str | None = Header(None)):
        with lock:
            if idempotency_key and idempotency_key in idempotency:
                response.status_code = 200
                return order_out(orders[idempotency[idempotency_key]])
            event = events.get(event_id)
            if event is None:
                raise HTTPException(404, "event not found")
            if clock() >= event["starts_at"]:
                raise HTTPException(409, "sales have closed for this event")
            if body.quantity > event["capacity"] - event["sold"]:
                raise HTTPException(409, "not enough seats left")
            subtotal = event["price"] * body.quantity
            fee = (subtotal * BOOKING_FEE_RATE).quantize(CENTS, rounding=ROUND_HALF_UP)
            order = {"id": next(ids), "event_id": event_id, "buyer_email": body.buyer_email.lower(),
                     "quantity": body.quantity, "subtotal": subtotal, "fee": fee, "total": subtotal + fee,
                     "status": "paid"}
            event["sold"] += body.quantity
            orders[order["id"]] = order
            if idempotency_key:
                idempotency[idempotency_key] = order["id"]
            return order_out(order)

    @app.post("/orders/{order_id}/refund")
    def refund(order_id: int, role: str = Depends(caller), clock=Depends(get_clock)):
        with lock:
            order = orders.get(order_id)
            if order is None:
                raise HTTPException(404, "order not found")
            if order["status"] == "refunded":
                raise HTTPException(409, "order already refunded")
            event = events[order["event_id"]]
            if event["starts_at"] - clock() < REFUND_CUTOFF:
                raise HTTPException(409, "refunds close 48 hours before the event")
            order["status"] = "refunded"
            event["sold"] -= order["quantity"]
            return order_out(order)

    return app

import asyncio
from dataclasses import dataclass, field
from datetime import datetime, timezone

# action -> (states it is allowed from, state it leads to)
TRANSITIONS = {
    "pay": ({"pending"}, "paid"),
    "ship": ({"paid"}, "shipped"),
    "deliver": ({"shipped"}, "delivered"),
    "cancel": ({"pending", "paid"}, "cancelled"),
}


class IllegalTransition(Exception):
    def __init__(self, action, status):
        super().__init__(f"cannot {action} an order that is {status}")
        self.action = action
        self.status = status


@dataclass
class LineItem:
    sku: str
    quantity: int
    unit_price_cents: int

    @property
    def line_total_cents(self):
        return self.quantity * self.unit_price_cents


@dataclass
class Order:
    id: int
    owner: str
    items: list
    discount_code: str | None
    discount_percent: int
    subtotal_cents: int
    discount_cents: int
    status: str = "pending"
    created_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    history: list = field(default_factory=list)

    @property
    def total_cents(self):
        return self.subtotal_cents - self.discount_cents


class OrderStore:
    """Orders kept in memory, one store per running app (made in the app's lifespan)."""

    def __init__(self, discount_codes):
        self.discount_codes = discount_codes
        self._orders = {}
        self._next_id = 1
        self.lock = asyncio.Lock()

    def add(self, order):
        order.id = self._next_id
        self._next_id += 1
        self._orders[order.id] = order
        return order

    def get(self, order_id):
        return self._orders.get(order_id)

    def for_owner(self, owner):
        return [order for order in self._orders.values() if order.owner == owner]

    def transition(self, order, action):
        allowed_from, target = TRANSITIONS[action]
        if order.status not in allowed_from:
            raise IllegalTransition(action, order.status)
        order.history.append((order.status, target))
        order.status = target
        return order

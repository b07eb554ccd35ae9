import threading
from dataclasses import dataclass, replace


class NotFound(Exception):
    pass


class DuplicateSku(Exception):
    pass


class InsufficientStock(Exception):
    pass


class PreconditionFailed(Exception):
    pass


@dataclass(frozen=True)
class Item:
    id: int
    tenant: str
    sku: str
    name: str
    quantity: int
    version: int = 1

    @property
    def etag(self) -> str:
        return f'"{self.id}.{self.version}"'


@dataclass(frozen=True)
class Reservation:
    id: int
    tenant: str
    item_id: int
    quantity: int
    expires_at: float


class InventoryRepository:
    """Items and reservations for every tenant, in memory. All access goes through one lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[int, Item] = {}
        self._reservations: dict[int, Reservation] = {}
        self._next_item_id = 1
        self._next_reservation_id = 1

    # -- items ------------------------------------------------------------------------------------

    def list_items(self, tenant: str, now: float) -> list[Item]:
        with self._lock:
            self._expire(now)
            return sorted((i for i in self._items.values() if i.tenant == tenant), key=lambda i: i.sku)

    def get_item(self, tenant: str, item_id: int, now: float) -> Item:
        with self._lock:
            self._expire(now)
            return self._owned_item(tenant, item_id)

    def add_item(self, tenant: str, sku: str, name: str, quantity: int) -> Item:
        with self._lock:
            if any(i.tenant == tenant and i.sku == sku for i in self._items.values()):
                raise DuplicateSku(sku)
            item = Item(id=self._next_item_id, tenant=tenant, sku=sku, name=name, quantity=quantity)
            self._next_item_id += 1
            self._items[item.id] = item
            return item

    def replace_item(self, tenant: str, item_id: int, name: str, quantity: int, if_match: str, now: float) -> Item:
        """Replace name and quantity if the caller saw the current version (`if_match` is its ETag, or "*")."""
        with self._lock:
            self._expire(now)
            current = self._owned_item(tenant, item_id)
            if if_match.strip() not in ("*", current.etag):
                raise PreconditionFailed(current.etag)
            updated = replace(current, name=name, quantity=quantity, version=current.version + 1)
            self._items[item_id] = updated
            return updated

    def delete_item(self, tenant: str, item_id: int) -> None:
        with self._lock:
            self._owned_item(tenant, item_id)
            del self._items[item_id]
            for rid in [r.id for r in self._reservations.values() if r.item_id == item_id]:
                del self._reservations[rid]

    # -- reservations -----------------------------------------------------------------------------

    def reserve(self, tenant: str, item_id: int, quantity: int, now: float, ttl: int) -> Reservation:
        with self._lock:
            self._expire(now)
            item = self._owned_item(tenant, item_id)
            if quantity > item.quantity:
                raise InsufficientStock(f"only {item.quantity} in stock")
            self._adjust(item, -quantity)
            reservation = Reservation(
                id=self._next_reservation_id, tenant=tenant, item_id=item_id, quantity=quantity, expires_at=now + ttl
            )
            self._next_reservation_id += 1
            self._reservations[reservation.id] = reservation
            return reservation

    def get_reservation(self, tenant: str, reservation_id: int, now: float) -> Reservation:
        with self._lock:
            self._expire(now)
            return self._owned_reservation(tenant, reservation_id)

    def release(self, tenant: str, reservation_id: int, now: float) -> None:
        """Cancel a reservation and put its quantity back in stock."""
        with self._lock:
            self._expire(now)
            reservation = self._owned_reservation(tenant, reservation_id)
            del self._reservations[reservation_id]
            self._adjust(self._items[reservation.item_id], reservation.quantity)

    def fulfil(self, tenant: str, reservation_id: int, now: float) -> Reservation:
        """The reserved stock has shipped: the reservation ends and its quantity stays taken."""
        with self._lock:
            self._expire(now)
            reservation = self._owned_reservation(tenant, reservation_id)
            del self._reservations[reservation_id]
            return reservation

    # -- helpers (lock held) ----------------------------------------------------------------------

    def _owned_item(self, tenant: str, item_id: int) -> Item:
        item = self._items.get(item_id)
        if item is None or item.tenant != tenant:
            raise NotFound(f"item {item_id}")
        return item

    def _owned_reservation(self, tenant: str, reservation_id: int) -> Reservation:
        reservation = self._reservations.get(reservation_id)
        if reservation is None or reservation.tenant != tenant:
            raise NotFound(f"reservation {reservation_id}")
        return reservation

    def _adjust(self, item: Item, delta: int) -> None:
        self._items[item.id] = replace(item, quantity=item.quantity + delta, version=item.version + 1)

    def _expire(self, now: float) -> None:
        """Drop lapsed reservations and return their stock."""
        for reservation in list(self._reservations.values()):
            if now >= reservation.expires_at:
                del self._reservations[reservation.id]
                item = self._items.get(reservation.item_id)
                if item is not None:
                    self._adjust(item, reservation.quantity)

"""The vending machine itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .change import Coin, make_change, total
from .errors import (
    ExactChangeRequired,
    InsufficientCredit,
    InvalidCoin,
    MachineLocked,
    SlotFull,
    SoldOut,
    UnknownSlot,
    WrongPin,
)

MAX_CREDIT = 500
"""The most credit (in cents) a customer can build up before coins are refused."""


@dataclass(frozen=True)
class Product:
    """Something sold by the machine; ``price`` is in cents."""

    name: str
    price: int

    def __post_init__(self) -> None:
        if self.price <= 0 or self.price % 5:
            raise ValueError("price must be a positive multiple of 5 cents")


@dataclass
class Slot:
    """One spiral of the machine: a product, how many are left and how many fit."""

    code: str
    product: Product
    quantity: int
    capacity: int


@dataclass(frozen=True)
class Sale:
    """The result of a successful purchase."""

    code: str
    product: Product
    paid: int
    change: dict[Coin, int]


class VendingMachine:
    """A coin-operated vending machine.

    >>> m = VendingMachine(pin="1234", float_coins={Coin.DIME: 10})
    >>> m.add_slot("A1", Product("Cola", 125), quantity=5)
    >>> m.insert(Coin.DOLLAR); m.insert(Coin.QUARTER)
    100
    125
    >>> m.select("A1").product.name
    'Cola'
    """

    def __init__(
        self,
        *,
        pin: str,
        slot_capacity: int = 10,
        float_coins: Mapping[Coin, int] | None = None,
    ) -> None:
        if slot_capacity < 1:
            raise ValueError("slot_capacity must be at least 1")
        self._pin = pin
        self.slot_capacity = slot_capacity
        self._slots: dict[str, Slot] = {}
        self._box: dict[Coin, int] = {coin: 0 for coin in Coin}
        for coin, count in (float_coins or {}).items():
            self._box[coin] += count
        self._inserted: list[Coin] = []
        self._locked = False
        self._sales: list[Sale] = []

    # -- stock -----------------------------------------------------------------

    def add_slot(self, code: str, product: Product, *, quantity: int = 0) -> None:
        """Install ``product`` in a new slot ``code`` holding ``quantity`` items."""
        if code in self._slots:
            raise ValueError(f"slot {code!r} already exists")
        if quantity < 0:
            raise ValueError("quantity must not be negative")
        if quantity > self.slot_capacity:
            raise SlotFull(f"slot {code} holds at most {self.slot_capacity}")
        self._slots[code] = Slot(code, product, quantity, self.slot_capacity)

    def restock(self, code: str, quantity: int) -> int:
        """Add ``quantity`` items to a slot and return its new quantity."""
        slot = self._slot(code)
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        if slot.quantity + quantity > slot.capacity:
            raise SlotFull(f"slot {code} has room for {slot.capacity - slot.quantity} more")
        slot.quantity += quantity
        return slot.quantity

    def stock(self) -> dict[str, int]:
        """Quantities left, by slot code."""
        return {code: slot.quantity for code, slot in self._slots.items()}

    def price_of(self, code: str) -> int:
        return self._slot(code).product.price

    # -- customer --------------------------------------------------------------

    @property
    def credit(self) -> int:
        """The money inserted for the current purchase, in cents."""
        return sum(coin.value for coin in self._inserted)

    def insert(self, coin: Coin) -> int:
        """Accept a coin and return the credit so far."""
        if self._locked:
            raise MachineLocked("the machine is in service mode")
        if not isinstance(coin, Coin):
            raise InvalidCoin(f"not accepted: {coin!r}")
        if self.credit + coin.value > MAX_CREDIT:
            raise InvalidCoin(f"credit is limited to {MAX_CREDIT} cents")
        self._inserted.append(coin)
        self._box[coin] += 1
        return self.credit

    def cancel(self) -> list[Coin]:
        """Give back the coins inserted for the current purchase."""
        returned = list(self._inserted)
        for coin in returned:
            self._box[coin] -= 1
        self._inserted.clear()
        return returned

    def select(self, code: str) -> Sale:
        """Buy from slot ``code`` with the current credit.

        On any error nothing changes: the credit stays for another choice.
        """
        if self._locked:
            raise MachineLocked("the machine is in service mode")
        slot = self._slot(code)
        if slot.quantity == 0:
            raise SoldOut(code)
        price = slot.product.price
        credit = self.credit
        if credit < price:
            raise InsufficientCredit(price - credit)
        change = make_change(credit - price, self._box)
        if change is None:
            raise ExactChangeRequired("exact change only")
        for coin, count in change.items():
            self._box[coin] -= count
        slot.quantity -= 1
        self._inserted.clear()
        sale = Sale(code, slot.product, price, change)
        self._sales.append(sale)
        return sale

    # -- service ---------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self._locked

    def lock(self, pin: str) -> None:
        """Enter service mode; any pending credit is kept until unlock."""
        self._check_pin(pin)
        self._locked = True

    def unlock(self, pin: str) -> None:
        self._check_pin(pin)
        self._locked = False

    def coin_box(self) -> dict[Coin, int]:
        """How many of each coin the machine holds (inserted credit included)."""
        return dict(self._box)

    def collect(self, pin: str, *, keep: Mapping[Coin, int] | None = None) -> int:
        """Empty the coin box, leaving ``keep`` coins as float; returns the cents taken."""
        self._check_pin(pin)
        keep = keep or {}
        taken = {}
        for coin, count in self._box.items():
            left = min(count, keep.get(coin, 0))
            taken[coin] = count - left
            self._box[coin] = left
        return total(taken)

    def sales_total(self) -> int:
        """Revenue of every sale so far, in cents."""
        return sum(sale.paid for sale in self._sales)

    def sales_by_product(self) -> dict[str, int]:
        """Number of items sold, by product name."""
        counts: dict[str, int] = {}
        for sale in self._sales:
            counts[sale.product.name] = counts.get(sale.product.name, 0) + 1
        return counts

    # -- helpers ---------------------------------------------------------------

    def _slot(self, code: str) -> Slot:
        try:
            return self._slots[code]
        except KeyError:
            raise UnknownSlot(code) from None

    def _check_pin(self, pin: str) -> None:
        if pin != self._pin:
            raise WrongPin("wrong service PIN")

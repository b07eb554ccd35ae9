import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal


@dataclass
class Registration:
    id: int
    email: str
    name: str
    price: Decimal
    registered_at: datetime
    cancel_token: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    status: str = "confirmed"  # confirmed | waitlisted


@dataclass
class Event:
    id: int
    organiser: str
    title: str
    capacity: int
    starts_at: datetime
    price: Decimal
    early_bird_price: Decimal | None = None
    early_bird_until: datetime | None = None
    confirmed: list[Registration] = field(default_factory=list)
    waitlist: list[Registration] = field(default_factory=list)

    def price_at(self, moment: datetime) -> Decimal:
        """The early-bird price applies strictly before the cut-off."""
        if self.early_bird_price is not None and self.early_bird_until is not None and moment < self.early_bird_until:
            return self.early_bird_price
        return self.price

    @property
    def spots_left(self) -> int:
        return max(self.capacity - len(self.confirmed), 0)

    def find(self, registration_id: int) -> Registration | None:
        for registration in self.confirmed + self.waitlist:
            if registration.id == registration_id:
                return registration
        return None

    def is_registered(self, email: str) -> bool:
        email = email.lower()
        return any(r.email == email for r in self.confirmed + self.waitlist)


class EventStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._events: dict[int, Event] = {}
        self._next_event = 1
        self._next_registration = 1

    def add_event(self, organiser: str, **fields) -> Event:
        with self._lock:
            event = Event(id=self._next_event, organiser=organiser, **fields)
            self._events[event.id] = event
            self._next_event += 1
            return event

    def get(self, event_id: int) -> Event | None:
        return self._events.get(event_id)

    def all(self) -> list[Event]:
        return list(self._events.values())

    def register(self, event: Event, email: str, name: str, now: datetime) -> Registration:
        """Confirm a seat while there is one, else join the waitlist. The price is fixed when registering."""
        with self._lock:
            registration = Registration(
                id=self._next_registration, email=email.lower(), name=name, price=event.price_at(now), registered_at=now
            )
            self._next_registration += 1
            if len(event.confirmed) < event.capacity:
                event.confirmed.append(registration)
            else:
                registration.status = "waitlisted"
                event.waitlist.append(registration)
            return registration

    def cancel(self, event: Event, registration: Registration) -> Registration | None:
        """Drop a registration; a freed seat goes to the first person on the waitlist, who is returned."""
        with self._lock:
            if registration.status == "waitlisted":
                event.waitlist.remove(registration)
                return None
            event.confirmed.remove(registration)
            if event.waitlist and len(event.confirmed) < event.capacity:
                promoted = event.waitlist.pop(0)
                promoted.status = "confirmed"
                event.confirmed.append(promoted)
                return promoted
            return None

"""Answers, capacity and the waitlist."""

from sqlalchemy import func

from rsvp.extensions import db
from rsvp.models import Event, Rsvp, User


class RsvpClosed(Exception):
    pass


def confirmed_count(event: Event) -> int:
    return Rsvp.query.filter_by(event_id=event.id, answer="yes", waitlisted=False).count()


def _next_waitlist_position(event: Event) -> int:
    highest = db.session.query(func.max(Rsvp.waitlist_position)).filter(Rsvp.event_id == event.id).scalar()
    return (highest or 0) + 1


def promote_from_waitlist(event: Event) -> list[Rsvp]:
    """Fill free places with the earliest waitlisted answers."""
    promoted = []
    while confirmed_count(event) < event.capacity:
        waiting = (
            Rsvp.query.filter_by(event_id=event.id, answer="yes", waitlisted=True)
            .order_by(Rsvp.waitlist_position.asc())
            .first()
        )
        if waiting is None:
            break
        waiting.waitlisted = False
        waiting.waitlist_position = None
        db.session.flush()
        promoted.append(waiting)
    return promoted


def answer(event: Event, user: User, reply: str, now) -> tuple[Rsvp, bool]:
    """Record `user`'s reply; returns the RSVP and whether it is new.

    A "yes" past capacity joins the waitlist. A confirmed "yes" that changes to anything else frees a place,
    which goes to the earliest waitlisted "yes".
    """
    if event.cancelled:
        raise RsvpClosed("the event is cancelled")
    if now >= event.starts_at:
        raise RsvpClosed("RSVPs closed when the event started")

    existing = Rsvp.query.filter_by(event_id=event.id, user_id=user.id).one_or_none()
    confirmed = confirmed_count(event)
    previous = existing.answer if existing is not None else None
    was_confirmed = existing is not None and existing.answer == "yes" and not existing.waitlisted

    rsvp = existing or Rsvp(event_id=event.id, user_id=user.id)
    if reply == "yes" and previous == "yes":
        pass  # keeps its place, confirmed or waitlisted
    elif reply == "yes" and confirmed >= event.capacity:
        rsvp.waitlisted = True
        rsvp.waitlist_position = _next_waitlist_position(event)
    else:
        rsvp.waitlisted = False
        rsvp.waitlist_position = None
    rsvp.answer = reply
    rsvp.answered_at = now
    if existing is None:
        db.session.add(rsvp)
    db.session.flush()

    if was_confirmed and reply != "yes":
        promote_from_waitlist(event)
    db.session.commit()
    return rsvp, existing is None


def counts(event: Event) -> dict[str, int]:
    rows = Rsvp.query.filter_by(event_id=event.id).all()
    return {
        "yes": sum(1 for r in rows if r.answer == "yes" and not r.waitlisted),
        "no": sum(1 for r in rows if r.answer == "no"),
        "maybe": sum(1 for r in rows if r.answer == "maybe"),
        "waitlist": sum(1 for r in rows if r.waitlisted),
    }

from datetime import datetime, timezone

from flask import Blueprint, abort, request
from flask.views import MethodView
from flask_jwt_extended import jwt_required
from marshmallow import ValidationError

from rsvp import attendance
from rsvp.auth import current_user
from rsvp.clock import now
from rsvp.extensions import db
from rsvp.models import Event, Rsvp
from rsvp.schemas import EventSchema, RsvpOutSchema, RsvpSchema

bp = Blueprint("events", __name__, url_prefix="/events")


def event_json(event: Event) -> dict:
    return {
        "id": event.id,
        "title": event.title,
        "description": event.description,
        "capacity": event.capacity,
        "starts_at": event.starts_at_utc.isoformat(),
        "organiser_id": event.organiser_id,
        "cancelled": event.cancelled,
        "spots_left": max(event.capacity - attendance.confirmed_count(event), 0),
    }


def _naive_utc(value: datetime) -> datetime:
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def _load_event(partial: bool = False) -> dict:
    data = EventSchema().load(request.get_json(silent=True) or {}, partial=partial)
    if "starts_at" in data:
        data["starts_at"] = _naive_utc(data["starts_at"])
        if data["starts_at"] <= now():
            raise ValidationError({"starts_at": ["must be in the future"]})
    return data


def _event_or_404(event_id: int) -> Event:
    return db.get_or_404(Event, event_id, description=f"event {event_id} not found")


def _organised_event(event_id: int) -> Event:
    event = _event_or_404(event_id)
    if event.organiser_id != current_user().id:
        abort(403, "only the organiser can change this event")
    return event


class EventListAPI(MethodView):
    def get(self):
        upcoming = (
            Event.query.filter(Event.cancelled.is_(False), Event.starts_at > now())
            .order_by(Event.starts_at, Event.id)
            .all()
        )
        return {"events": [event_json(e) for e in upcoming]}

    @jwt_required()
    def post(self):
        data = _load_event()
        event = Event(organiser_id=current_user().id, **data)
        db.session.add(event)
        db.session.commit()
        return event_json(event), 201, {"Location": f"/events/{event.id}"}


class EventAPI(MethodView):
    def get(self, event_id: int):
        return event_json(_event_or_404(event_id))

    @jwt_required()
    def patch(self, event_id: int):
        event = _organised_event(event_id)
        data = _load_event(partial=True)
        if event.cancelled:
            abort(409, "the event is cancelled")
        if "capacity" in data and data["capacity"] < attendance.confirmed_count(event):
            abort(409, "capacity is below the number of confirmed attendees")
        for key, value in data.items():
            setattr(event, key, value)
        db.session.flush()
        attendance.promote_from_waitlist(event)
        db.session.commit()
        return event_json(event)


class CancelEventAPI(MethodView):
    decorators = [jwt_required()]

    def post(self, event_id: int):
        event = _organised_event(event_id)
        event.cancelled = True
        db.session.commit()
        return event_json(event)


class RsvpAPI(MethodView):
    decorators = [jwt_required()]

    def put(self, event_id: int):
        event = _event_or_404(event_id)
        reply = RsvpSchema().load(request.get_json(silent=True) or {})["answer"]
        try:
            rsvp, created = attendance.answer(event, current_user(), reply, now())
        except attendance.RsvpClosed as exc:
            abort(409, str(exc))
        return RsvpOutSchema().dump(rsvp), 201 if created else 200


class AttendeesAPI(MethodView):
    decorators = [jwt_required()]

    def get(self, event_id: int):
        event = _event_or_404(event_id)
        rows = Rsvp.query.filter_by(event_id=event.id).order_by(Rsvp.answered_at, Rsvp.id).all()
        return {
            "counts": attendance.counts(event),
            "attendees": [
                {"user_id": r.user_id, "name": r.user.name, "answer": r.answer, "waitlisted": r.waitlisted}
                for r in rows
            ],
        }


bp.add_url_rule("", view_func=EventListAPI.as_view("list"))
bp.add_url_rule("/<int:event_id>", view_func=EventAPI.as_view("detail"))
bp.add_url_rule("/<int:event_id>/cancel", view_func=CancelEventAPI.as_view("cancel"))
bp.add_url_rule("/<int:event_id>/rsvp", view_func=RsvpAPI.as_view("rsvp"))
bp.add_url_rule("/<int:event_id>/attendees", view_func=AttendeesAPI.as_view("attendees"))

from functools import wraps

from flask import Blueprint, abort, current_app, g, jsonify, request
from marshmallow import ValidationError

from eventsapi.schemas import attendees_schema, event_schema, events_schema, registration_schema

bp = Blueprint("events", __name__)


def store():
    return current_app.extensions["event_store"]


def now():
    return current_app.config["CLOCK"]()


def organiser_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            abort(401, "Bearer token required")
        organiser = current_app.config["ORGANISER_TOKENS"].get(token)
        if organiser is None:
            abort(401, "Unknown token")
        g.organiser = organiser
        return view(*args, **kwargs)

    return wrapper


def json_body() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "Expected a JSON object")
    return data


def event_or_404(event_id: int):
    event = store().get(event_id)
    if event is None:
        abort(404, "Event not found")
    return event


@bp.post("/events")
@organiser_required
def create_event():
    data = event_schema.load(json_body())
    if data["starts_at"] <= now():
        raise ValidationError({"starts_at": ["must be in the future"]})
    event = store().add_event(g.organiser, **data)
    return jsonify(event_schema.dump(event)), 201


@bp.get("/events")
def list_events():
    moment = now()
    upcoming = sorted((e for e in store().all() if e.starts_at > moment), key=lambda e: (e.starts_at, e.id))
    return jsonify(events_schema.dump(upcoming))


@bp.get("/events/<int:event_id>")
def read_event(event_id: int):
    event = event_or_404(event_id)
    body = event_schema.dump(event)
    body["current_price"] = f"{event.price_at(now()):.2f}"
    return jsonify(body)


@bp.post("/events/<int:event_id>/registrations")
def register(event_id: int):
    event = event_or_404(event_id)
    data = registration_schema.load(json_body())
    moment = now()
    if event.starts_at <= moment:
        abort(409, "Registration is closed: the event has started")
    if event.is_registered(data["email"]):
        abort(409, "This e-mail is already registered for the event")
    registration = store().register(event, data["email"], data["name"], moment)
    body = registration_schema.dump(registration)
    body["cancel_token"] = registration.cancel_token
    if registration.status == "waitlisted":
        body["position"] = event.waitlist.index(registration) + 1
    return jsonify(body), 201


@bp.delete("/events/<int:event_id>/registrations/<int:registration_id>")
def cancel(event_id: int, registration_id: int):
    event = event_or_404(event_id)
    registration = event.find(registration_id)
    if registration is None:
        abort(404, "Registration not found")
    if request.args.get("token") != registration.cancel_token:
        abort(403, "Wrong cancellation token")
    store().cancel(event, registration)
    return "", 204


@bp.get("/events/<int:event_id>/attendees")
@organiser_required
def attendees(event_id: int):
    event = store().get(event_id)
    if event is None or event.organiser != g.organiser:
        abort(404, "Event not found")
    return jsonify(
        confirmed=attendees_schema.dump(event.confirmed),
        waitlist=attendees_schema.dump(event.waitlist),
    )

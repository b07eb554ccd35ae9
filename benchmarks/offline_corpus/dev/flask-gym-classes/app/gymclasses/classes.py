from datetime import datetime

from flask import Blueprint, jsonify, request
from sqlalchemy import func

from .auth import now, staff_required
from .extensions import db
from .models import Booking, GymClass
from .money import fmt, parse_amount

bp = Blueprint("classes", __name__, url_prefix="/classes")


def booked_count(class_id: int) -> int:
    return db.session.scalar(
        db.select(func.count()).select_from(Booking).where(Booking.class_id == class_id, Booking.status == "booked")
    )


def class_json(gym_class: GymClass) -> dict:
    return {
        "id": gym_class.id,
        "title": gym_class.title,
        "starts_at": gym_class.starts_at.isoformat(),
        "capacity": gym_class.capacity,
        "price": fmt(gym_class.price),
        "spots_left": gym_class.capacity - booked_count(gym_class.id),
    }


@bp.post("")
@staff_required
def create_class():
    data = request.get_json(silent=True) or {}
    errors = {}
    title = (data.get("title") or "").strip()
    if not title:
        errors["title"] = "required"
    try:
        starts_at = datetime.fromisoformat(data.get("starts_at") or "")
    except (TypeError, ValueError):
        errors["starts_at"] = "expected an ISO datetime"
    capacity = data.get("capacity")
    if not isinstance(capacity, int) or capacity < 1:
        errors["capacity"] = "must be a positive integer"
    try:
        price = parse_amount(data.get("price"), allow_zero=True)
    except ValueError as exc:
        errors["price"] = str(exc)
    if errors:
        return jsonify(errors=errors), 400
    gym_class = GymClass(title=title, starts_at=starts_at.replace(tzinfo=None), capacity=capacity, price=price)
    db.session.add(gym_class)
    db.session.commit()
    return jsonify(class_json(gym_class)), 201


@bp.get("")
def upcoming():
    rows = db.session.scalars(
        db.select(GymClass).where(GymClass.starts_at > now()).order_by(GymClass.starts_at, GymClass.id)
    )
    return jsonify([class_json(c) for c in rows])

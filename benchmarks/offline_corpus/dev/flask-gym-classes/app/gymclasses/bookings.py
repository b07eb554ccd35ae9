from datetime import timedelta

from flask import Blueprint, abort, current_app, g, jsonify

from .auth import member_required, now
from .classes import booked_count
from .extensions import db
from .models import Booking, GymClass
from .money import fmt, share

bp = Blueprint("bookings", __name__)


def booking_json(booking: Booking) -> dict:
    return {
        "id": booking.id,
        "class_id": booking.class_id,
        "status": booking.status,
        "price_paid": fmt(booking.price_paid),
        "refunded": fmt(booking.refunded),
    }


@bp.post("/classes/<int:class_id>/bookings")
@member_required
def book(class_id):
    gym_class = db.get_or_404(GymClass, class_id, description=f"class {class_id} not found")
    if gym_class.starts_at <= now():
        return jsonify(error="this class has already started"), 409
    if booked_count(class_id) >= gym_class.capacity:
        return jsonify(error="this class is full"), 409
    existing = db.session.execute(
        db.select(Booking).filter_by(member_id=g.member.id, class_id=class_id, status="booked")
    ).scalar_one_or_none()
    if existing is not None:
        return jsonify(error="you have already booked this class"), 409
    if g.member.credit < gym_class.price:
        return jsonify(error=f"this class costs {fmt(gym_class.price)}, your credit is {fmt(g.member.credit)}"), 402
    g.member.credit = g.member.credit - gym_class.price
    booking = Booking(member_id=g.member.id, class_id=class_id, price_paid=gym_class.price)
    db.session.add(booking)
    db.session.commit()
    return jsonify(booking_json(booking)), 201


@bp.get("/bookings")
@member_required
def my_bookings():
    rows = db.session.scalars(db.select(Booking).filter_by(member_id=g.member.id).order_by(Booking.id))
    return jsonify([booking_json(b) for b in rows])


@bp.delete("/bookings/<int:booking_id>")
@member_required
def cancel(booking_id):
    booking = db.session.get(Booking, booking_id)
    if booking is None or booking.member_id != g.member.id:
        abort(404, f"booking {booking_id} not found")
    if booking.status != "booked":
        return jsonify(error="this booking is already cancelled"), 409
    gym_class = db.session.get(GymClass, booking.class_id)
    moment = now()
    if moment >= gym_class.starts_at:
        return jsonify(error="this class has already started"), 409
    deadline = gym_class.starts_at - timedelta(hours=current_app.config["CANCEL_WINDOW_HOURS"])
    if moment <= deadline:
        refund = booking.price_paid
    else:
        refund = share(booking.price_paid, current_app.config["LATE_REFUND_SHARE"])
    booking.status = "cancelled"
    booking.refunded = refund
    g.member.credit = g.member.credit + refund
    db.session.commit()
    return jsonify(booking_json(booking))

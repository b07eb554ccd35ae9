from datetime import date

from flask import Blueprint, abort, current_app, g, jsonify, request

from .auth import login_required
from .db import get_db

bp = Blueprint("trips", __name__, url_prefix="/trips")


def parse_day(value):
    if not isinstance(value, str):
        raise ValueError("expected an ISO date")
    return date.fromisoformat(value)


def validate_trip(data):
    errors = {}
    title = (data.get("title") or "").strip()
    if not title:
        errors["title"] = "required"
    dates = {}
    for field in ("start_date", "end_date"):
        try:
            dates[field] = parse_day(data.get(field))
        except ValueError:
            errors[field] = "expected an ISO date (YYYY-MM-DD)"
    if not errors:
        start, end = dates["start_date"], dates["end_date"]
        if end < start:
            errors["end_date"] = "must not be before start_date"
        elif (end - start).days + 1 > current_app.config["MAX_TRIP_DAYS"]:
            errors["end_date"] = f"a trip lasts at most {current_app.config['MAX_TRIP_DAYS']} days"
    return title, dates, errors


def get_trip(trip_id):
    trip = get_db().execute(
        "SELECT * FROM trip WHERE id = ? AND owner_id = ?", (trip_id, g.user["id"])
    ).fetchone()
    if trip is None:
        abort(404, f"trip {trip_id} not found")
    return trip


def stops_of(trip_id):
    rows = get_db().execute("SELECT * FROM stop WHERE trip_id = ? ORDER BY day, id", (trip_id,)).fetchall()
    return [{"id": r["id"], "day": r["day"], "place": r["place"]} for r in rows]


def trip_json(trip, with_stops=False):
    body = {k: trip[k] for k in ("id", "title", "start_date", "end_date")}
    if with_stops:
        body["stops"] = stops_of(trip["id"])
    return body


@bp.errorhandler(404)
def not_found(error):
    return jsonify(error=error.description), 404


@bp.get("")
@login_required
def index():
    rows = get_db().execute(
        "SELECT * FROM trip WHERE owner_id = ? ORDER BY start_date, id", (g.user["id"],)
    ).fetchall()
    return jsonify([trip_json(r) for r in rows])


@bp.post("")
@login_required
def create():
    title, dates, errors = validate_trip(request.get_json(silent=True) or {})
    if errors:
        return jsonify(errors=errors), 400
    db = get_db()
    cursor = db.execute(
        "INSERT INTO trip (owner_id, title, start_date, end_date) VALUES (?, ?, ?, ?)",
        (g.user["id"], title, dates["start_date"].isoformat(), dates["end_date"].isoformat()),
    )
    db.commit()
    return jsonify(trip_json(get_trip(cursor.lastrowid))), 201


@bp.get("/<int:trip_id>")
@login_required
def detail(trip_id):
    return jsonify(trip_json(get_trip(trip_id), with_stops=True))


@bp.put("/<int:trip_id>")
@login_required
def update(trip_id):
    get_trip(trip_id)
    title, dates, errors = validate_trip(request.get_json(silent=True) or {})
    if errors:
        return jsonify(errors=errors), 400
    start, end = dates["start_date"].isoformat(), dates["end_date"].isoformat()
    db = get_db()
    outside = db.execute(
        "SELECT COUNT(*) FROM stop WHERE trip_id = ? AND (day < ? OR day > ?)", (trip_id, start, end)
    ).fetchone()[0]
    if outside:
        return jsonify(error=f"{outside} stop(s) would fall outside the new dates"), 409
    db.execute("UPDATE trip SET title = ?, start_date = ?, end_date = ? WHERE id = ?", (title, start, end, trip_id))
    db.commit()
    return jsonify(trip_json(get_trip(trip_id), with_stops=True))


@bp.delete("/<int:trip_id>")
@login_required
def delete(trip_id):
    get_trip(trip_id)
    db = get_db()
    db.execute("DELETE FROM stop WHERE trip_id = ?", (trip_id,))
    db.execute("DELETE FROM trip WHERE id = ?", (trip_id,))
    db.commit()
    return "", 204


@bp.post("/<int:trip_id>/stops")
@login_required
def add_stop(trip_id):
    trip = get_trip(trip_id)
    data = request.get_json(silent=True) or {}
    place = (data.get("place") or "").strip()
    if not place:
        return jsonify(errors={"place": "required"}), 400
    try:
        day = parse_day(data.get("day"))
    except ValueError:
        return jsonify(errors={"day": "expected an ISO date (YYYY-MM-DD)"}), 400
    if not date.fromisoformat(trip["start_date"]) <= day <= date.fromisoformat(trip["end_date"]):
        return jsonify(errors={"day": "must fall within the trip"}), 400
    db = get_db()
    cursor = db.execute("INSERT INTO stop (trip_id, day, place) VALUES (?, ?, ?)", (trip_id, day.isoformat(), place))
    db.commit()
    return jsonify(id=cursor.lastrowid, day=day.isoformat(), place=place), 201


@bp.delete("/<int:trip_id>/stops/<int:stop_id>")
@login_required
def delete_stop(trip_id, stop_id):
    get_trip(trip_id)
    db = get_db()
    cursor = db.execute("DELETE FROM stop WHERE id = ? AND trip_id = ?", (stop_id, trip_id))
    db.commit()
    if cursor.rowcount == 0:
        abort(404, f"stop {stop_id} not found")
    return "", 204

from datetime import datetime, timedelta

from flask import Blueprint, abort, current_app, g, jsonify, request
from flask.views import MethodView

from timesheets.db import get_db, hash_key
from timesheets.weeks import parse_time, parse_week, week_of, week_start

bp = Blueprint("api", __name__)


@bp.before_request
def authenticate():
    api_key = request.headers.get("X-API-Key")
    if not api_key:
        abort(401, "X-API-Key header required")
    user = get_db().execute("SELECT * FROM users WHERE api_key_hash = ?", (hash_key(api_key),)).fetchone()
    if user is None:
        abort(401, "Unknown API key")
    g.user = user


def entry_json(row) -> dict:
    return {
        "id": row["id"],
        "starts_at": row["starts_at"],
        "ends_at": row["ends_at"],
        "hours": round(row["minutes"] / 60, 2),
        "week": row["week"],
        "note": row["note"],
    }


def is_approved(user_id: int, week: str) -> bool:
    row = get_db().execute("SELECT 1 FROM approvals WHERE user_id = ? AND week = ?", (user_id, week)).fetchone()
    return row is not None


def own_entry(entry_id: int):
    row = get_db().execute(
        "SELECT * FROM entries WHERE id = ? AND user_id = ?", (entry_id, g.user["id"])
    ).fetchone()
    if row is None:
        abort(404, "Entry not found")
    return row


def read_entry_body() -> tuple[datetime, datetime, str]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "Expected a JSON object")
    try:
        starts_at = parse_time(data.get("starts_at"))
        ends_at = parse_time(data.get("ends_at"))
    except ValueError as error:
        abort(422, f"starts_at and ends_at must be local ISO 8601 times: {error}")
    note = data.get("note", "")
    if not isinstance(note, str) or len(note) > 500:
        abort(422, "note must be a string of at most 500 characters")
    if ends_at <= starts_at:
        abort(422, "ends_at must be after starts_at")
    if ends_at - starts_at > timedelta(hours=current_app.config["MAX_ENTRY_HOURS"]):
        abort(422, f"an entry may last at most {current_app.config['MAX_ENTRY_HOURS']} hours")
    return starts_at, ends_at, note


def check_entry_fits(starts_at: datetime, ends_at: datetime, ignore_id: int | None = None) -> None:
    """Refuse an entry that overlaps one of the user's own or takes their week past the cap."""
    db = get_db()
    others = db.execute(
        "SELECT * FROM entries WHERE user_id = ? AND id IS NOT ?", (g.user["id"], ignore_id)
    ).fetchall()
    for other in others:
        other_start = datetime.fromisoformat(other["starts_at"])
        other_end = datetime.fromisoformat(other["ends_at"])
        if starts_at < other_end and other_start < ends_at:
            abort(409, f"overlaps entry {other['id']}")

    monday = week_start(starts_at)
    week_minutes = sum(
        other["minutes"]
        for other in others
        if monday <= datetime.fromisoformat(other["starts_at"]) < monday + timedelta(days=7)
    )
    minutes = int((ends_at - starts_at).total_seconds() // 60)
    if week_minutes + minutes > current_app.config["WEEKLY_CAP_HOURS"] * 60:
        abort(422, f"more than {current_app.config['WEEKLY_CAP_HOURS']} hours in week {week_of(starts_at)}")


def check_unlocked(week: str) -> None:
    if is_approved(g.user["id"], week):
        abort(409, f"week {week} is approved and locked")


class EntryListAPI(MethodView):
    def get(self):
        sql = "SELECT * FROM entries WHERE user_id = ?"
        params: list = [g.user["id"]]
        week = request.args.get("week")
        if week is not None:
            try:
                parse_week(week)
            except ValueError:
                abort(400, "week must look like 2031-W07")
            sql += " AND week = ?"
            params.append(week)
        rows = get_db().execute(sql + " ORDER BY starts_at", params).fetchall()
        return jsonify([entry_json(row) for row in rows])

    def post(self):
        starts_at, ends_at, note = read_entry_body()
        week = week_of(starts_at)
        check_unlocked(week)
        check_entry_fits(starts_at, ends_at)
        db = get_db()
        minutes = int((ends_at - starts_at).total_seconds() // 60)
        cursor = db.execute(
            "INSERT INTO entries (user_id, starts_at, ends_at, minutes, week, note) VALUES (?, ?, ?, ?, ?, ?)",
            (g.user["id"], starts_at.isoformat(), ends_at.isoformat(), minutes, week, note),
        )
        db.commit()
        row = db.execute("SELECT * FROM entries WHERE id = ?", (cursor.lastrowid,)).fetchone()
        return jsonify(entry_json(row)), 201


class EntryAPI(MethodView):
    def get(self, entry_id: int):
        return jsonify(entry_json(own_entry(entry_id)))

    def put(self, entry_id: int):
        entry = own_entry(entry_id)
        check_unlocked(entry["week"])
        starts_at, ends_at, note = read_entry_body()
        week = week_of(starts_at)
        check_unlocked(week)
        check_entry_fits(starts_at, ends_at, ignore_id=entry_id)
        db = get_db()
        minutes = int((ends_at - starts_at).total_seconds() // 60)
        db.execute(
            "UPDATE entries SET starts_at = ?, ends_at = ?, minutes = ?, week = ?, note = ? WHERE id = ?",
            (starts_at.isoformat(), ends_at.isoformat(), minutes, week, note, entry_id),
        )
        db.commit()
        return jsonify(entry_json(own_entry(entry_id)))

    def delete(self, entry_id: int):
        entry = own_entry(entry_id)
        check_unlocked(entry["week"])
        db = get_db()
        db.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
        db.commit()
        return "", 204


def user_or_404(user_id: int):
    user = get_db().execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
    if user is None:
        abort(404, "User not found")
    return user


def valid_week(week: str) -> str:
    try:
        parse_week(week)
    except ValueError:
        abort(400, "week must look like 2031-W07")
    return week


class WeekAPI(MethodView):
    """A user's week: the user themself or their manager may read it."""

    def get(self, user_id: int, week: str):
        valid_week(week)
        user = user_or_404(user_id)
        if user["id"] != g.user["id"] and user["manager_id"] != g.user["id"]:
            abort(403, "Only the user and their manager can see this week")
        minutes = get_db().execute(
            "SELECT COALESCE(SUM(minutes), 0) AS total, COUNT(*) AS n FROM entries WHERE user_id = ? AND week = ?",
            (user_id, week),
        ).fetchone()
        approval = get_db().execute(
            "SELECT approved_by, approved_at FROM approvals WHERE user_id = ? AND week = ?", (user_id, week)
        ).fetchone()
        return jsonify(
            user_id=user_id,
            week=week,
            total_hours=round(minutes["total"] / 60, 2),
            entries=minutes["n"],
            approved=approval is not None,
            approved_by=approval["approved_by"] if approval else None,
        )


class ApprovalAPI(MethodView):
    """A manager approves a week of one of their own reports; the week is locked from then on."""

    def post(self, user_id: int, week: str):
        valid_week(week)
        user = user_or_404(user_id)
        if user["manager_id"] != g.user["id"]:
            abort(403, "Only the user's manager can approve their weeks")
        if is_approved(user_id, week):
            abort(409, f"week {week} is already approved")
        db = get_db()
        db.execute(
            "INSERT INTO approvals (user_id, week, approved_by, approved_at) VALUES (?, ?, ?, ?)",
            (user_id, week, g.user["id"], datetime.now().isoformat(timespec="seconds")),
        )
        db.commit()
        return jsonify(user_id=user_id, week=week, approved_by=g.user["id"]), 201


@bp.get("/me")
def me():
    return jsonify(id=g.user["id"], name=g.user["name"], manager_id=g.user["manager_id"])


bp.add_url_rule("/entries", view_func=EntryListAPI.as_view("entries"))
bp.add_url_rule("/entries/<int:entry_id>", view_func=EntryAPI.as_view("entry"))
bp.add_url_rule("/users/<int:user_id>/weeks/<week>", view_func=WeekAPI.as_view("week"))
bp.add_url_rule("/users/<int:user_id>/weeks/<week>/approval", view_func=ApprovalAPI.as_view("approval"))


def register(app):
    app.register_blueprint(bp)

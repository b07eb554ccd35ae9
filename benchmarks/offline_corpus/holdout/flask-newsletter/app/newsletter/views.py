import csv
import hashlib
import hmac
import io
import re
from datetime import datetime, timedelta
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, current_app, jsonify, request

from . import get_db

bp = Blueprint("newsletter", __name__)

ALLOWED_LISTS = ("weekly", "product", "events")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")


def sign(message: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def confirm_token(email: str, issued: datetime) -> str:
    stamp = int(issued.timestamp())
    return f"{stamp}.{sign(f'confirm:{email}:{stamp}')}"


def send(email: str, subject: str, path: str, **params) -> None:
    link = f"{current_app.config['BASE_URL']}{path}?{urlencode({'email': email, **params})}"
    current_app.config["MAILER"](email, subject, f"{subject}\n\n{link}\n")


def require_admin() -> None:
    given = request.headers.get("X-Admin-Key", "")
    if not hmac.compare_digest(given, current_app.config["ADMIN_KEY"]):
        abort(401)


@bp.post("/subscribe")
def subscribe():
    data = request.get_json(silent=True) or {}
    email = str(data.get("email", "")).strip().lower()
    if not EMAIL.match(email):
        return jsonify(error="a valid email address is required"), 400
    lists = data.get("lists") or ["weekly"]
    if not isinstance(lists, list) or any(name not in ALLOWED_LISTS for name in lists):
        return jsonify(error=f"lists must be chosen from {', '.join(ALLOWED_LISTS)}"), 400
    db = get_db()
    row = db.execute("SELECT * FROM subscribers WHERE email = ?", (email,)).fetchone()
    if row is not None and row["status"] == "confirmed":
        return jsonify(status="subscribed"), 200
    now = current_app.config["CLOCK"]()
    db.execute("INSERT OR REPLACE INTO subscribers (email, lists, status, created_at) VALUES (?, ?, 'pending', ?)",
               (email, ",".join(sorted(set(lists))), now.isoformat()))
    db.commit()
    send(email, "Please confirm your subscription", "/confirm", token=confirm_token(email, now))
    return jsonify(status="pending"), 202


@bp.get("/confirm")
def confirm():
    email = request.args.get("email", "").lower()
    stamp, _, signature = request.args.get("token", "").partition(".")
    if not stamp.isdigit() or not hmac.compare_digest(signature, sign(f"confirm:{email}:{stamp}")):
        return jsonify(error="invalid confirmation link"), 400
    now = current_app.config["CLOCK"]()
    if now - datetime.fromtimestamp(int(stamp), now.tzinfo) > timedelta(hours=current_app.config["CONFIRM_HOURS"]):
        return jsonify(error="confirmation link expired, please subscribe again"), 410
    db = get_db()
    if db.execute("UPDATE subscribers SET status = 'confirmed', confirmed_at = ? WHERE email = ? AND status = 'pending'",
                  (now.isoformat(), email)).rowcount:
        db.commit()
        send(email, "Welcome aboard", "/unsubscribe", token=sign(f"unsubscribe:{email}"))
    return jsonify(status="confirmed")


@bp.post("/unsubscribe")
def unsubscribe():
    data = request.get_json(silent=True) or request.form
    email = str(data.get("email", "")).lower()
    if not hmac.compare_digest(str(data.get("token", "")), sign(f"unsubscribe:{email}")):
        return jsonify(error="invalid unsubscribe link"), 400
    db = get_db()
    if not db.execute("UPDATE subscribers SET status = 'unsubscribed' WHERE email = ?", (email,)).rowcount:
        abort(404)
    db.commit()
    return jsonify(status="unsubscribed")


@bp.get("/admin/subscribers")
def list_subscribers():
    require_admin()
    page = max(request.args.get("page", 1, type=int), 1)
    per_page = min(max(request.args.get("per_page", 50, type=int), 1), 200)
    status = request.args.get("status")
    query, params = "SELECT * FROM subscribers", []
    if status:
        query, params = query + " WHERE status = ?", [status]
    total = get_db().execute(query.replace("*", "COUNT(*)", 1), params).fetchone()[0]
    rows = get_db().execute(query + " ORDER BY email LIMIT ? OFFSET ?", (*params, per_page, (page - 1) * per_page))
    items = [{**dict(r), "lists": r["lists"].split(",")} for r in rows]
    return jsonify(total=total, page=page, per_page=per_page, items=items)


@bp.get("/admin/export.csv")
def export_csv():
    require_admin()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["email", "lists", "confirmed_at"])
    for row in get_db().execute("SELECT * FROM subscribers WHERE status = 'confirmed' ORDER BY email"):
        writer.writerow([row["email"], row["lists"].replace(",", " "), row["confirmed_at"]])
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=subscribers.csv"})

import hmac
import sqlite3

from flask import Blueprint, Response, abort, current_app, flash, g, redirect, render_template, request, url_for

bp = Blueprint("guestbook", __name__)

MAX_MESSAGE = 500


def db():
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        g.db.row_factory = sqlite3.Row
    return g.db


def _is_admin():
    expected = current_app.config["ADMIN_PASSWORD"]
    auth = request.authorization
    return bool(expected) and auth is not None and auth.username == "admin" and hmac.compare_digest(
        auth.password or "", expected
    )


def admin_required():
    if not _is_admin():
        return Response("Staff only.", 401, {"WWW-Authenticate": 'Basic realm="guestbook"'})
    return None


@bp.get("/")
def index():
    page = request.args.get("page", 1, type=int)
    if page < 1:
        abort(404)
    per_page = current_app.config["PER_PAGE"]
    total = db().execute("SELECT COUNT(*) FROM entries WHERE hidden = 0").fetchone()[0]
    entries = db().execute(
        "SELECT * FROM entries WHERE hidden = 0 ORDER BY id DESC LIMIT ? OFFSET ?",
        (per_page, (page - 1) * per_page),
    ).fetchall()
    has_next = page * per_page < total
    return render_template("index.html", entries=entries, page=page, has_next=has_next, total=total)


@bp.post("/sign")
def sign():
    name = request.form.get("name", "").strip()
    message = request.form.get("message", "").strip()
    rating = request.form.get("rating", type=int)
    errors = []
    if not name:
        errors.append("Please tell us your name.")
    if not message:
        errors.append("Please write a message.")
    elif len(message) > MAX_MESSAGE:
        errors.append(f"Messages are limited to {MAX_MESSAGE} characters.")
    if rating is None or not 1 <= rating <= 5:
        errors.append("Pick a rating from 1 to 5.")
    if errors:
        return render_template("index.html", entries=[], page=1, has_next=False, total=0, errors=errors), 400
    db().execute("INSERT INTO entries (name, message, rating) VALUES (?, ?, ?)", (name, message, rating))
    db().commit()
    flash("Thanks for signing our guestbook!")
    return redirect(url_for("guestbook.index"), 303)


@bp.get("/admin")
def admin():
    denied = admin_required()
    if denied:
        return denied
    entries = db().execute("SELECT * FROM entries ORDER BY id DESC").fetchall()
    return render_template("admin.html", entries=entries)


@bp.post("/admin/entries/<int:entry_id>/hide")
def hide(entry_id):
    denied = admin_required()
    if denied:
        return denied
    cur = db().execute("UPDATE entries SET hidden = 1 WHERE id = ?", (entry_id,))
    db().commit()
    if cur.rowcount == 0:
        abort(404)
    return redirect(url_for("guestbook.admin"), 303)

from flask import Blueprint, abort, jsonify, request
from flask_login import current_user, login_required

from .db import get_db

bp = Blueprint("requests", __name__)

STATUSES = ("draft", "submitted", "approved", "rejected", "issued")


def storekeeper_only():
    if current_user.role != "storekeeper":
        abort(403, "storekeepers only")


def load_request(request_id):
    row = get_db().execute("SELECT * FROM requests WHERE id = ?", (request_id,)).fetchone()
    if row is None or (current_user.role != "storekeeper" and row["technician_id"] != int(current_user.id)):
        abort(404)
    return row


def move(row, expected, target):
    if row["status"] != expected:
        return jsonify(error=f"request is {row['status']}, not {expected}"), 409
    db = get_db()
    db.execute("UPDATE requests SET status = ? WHERE id = ?", (target, row["id"]))
    db.commit()
    return jsonify(dict(load_request(row["id"])))


def quantity_from(data):
    quantity = data.get("quantity")
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
        abort(400, "quantity must be a positive whole number")
    return quantity


@bp.post("/parts")
@login_required
def add_part():
    storekeeper_only()
    data = request.get_json(force=True)
    db = get_db()
    db.execute("INSERT OR REPLACE INTO parts (sku, name, stock) VALUES (?, ?, ?)",
               (data["sku"].upper(), data["name"], int(data["stock"])))
    db.commit()
    return jsonify(dict(db.execute("SELECT * FROM parts WHERE sku = ?", (data["sku"].upper(),)).fetchone())), 201


@bp.get("/parts/<sku>")
@login_required
def get_part(sku):
    row = get_db().execute("SELECT * FROM parts WHERE sku = ?", (sku.upper(),)).fetchone()
    if row is None:
        abort(404)
    return jsonify(dict(row))


@bp.get("/requests")
@login_required
def index():
    page = max(request.args.get("page", 1, type=int), 1)
    per_page = min(max(request.args.get("per_page", 20, type=int), 1), 100)
    where, params = [], []
    if current_user.role != "storekeeper":
        where.append("technician_id = ?")
        params.append(int(current_user.id))
    status = request.args.get("status")
    if status:
        if status not in STATUSES:
            abort(400, "unknown status")
        where.append("status = ?")
        params.append(status)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    rows = get_db().execute(f"SELECT * FROM requests {clause} ORDER BY id LIMIT ? OFFSET ?",
                            (*params, per_page, (page - 1) * per_page)).fetchall()
    return jsonify(page=page, per_page=per_page, items=[dict(r) for r in rows])


@bp.post("/requests")
@login_required
def create():
    data = request.get_json(force=True)
    quantity = quantity_from(data)
    db = get_db()
    if db.execute("SELECT 1 FROM parts WHERE sku = ?", (str(data.get("sku", "")).upper(),)).fetchone() is None:
        abort(400, "unknown part")
    cursor = db.execute("INSERT INTO requests (technician_id, sku, quantity, note) VALUES (?, ?, ?, ?)",
                        (int(current_user.id), data["sku"].upper(), quantity, data.get("note", "")))
    db.commit()
    return jsonify(dict(load_request(cursor.lastrowid))), 201


@bp.get("/requests/<int:request_id>")
@login_required
def show(request_id):
    return jsonify(dict(load_request(request_id)))


@bp.patch("/requests/<int:request_id>")
@login_required
def edit(request_id):
    row = load_request(request_id)
    if row["status"] != "draft":
        return jsonify(error="only drafts can be edited"), 409
    quantity = quantity_from(request.get_json(force=True))
    db = get_db()
    db.execute("UPDATE requests SET quantity = ? WHERE id = ?", (quantity, request_id))
    db.commit()
    return jsonify(dict(load_request(request_id)))


@bp.post("/requests/<int:request_id>/submit")
@login_required
def submit(request_id):
    return move(load_request(request_id), "draft", "submitted")


@bp.post("/requests/<int:request_id>/approve")
@login_required
def approve(request_id):
    storekeeper_only()
    return move(load_request(request_id), "submitted", "approved")


@bp.post("/requests/<int:request_id>/reject")
@login_required
def reject(request_id):
    storekeeper_only()
    return move(load_request(request_id), "submitted", "rejected")


@bp.post("/requests/<int:request_id>/issue")
@login_required
def issue(request_id):
    storekeeper_only()
    row = load_request(request_id)
    if row["status"] != "approved":
        return jsonify(error="only approved requests can be issued"), 409
    db = get_db()
    stock = db.execute("SELECT stock FROM parts WHERE sku = ?", (row["sku"],)).fetchone()["stock"]
    if row["quantity"] > stock:
        return jsonify(error="not enough stock"), 409
    db.execute("UPDATE parts SET stock = stock - ? WHERE sku = ?", (row["quantity"], row["sku"]))
    db.execute("UPDATE requests SET status = 'issued' WHERE id = ?", (request_id,))
    db.commit()
    return jsonify(dict(load_request(request_id)))

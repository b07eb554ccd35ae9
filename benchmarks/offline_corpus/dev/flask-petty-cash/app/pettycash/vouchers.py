import csv
import io
from decimal import Decimal, InvalidOperation

from flask import Blueprint, Response, abort, current_app, g, jsonify, request

from .auth import token_required
from .db import get_db

bp = Blueprint("vouchers", __name__, url_prefix="/vouchers")

CATEGORIES = ("travel", "supplies", "meals", "postage", "other")
OPEN_STATUSES = ("submitted", "checked")
CSV_COLUMNS = ("id", "owner", "category", "description", "amount", "status", "checked_by", "approved_by")


def parse_amount(value):
    """"12.50" (a string, at most two decimals) as integer cents; None when it is not such an amount."""
    if not isinstance(value, str):
        return None
    try:
        amount = Decimal(value.strip())
    except InvalidOperation:
        return None
    if not amount.is_finite() or amount.as_tuple().exponent < -2:
        return None
    return int(amount * 100)


def format_cents(cents):
    return f"{cents // 100}.{cents % 100:02d}"


def to_json(row):
    return {
        "id": row["id"],
        "owner": row["owner"],
        "amount": format_cents(row["amount_cents"]),
        "category": row["category"],
        "description": row["description"],
        "status": row["status"],
        "checked_by": row["checker"],
        "approved_by": row["approver"],
    }


SELECT = """
    SELECT v.*, o.username AS owner, c.username AS checker, a.username AS approver
    FROM voucher v
    JOIN user o ON o.id = v.owner_id
    LEFT JOIN user c ON c.id = v.checked_by
    LEFT JOIN user a ON a.id = v.approved_by
"""


def is_approver():
    return g.user["role"] == "approver"


def visible_vouchers(status=None):
    sql, args = SELECT + " WHERE 1 = 1", []
    if not is_approver():
        sql += " AND v.owner_id = ?"
        args.append(g.user["id"])
    if status:
        sql += " AND v.status = ?"
        args.append(status)
    return get_db().execute(sql + " ORDER BY v.id", args).fetchall()


def get_voucher(voucher_id):
    row = get_db().execute(SELECT + " WHERE v.id = ?", (voucher_id,)).fetchone()
    if row is None or (row["owner_id"] != g.user["id"] and not is_approver()):
        abort(404)
    return row


def open_total(user_id):
    placeholders = ", ".join("?" for _ in OPEN_STATUSES)
    row = get_db().execute(
        f"SELECT COALESCE(SUM(amount_cents), 0) FROM voucher WHERE owner_id = ? AND status IN ({placeholders})",
        (user_id, *OPEN_STATUSES),
    ).fetchone()
    return row[0]


@bp.post("")
@token_required
def create():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return jsonify(error="a JSON object is required"), 400
    errors = {}
    cents = parse_amount(data.get("amount"))
    if cents is None:
        errors["amount"] = "an amount like \"12.50\" is required"
    elif not 0 < cents <= current_app.config["MAX_VOUCHER_CENTS"]:
        errors["amount"] = f"must be more than 0 and at most {format_cents(current_app.config['MAX_VOUCHER_CENTS'])}"
    if data.get("category") not in CATEGORIES:
        errors["category"] = f"one of {', '.join(CATEGORIES)}"
    description = data.get("description")
    if not isinstance(description, str) or not description.strip():
        errors["description"] = "required"
    if errors:
        return jsonify(error="invalid voucher", fields=errors), 400

    limit = current_app.config["OPEN_LIMIT_CENTS"]
    if open_total(g.user["id"]) + cents > limit:
        return jsonify(error=f"open vouchers may total at most {format_cents(limit)}"), 409

    db = get_db()
    cur = db.execute(
        "INSERT INTO voucher (owner_id, amount_cents, category, description) VALUES (?, ?, ?, ?)",
        (g.user["id"], cents, data["category"], description.strip()),
    )
    db.commit()
    return jsonify(to_json(get_voucher(cur.lastrowid))), 201


@bp.get("")
@token_required
def index():
    return jsonify([to_json(row) for row in visible_vouchers(request.args.get("status"))])


@bp.get("/<int:voucher_id>")
@token_required
def detail(voucher_id):
    return jsonify(to_json(get_voucher(voucher_id)))


@bp.delete("/<int:voucher_id>")
@token_required
def withdraw(voucher_id):
    row = get_voucher(voucher_id)
    if row["owner_id"] != g.user["id"]:
        return jsonify(error="only the owner may withdraw a voucher"), 403
    if row["status"] != "submitted":
        return jsonify(error=f"a {row['status']} voucher cannot be withdrawn"), 409
    db = get_db()
    db.execute("DELETE FROM voucher WHERE id = ?", (voucher_id,))
    db.commit()
    return "", 204


@bp.post("/<int:voucher_id>/approve")
@token_required
def approve(voucher_id):
    """First approval checks a submitted voucher; a second approver then approves it."""
    row = get_voucher(voucher_id)
    if not is_approver():
        return jsonify(error="approvers only"), 403
    if row["owner_id"] == g.user["id"]:
        return jsonify(error="you cannot approve your own voucher"), 403
    db = get_db()
    if row["status"] == "submitted":
        db.execute("UPDATE voucher SET status = 'checked', checked_by = ? WHERE id = ?", (g.user["id"], voucher_id))
    elif row["status"] == "checked":
        if row["checked_by"] == g.user["id"]:
            return jsonify(error="a second approver must approve this voucher"), 403
        db.execute("UPDATE voucher SET status = 'approved', approved_by = ? WHERE id = ?", (g.user["id"], voucher_id))
    else:
        return jsonify(error=f"a {row['status']} voucher cannot be approved"), 409
    db.commit()
    return jsonify(to_json(get_voucher(voucher_id)))


@bp.post("/<int:voucher_id>/reject")
@token_required
def reject(voucher_id):
    row = get_voucher(voucher_id)
    if not is_approver() or row["owner_id"] == g.user["id"]:
        return jsonify(error="only another approver may reject this voucher"), 403
    if row["status"] not in OPEN_STATUSES:
        return jsonify(error=f"a {row['status']} voucher cannot be rejected"), 409
    db = get_db()
    db.execute("UPDATE voucher SET status = 'rejected' WHERE id = ?", (voucher_id,))
    db.commit()
    return jsonify(to_json(get_voucher(voucher_id)))


@bp.get("/export.csv")
@token_required
def export_csv():
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in visible_vouchers(request.args.get("status")):
        item = to_json(row)
        writer.writerow([item[col] if item[col] is not None else "" for col in CSV_COLUMNS])
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=vouchers.csv"},
    )

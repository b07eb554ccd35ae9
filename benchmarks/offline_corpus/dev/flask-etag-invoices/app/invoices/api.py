"""Invoices: drafts are edited with PUT / PATCH under `If-Match`, then sent (numbered) and paid."""

from decimal import Decimal, InvalidOperation

from flask import Blueprint, current_app, g, jsonify, request

from .auth import auth_required
from .db import get_db
from .money import cents, line_net, totals

bp = Blueprint("api", __name__)

MAX_LINES = 50


class Invalid(Exception):
    pass


def _decimal(value, field):
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise Invalid(f"{field} must be a number")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise Invalid(f"{field} must be a number") from None
    if not number.is_finite():
        raise Invalid(f"{field} must be a number")
    return number


def _customer(data):
    customer = data.get("customer")
    if not isinstance(customer, str) or not customer.strip() or len(customer.strip()) > 200:
        raise Invalid("customer is required (at most 200 characters)")
    return customer.strip()


def _lines(data):
    lines = data.get("lines")
    if not isinstance(lines, list) or len(lines) > MAX_LINES:
        raise Invalid(f"lines must be a list of at most {MAX_LINES} items")
    parsed = []
    for index, line in enumerate(lines):
        where = f"lines[{index}]"
        if not isinstance(line, dict):
            raise Invalid(f"{where} must be an object")
        description = line.get("description")
        if not isinstance(description, str) or not description.strip():
            raise Invalid(f"{where}.description is required")
        quantity = _decimal(line.get("quantity"), f"{where}.quantity")
        unit_price = _decimal(line.get("unit_price"), f"{where}.unit_price")
        tax_rate = _decimal(line.get("tax_rate", "0"), f"{where}.tax_rate")
        if quantity <= 0:
            raise Invalid(f"{where}.quantity must be positive")
        if unit_price < 0:
            raise Invalid(f"{where}.unit_price must not be negative")
        if not 0 <= tax_rate <= 1:
            raise Invalid(f"{where}.tax_rate must be between 0 and 1")
        parsed.append(
            {"description": description.strip(), "quantity": quantity, "unit_price": unit_price, "tax_rate": tax_rate}
        )
    return parsed


def _json():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise Invalid("expected a JSON object")
    return data


@bp.errorhandler(Invalid)
def invalid(exc):
    return jsonify(error=str(exc)), 400


# -- storage ----------------------------------------------------------------------------------------------------


def _get_invoice(invoice_id):
    return get_db().execute(
        "SELECT * FROM invoices WHERE id = ? AND owner_id = ?", (invoice_id, g.user["id"])
    ).fetchone()


def _load_lines(invoice_id):
    rows = get_db().execute("SELECT * FROM lines WHERE invoice_id = ? ORDER BY position", (invoice_id,)).fetchall()
    return [
        {
            "description": row["description"],
            "quantity": Decimal(row["quantity"]),
            "unit_price": Decimal(row["unit_price"]),
            "tax_rate": Decimal(row["tax_rate"]),
        }
        for row in rows
    ]


def _save_lines(db, invoice_id, lines):
    db.execute("DELETE FROM lines WHERE invoice_id = ?", (invoice_id,))
    db.executemany(
        "INSERT INTO lines (invoice_id, position, description, quantity, unit_price, tax_rate) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (invoice_id, position, line["description"], str(line["quantity"]), str(line["unit_price"]), str(line["tax_rate"]))
            for position, line in enumerate(lines)
        ],
    )


def etag_of(invoice):
    return f"{invoice['id']}-{invoice['version']}"


def _respond(invoice_id, status=200):
    invoice = _get_invoice(invoice_id)
    lines = _load_lines(invoice_id)
    body = {
        "id": invoice["id"],
        "customer": invoice["customer"],
        "status": invoice["status"],
        "number": invoice["number"],
        "sent_at": invoice["sent_at"],
        "paid_at": invoice["paid_at"],
        "lines": [
            {
                "description": line["description"],
                "quantity": str(line["quantity"]),
                "unit_price": str(line["unit_price"]),
                "tax_rate": str(line["tax_rate"]),
                "net": str(cents(line_net(line))),
            }
            for line in lines
        ],
        **{key: str(value) for key, value in totals(lines).items()},
    }
    response = jsonify(body)
    response.status_code = status
    response.set_etag(etag_of(invoice))
    if status == 201:
        response.headers["Location"] = f"/invoices/{invoice['id']}"
    return response


def _precondition(invoice):
    """None if the request's If-Match names the invoice's current version, else the error response."""
    if not request.if_match:
        return jsonify(error="If-Match is required"), 428
    if not request.if_match.contains(etag_of(invoice)):
        return jsonify(error="the invoice has changed; fetch it again"), 412
    return None


# -- routes -----------------------------------------------------------------------------------------------------


@bp.get("/invoices")
@auth_required
def list_invoices():
    query = "SELECT id FROM invoices WHERE owner_id = ?"
    params = [g.user["id"]]
    if request.args.get("status"):
        query += " AND status = ?"
        params.append(request.args["status"])
    rows = get_db().execute(query + " ORDER BY id", params).fetchall()
    return jsonify([_respond(row["id"]).get_json() for row in rows])


@bp.post("/invoices")
@auth_required
def create_invoice():
    data = _json()
    customer = _customer(data)
    lines = _lines(data) if "lines" in data else []
    db = get_db()
    cur = db.execute("INSERT INTO invoices (owner_id, customer) VALUES (?, ?)", (g.user["id"], customer))
    _save_lines(db, cur.lastrowid, lines)
    db.commit()
    return _respond(cur.lastrowid, 201)


@bp.get("/invoices/<int:invoice_id>")
@auth_required
def get_invoice(invoice_id):
    invoice = _get_invoice(invoice_id)
    if invoice is None:
        return jsonify(error="not found"), 404
    if request.if_none_match.contains(etag_of(invoice)):
        response = current_app.response_class(status=304)
        response.set_etag(etag_of(invoice))
        return response
    return _respond(invoice_id)


@bp.put("/invoices/<int:invoice_id>")
@auth_required
def replace_invoice(invoice_id):
    invoice = _get_invoice(invoice_id)
    if invoice is None:
        return jsonify(error="not found"), 404
    failed = _precondition(invoice)
    if failed:
        return failed
    if invoice["status"] != "draft":
        return jsonify(error="only drafts can be edited"), 409
    data = _json()
    customer, lines = _customer(data), _lines(data)
    db = get_db()
    db.execute("UPDATE invoices SET customer = ?, version = version + 1 WHERE id = ?", (customer, invoice_id))
    _save_lines(db, invoice_id, lines)
    db.commit()
    return _respond(invoice_id)


@bp.patch("/invoices/<int:invoice_id>")
@auth_required
def update_invoice(invoice_id):
    invoice = _get_invoice(invoice_id)
    if invoice is None:
        return jsonify(error="not found"), 404
    failed = _precondition(invoice)
    if failed:
        return failed
    if invoice["status"] != "draft":
        return jsonify(error="only drafts can be edited"), 409
    data = _json()
    customer = _customer(data) if "customer" in data else invoice["customer"]
    lines = _lines(data) if "lines" in data else None
    db = get_db()
    db.execute("UPDATE invoices SET customer = ?, version = version + 1 WHERE id = ?", (customer, invoice_id))
    if lines is not None:
        _save_lines(db, invoice_id, lines)
    db.commit()
    return _respond(invoice_id)


def next_number(db, year):
    """The next invoice number of `year`: YYYY-NNNN, counting from 0001 each year."""
    row = db.execute("SELECT MAX(number) FROM invoices WHERE number LIKE ?", (f"{year}-%",)).fetchone()
    last = int(row[0].split("-")[1]) if row[0] else 0
    return f"{year}-{last + 1:04d}"


@bp.post("/invoices/<int:invoice_id>/send")
@auth_required
def send_invoice(invoice_id):
    invoice = _get_invoice(invoice_id)
    if invoice is None:
        return jsonify(error="not found"), 404
    if invoice["status"] != "draft":
        return jsonify(error="only drafts can be sent"), 409
    if not _load_lines(invoice_id):
        return jsonify(error="an invoice needs at least one line"), 400
    now = current_app.config["CLOCK"]()
    db = get_db()
    db.execute(
        "UPDATE invoices SET status = 'sent', number = ?, sent_at = ?, version = version + 1 WHERE id = ?",
        (next_number(db, now.year), now.isoformat(), invoice_id),
    )
    db.commit()
    return _respond(invoice_id)


@bp.post("/invoices/<int:invoice_id>/pay")
@auth_required
def pay_invoice(invoice_id):
    invoice = _get_invoice(invoice_id)
    if invoice is None:
        return jsonify(error="not found"), 404
    if invoice["status"] != "sent":
        return jsonify(error="only sent invoices can be paid"), 409
    now = current_app.config["CLOCK"]()
    db = get_db()
    db.execute(
        "UPDATE invoices SET status = 'paid', paid_at = ?, version = version + 1 WHERE id = ?",
        (now.isoformat(), invoice_id),
    )
    db.commit()
    return _respond(invoice_id)

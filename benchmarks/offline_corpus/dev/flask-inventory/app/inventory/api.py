import hashlib
import hmac
import json
import re
import sqlite3

from flask import Blueprint, abort, current_app, jsonify, request, url_for
from flask.views import MethodView

from .db import get_db

bp = Blueprint("api", __name__, url_prefix="/api")

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SKU_PATTERN = re.compile(r"^[A-Z]{3}-\d{4}$")
FIELDS = ("sku", "name", "category", "quantity", "unit_price_cents")


@bp.before_request
def require_api_key():
    """Reading the catalogue is public; every change needs the API key."""
    if request.method in SAFE_METHODS:
        return
    expected = current_app.config.get("API_KEY")
    if not expected:
        abort(503, description="Changes are disabled: no API key is configured")
    provided = request.headers.get("X-API-Key")
    if provided is None:
        abort(401, description="Send the API key in the X-API-Key header")
    if not hmac.compare_digest(provided.encode(), expected.encode()):
        abort(403, description="Invalid API key")


def to_json(row):
    return {key: row[key] for key in ("id", *FIELDS)}


def etag_for(item):
    return hashlib.sha256(json.dumps(item, sort_keys=True).encode()).hexdigest()[:20]


def item_response(item, status=200):
    response = jsonify(item)
    response.status_code = status
    response.set_etag(etag_for(item))
    return response


def load_item(item_id):
    row = get_db().execute("SELECT * FROM items WHERE id = ?", (item_id,)).fetchone()
    if row is None:
        abort(404, description=f"Item {item_id} does not exist")
    return to_json(row)


def check_if_match(item):
    """Optimistic concurrency: a change must name the version it was made from."""
    if not request.if_match:
        abort(428, description="Send If-Match with the item's current ETag")
    if etag_for(item) not in request.if_match:
        abort(412, description="The item changed since you read it")


def validate(data):
    """Errors by field for a complete item; an empty dict when it is valid."""
    if not isinstance(data, dict):
        return {"body": "expected a JSON object"}
    errors = {}
    sku = data.get("sku")
    if not isinstance(sku, str) or not SKU_PATTERN.match(sku):
        errors["sku"] = "expected three capital letters, a dash and four digits, e.g. ABC-0042"
    for field in ("name", "category"):
        value = data.get(field)
        if not isinstance(value, str) or not value.strip() or len(value) > 100:
            errors[field] = "expected a non-empty string of at most 100 characters"
    for field in ("quantity", "unit_price_cents"):
        value = data.get(field)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors[field] = "expected a whole number, zero or more"
    unknown = set(data) - set(FIELDS)
    if unknown:
        errors["body"] = f"unknown fields: {', '.join(sorted(unknown))}"
    return errors


def invalid(errors):
    response = jsonify(error="Bad Request", errors=errors)
    response.status_code = 400
    return response


def sku_taken(sku):
    response = jsonify(error="Conflict", message=f"SKU {sku} already exists")
    response.status_code = 409
    return response


class ItemListAPI(MethodView):
    def get(self):
        query, params = "SELECT * FROM items", []
        category = request.args.get("category")
        if category:
            query += " WHERE category = ?"
            params.append(category)
        rows = get_db().execute(query + " ORDER BY sku", params).fetchall()
        return jsonify(items=[to_json(row) for row in rows])

    def post(self):
        data = request.get_json(silent=True)
        errors = validate(data)
        if errors:
            return invalid(errors)
        db = get_db()
        try:
            cursor = db.execute(
                "INSERT INTO items (sku, name, category, quantity, unit_price_cents) VALUES (?, ?, ?, ?, ?)",
                [data[field] for field in FIELDS],
            )
            db.commit()
        except sqlite3.IntegrityError:
            return sku_taken(data["sku"])
        item = load_item(cursor.lastrowid)
        response = item_response(item, status=201)
        response.headers["Location"] = url_for("api.item", item_id=item["id"])
        return response


class ItemAPI(MethodView):
    def get(self, item_id):
        return item_response(load_item(item_id)).make_conditional(request)

    def put(self, item_id):
        item = load_item(item_id)
        check_if_match(item)
        data = request.get_json(silent=True)
        errors = validate(data)
        if errors:
            return invalid(errors)
        db = get_db()
        try:
            db.execute(
                "UPDATE items SET sku = ?, name = ?, category = ?, quantity = ?, unit_price_cents = ? WHERE id = ?",
                [*(data[field] for field in FIELDS), item_id],
            )
            db.commit()
        except sqlite3.IntegrityError:
            return sku_taken(data["sku"])
        return item_response(load_item(item_id))

    def delete(self, item_id):
        item = load_item(item_id)
        check_if_match(item)
        db = get_db()
        db.execute("DELETE FROM items WHERE id = ?", (item_id,))
        db.commit()
        return "", 204


class StockAPI(MethodView):
    """Receive or ship stock: `{"delta": 5}` adds five, `{"delta": -2}` removes two."""

    def post(self, item_id):
        item = load_item(item_id)
        check_if_match(item)
        data = request.get_json(silent=True) or {}
        delta = data.get("delta")
        if not isinstance(delta, int) or isinstance(delta, bool) or delta == 0:
            return invalid({"delta": "expected a non-zero whole number"})
        quantity = item["quantity"] + delta
        if quantity < 0:
            abort(409, description=f"Only {item['quantity']} in stock")
        db = get_db()
        db.execute("UPDATE items SET quantity = ? WHERE id = ?", (quantity, item_id))
        db.commit()
        return item_response(load_item(item_id))


bp.add_url_rule("/items", view_func=ItemListAPI.as_view("items"))
bp.add_url_rule("/items/<int:item_id>", view_func=ItemAPI.as_view("item"))
bp.add_url_rule("/items/<int:item_id>/stock", view_func=StockAPI.as_view("stock"))

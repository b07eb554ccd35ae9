import os
from decimal import Decimal, InvalidOperation

from flask import Flask, jsonify, request

from .signature import SignatureError, verify


def create_app(orders=None):
    """`orders` maps order id -> {"total": Decimal, "paid": Decimal, "status": str}."""
    app = Flask(__name__)
    secret = os.environ["PAYHOOK_SECRET"]
    orders = {} if orders is None else orders
    seen_events = set()

    def _amount(event):
        try:
            amount = Decimal(str(event["data"]["amount"]))
        except (KeyError, TypeError, InvalidOperation):
            return None
        return amount if amount > 0 else None

    @app.post("/webhooks/payments")
    def receive():
        body = request.get_data()
        try:
            verify(secret, request.headers.get("X-Signature"), request.headers.get("X-Timestamp"), body)
        except SignatureError as exc:
            return jsonify(error=str(exc)), 401

        event = request.get_json(silent=True)
        if not isinstance(event, dict) or "id" not in event or "type" not in event:
            return jsonify(error="malformed event"), 400
        if event["id"] in seen_events:
            return jsonify(status="duplicate"), 200

        order = orders.get(event.get("data", {}).get("order_id"))
        if order is None:
            return jsonify(error="unknown order"), 404
        amount = _amount(event)
        if amount is None:
            return jsonify(error="amount must be a positive number"), 400

        if event["type"] == "payment.succeeded":
            order["paid"] += amount
            order["status"] = "paid" if order["paid"] >= order["total"] else "partially_paid"
        elif event["type"] == "payment.refunded":
            if amount > order["paid"]:
                return jsonify(error="refund exceeds the amount paid"), 409
            order["paid"] -= amount
            order["status"] = "refunded" if order["paid"] == 0 else "partially_paid"
        else:
            return jsonify(error=f"unsupported event type {event['type']}"), 400

        seen_events.add(event["id"])
        return jsonify(status="processed", order_status=order["status"]), 200

    @app.get("/orders/<order_id>")
    def show_order(order_id):
        order = orders.get(order_id)
        if order is None:
            return jsonify(error="unknown order"), 404
        return jsonify(status=order["status"], paid=str(order["paid"]), total=str(order["total"]))

    return app

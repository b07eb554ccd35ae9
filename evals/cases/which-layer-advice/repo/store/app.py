"""HTTP layer: parses the request, calls the rule, renders JSON."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, request

from store.loyalty import loyalty_discount_percent


def create_app() -> Flask:
    app = Flask(__name__)

    @app.get("/customers/<int:customer_id>/discount")
    def discount(customer_id: int) -> Any:
        orders = request.args.get("orders", type=int, default=0)
        years = request.args.get("years", type=int, default=0)
        employee = request.args.get("employee", "false") == "true"
        return jsonify(customer=customer_id, percent=loyalty_discount_percent(orders, years, employee))

    return app

from flask import Blueprint, abort, g, render_template

from .auth import login_required
from .db import get_db

bp = Blueprint("orders", __name__, url_prefix="/orders")


@bp.route("/")
@login_required
def index():
    orders = get_db().execute(
        "SELECT p.id, p.created, p.total_cents, COUNT(l.id) AS line_count"
        " FROM purchase p JOIN order_line l ON l.purchase_id = p.id"
        " WHERE p.customer_id = ? GROUP BY p.id ORDER BY p.created DESC, p.id DESC",
        (g.user["id"],),
    ).fetchall()
    return render_template("orders/index.html", orders=orders)


@bp.route("/<int:order_id>")
@login_required
def detail(order_id):
    db = get_db()
    order = db.execute(
        "SELECT id, customer_id, created, ship_to, address, total_cents FROM purchase WHERE id = ?",
        (order_id,),
    ).fetchone()
    if order is None or order["customer_id"] != g.user["id"]:
        # Someone else's order is as absent as a missing one.
        abort(404)
    lines = db.execute(
        "SELECT name, quantity, price_cents, quantity * price_cents AS line_cents"
        " FROM order_line WHERE purchase_id = ? ORDER BY id",
        (order_id,),
    ).fetchall()
    return render_template("orders/detail.html", order=order, lines=lines)

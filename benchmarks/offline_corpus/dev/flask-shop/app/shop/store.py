from flask import Blueprint, abort, flash, g, redirect, render_template, session, url_for

from .auth import login_required
from .db import get_db
from .forms import CheckoutForm, QuantityForm, RemoveForm

bp = Blueprint("store", __name__)


def get_product(product_id):
    product = get_db().execute(
        "SELECT id, name, description, price_cents, stock FROM product WHERE id = ?", (product_id,)
    ).fetchone()
    if product is None:
        abort(404, f"Product {product_id} doesn't exist.")
    return product


def cart_lines():
    """The session cart joined with the catalogue: [(product row, quantity)], total in cents.

    A product that has since left the catalogue is dropped from the cart."""
    cart = session.get("cart", {})
    lines = []
    total = 0
    db = get_db()
    for product_id, quantity in cart.items():
        product = db.execute(
            "SELECT id, name, price_cents, stock FROM product WHERE id = ?", (int(product_id),)
        ).fetchone()
        if product is None:
            continue
        lines.append((product, quantity))
        total += product["price_cents"] * quantity
    return lines, total


def _save_cart(cart):
    session["cart"] = cart


@bp.route("/")
def index():
    products = get_db().execute(
        "SELECT id, name, price_cents, stock FROM product ORDER BY name"
    ).fetchall()
    return render_template("shop/index.html", products=products)


@bp.route("/products/<int:product_id>")
def product(product_id):
    return render_template("shop/product.html", product=get_product(product_id), form=QuantityForm())


@bp.route("/cart")
def cart():
    lines, total = cart_lines()
    return render_template("shop/cart.html", lines=lines, total=total, form=QuantityForm(), remove=RemoveForm())


@bp.post("/cart/add/<int:product_id>")
def add_to_cart(product_id):
    product = get_product(product_id)
    form = QuantityForm()
    if not form.validate_on_submit():
        for error in form.quantity.errors:
            flash(error)
        return redirect(url_for("store.product", product_id=product_id))
    if product["stock"] == 0:
        flash(f"Sorry, {product['name']} is out of stock.")
        return redirect(url_for("store.product", product_id=product_id))

    cart = dict(session.get("cart", {}))
    key = str(product_id)
    wanted = cart.get(key, 0) + form.quantity.data
    if wanted > product["stock"]:
        wanted = product["stock"]
        flash(f"Only {product['stock']} of {product['name']} in stock; your cart has {wanted}.")
    else:
        flash(f"Added {form.quantity.data} x {product['name']} to your cart.")
    cart[key] = wanted
    _save_cart(cart)
    return redirect(url_for("store.cart"))


@bp.post("/cart/update/<int:product_id>")
def update_cart(product_id):
    product = get_product(product_id)
    cart = dict(session.get("cart", {}))
    key = str(product_id)
    if key not in cart:
        abort(404, "That product is not in your cart.")
    form = QuantityForm()
    if not form.validate_on_submit():
        for error in form.quantity.errors:
            flash(error)
        return redirect(url_for("store.cart"))
    quantity = form.quantity.data
    if quantity > product["stock"]:
        quantity = product["stock"]
        flash(f"Only {product['stock']} of {product['name']} in stock.")
    if quantity == 0:
        del cart[key]
    else:
        cart[key] = quantity
    _save_cart(cart)
    return redirect(url_for("store.cart"))


@bp.post("/cart/remove/<int:product_id>")
def remove_from_cart(product_id):
    form = RemoveForm()
    if not form.validate_on_submit():
        abort(400)
    cart = dict(session.get("cart", {}))
    if cart.pop(str(product_id), None) is not None:
        flash("Removed from your cart.")
    _save_cart(cart)
    return redirect(url_for("store.cart"))


@bp.route("/checkout", methods=("GET", "POST"))
@login_required
def checkout():
    lines, total = cart_lines()
    if not lines:
        flash("Your cart is empty.")
        return redirect(url_for("store.cart"))

    form = CheckoutForm()
    if form.validate_on_submit():
        db = get_db()
        # One transaction: every line's stock is taken, or none is.
        for product, quantity in lines:
            taken = db.execute(
                "UPDATE product SET stock = stock - ? WHERE id = ? AND stock >= ?",
                (quantity, product["id"], quantity),
            ).rowcount
            if taken == 0:
                db.rollback()
                flash(f"Sorry, there is not enough {product['name']} in stock for your order.")
                return redirect(url_for("store.cart"))
        cursor = db.execute(
            "INSERT INTO purchase (customer_id, ship_to, address, total_cents) VALUES (?, ?, ?, ?)",
            (g.user["id"], form.ship_to.data.strip(), form.address.data.strip(), total),
        )
        order_id = cursor.lastrowid
        db.executemany(
            "INSERT INTO order_line (purchase_id, product_id, name, quantity, price_cents) VALUES (?, ?, ?, ?, ?)",
            [(order_id, p["id"], p["name"], quantity, p["price_cents"]) for p, quantity in lines],
        )
        db.commit()
        session.pop("cart", None)
        flash(f"Thank you! Order #{order_id} is on its way.")
        return redirect(url_for("orders.detail", order_id=order_id))

    return render_template("shop/checkout.html", form=form, lines=lines, total=total)

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import wraps

from flask import Blueprint, abort, current_app, g, jsonify, request

from .models import ApiKey, Coupon, Redemption, db, hash_key

bp = Blueprint("api", __name__, url_prefix="/api")


def require_key(manager=False):
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            key = request.headers.get("X-API-Key", "")
            found = db.session.scalar(db.select(ApiKey).filter_by(key_hash=hash_key(key))) if key else None
            if found is None:
                abort(401, "missing or unknown API key")
            if manager and found.role != "manager":
                abort(403, "managers only")
            g.merchant = found.merchant
            return view(*args, **kwargs)

        return wrapped

    return decorator


def to_cents(value, field):
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        abort(400, f"{field} must be a number")
    if not amount.is_finite() or amount < 0 or amount.as_tuple().exponent < -2:
        abort(400, f"{field} must be a non-negative amount with at most two decimals")
    return int(amount * 100)


def money(cents):
    return str((Decimal(cents) / 100).quantize(Decimal("0.01")))


def coupon_json(coupon):
    used = db.session.scalar(db.select(db.func.count(Redemption.id)).filter_by(coupon_id=coupon.id))
    value = f"{coupon.value_cents // 100}" if coupon.kind == "percent" else money(coupon.value_cents)
    return {
        "code": coupon.code,
        "kind": coupon.kind,
        "value": value,
        "min_order": money(coupon.min_order_cents),
        "expires_on": coupon.expires_on.isoformat(),
        "max_redemptions": coupon.max_redemptions,
        "redemptions": used,
        "active": coupon.active,
    }


def find_coupon(code):
    coupon = db.session.scalar(db.select(Coupon).filter_by(merchant=g.merchant, code=code.upper()))
    if coupon is None:
        abort(404, "coupon not found")
    return coupon


@bp.post("/coupons")
@require_key(manager=True)
def create_coupon():
    data = request.get_json(silent=True) or {}
    code = str(data.get("code", "")).strip().upper()
    if not (3 <= len(code) <= 20 and code.isalnum()):
        abort(400, "code must be 3-20 letters or digits")
    kind = data.get("kind")
    if kind == "percent":
        value = data.get("value")
        if not isinstance(value, int) or not 1 <= value <= 100:
            abort(400, "a percent value must be a whole number from 1 to 100")
        value_cents = value * 100
    elif kind == "fixed":
        value_cents = to_cents(data.get("value"), "value")
        if value_cents == 0:
            abort(400, "value must be positive")
    else:
        abort(400, "kind must be percent or fixed")
    try:
        expires_on = date.fromisoformat(str(data.get("expires_on")))
    except ValueError:
        abort(400, "expires_on must be a date")
    max_redemptions = data.get("max_redemptions", 1)
    if not isinstance(max_redemptions, int) or max_redemptions < 1:
        abort(400, "max_redemptions must be a positive whole number")
    if db.session.scalar(db.select(Coupon).filter_by(merchant=g.merchant, code=code)) is not None:
        abort(409, "a coupon with this code exists")
    coupon = Coupon(
        merchant=g.merchant,
        code=code,
        kind=kind,
        value_cents=value_cents,
        min_order_cents=to_cents(data.get("min_order", "0"), "min_order"),
        expires_on=expires_on,
        max_redemptions=max_redemptions,
    )
    db.session.add(coupon)
    db.session.commit()
    return jsonify(coupon_json(coupon)), 201


@bp.get("/coupons")
@require_key()
def list_coupons():
    page = request.args.get("page", 1, type=int)
    per_page = min(request.args.get("per_page", 20, type=int), current_app.config["MAX_PER_PAGE"])
    if page < 1 or per_page < 1:
        abort(400, "page and per_page must be positive")
    query = db.select(Coupon).filter_by(merchant=g.merchant)
    total = db.session.scalar(db.select(db.func.count()).select_from(query.subquery()))
    coupons = db.session.scalars(query.order_by(Coupon.code).offset((page - 1) * per_page).limit(per_page))
    return jsonify(items=[coupon_json(c) for c in coupons], page=page, per_page=per_page, total=total)


@bp.get("/coupons/<code>")
@require_key()
def show_coupon(code):
    return jsonify(coupon_json(find_coupon(code)))


@bp.post("/coupons/<code>/disable")
@require_key(manager=True)
def disable_coupon(code):
    coupon = find_coupon(code)
    if not coupon.active:
        abort(409, "coupon already disabled")
    coupon.active = False
    db.session.commit()
    return jsonify(coupon_json(coupon))


@bp.post("/coupons/<code>/redeem")
@require_key()
def redeem(code):
    coupon = find_coupon(code)
    key = request.headers.get("Idempotency-Key")
    if key:
        previous = db.session.scalar(db.select(Redemption).filter_by(coupon_id=coupon.id, idempotency_key=key))
        if previous is not None:
            return jsonify(redemption_json(coupon, previous))
    data = request.get_json(silent=True) or {}
    order_cents = to_cents(data.get("order_total"), "order_total")
    if not coupon.active:
        abort(409, "coupon is disabled")
    if current_app.config["CLOCK"]() > coupon.expires_on:
        abort(409, "coupon has expired")
    if order_cents < coupon.min_order_cents:
        abort(409, f"orders must total at least {money(coupon.min_order_cents)}")
    used = db.session.scalar(db.select(db.func.count(Redemption.id)).filter_by(coupon_id=coupon.id))
    if used >= coupon.max_redemptions:
        abort(409, "coupon has been used up")
    if coupon.kind == "percent":
        discount = (Decimal(order_cents) * coupon.value_cents / 10000).quantize(Decimal("1"), ROUND_HALF_UP)
        discount_cents = int(discount)
    else:
        discount_cents = min(coupon.value_cents, order_cents)
    redemption = Redemption(
        coupon_id=coupon.id, idempotency_key=key, order_cents=order_cents, discount_cents=discount_cents
    )
    db.session.add(redemption)
    db.session.commit()
    return jsonify(redemption_json(coupon, redemption)), 201


def redemption_json(coupon, redemption):
    used = db.session.scalar(db.select(db.func.count(Redemption.id)).filter_by(coupon_id=coupon.id))
    return {
        "discount": money(redemption.discount_cents),
        "total": money(redemption.order_cents - redemption.discount_cents),
        "redemptions_left": coupon.max_redemptions - used,
    }

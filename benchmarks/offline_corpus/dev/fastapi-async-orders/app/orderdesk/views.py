from .models import DiscountCode, Order
from .money import from_cents
from .schemas import DiscountOut, ItemOut, OrderOut


def order_out(order: Order) -> OrderOut:
    return OrderOut(
        id=order.id,
        status=order.status,
        items=[
            ItemOut(
                sku=item.sku,
                name=item.name,
                quantity=item.quantity,
                unit_price=from_cents(item.unit_price_cents),
                line_total=from_cents(item.unit_price_cents * item.quantity),
            )
            for item in order.items
        ],
        subtotal=from_cents(order.subtotal_cents),
        discount=from_cents(order.discount_cents),
        discount_code=order.discount_code,
        total=from_cents(order.total_cents),
        created_at=order.created_at,
    )


def discount_out(code: DiscountCode) -> DiscountOut:
    return DiscountOut(
        code=code.code,
        kind=code.kind,
        value=from_cents(code.value_cents),
        min_order=from_cents(code.min_order_cents),
        expires_on=code.expires_on,
    )

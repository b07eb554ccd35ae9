from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy import select

from ..config import Settings, get_settings
from ..deps import CurrentCustomer, Now, Session
from ..models import Customer, DiscountCode, DiscountUse, Order, OrderItem, Product
from ..money import percent_of
from ..schemas import CustomerOut, OrderCreate, OrderOut
from ..views import order_out

router = APIRouter(tags=["orders"])

Status = Literal["pending", "paid", "shipped", "cancelled"]


async def discount_for(session, customer: Customer, raw_code: str, subtotal_cents: int, now) -> tuple[str, int]:
    code = await session.get(DiscountCode, raw_code.strip().upper())
    if code is None:
        raise HTTPException(422, "Unknown discount code")
    if now.date() > code.expires_on:
        raise HTTPException(422, "This discount code has expired")
    if subtotal_cents < code.min_order_cents:
        raise HTTPException(422, "The order does not reach this code's minimum amount")
    used = await session.scalar(
        select(DiscountUse).where(DiscountUse.code == code.code, DiscountUse.customer_id == customer.id)
    )
    if used is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, "You have already used this discount code")
    if code.kind == "percent":
        amount = percent_of(subtotal_cents, code.value_cents)
    else:
        amount = min(code.value_cents, subtotal_cents)
    return code.code, amount


async def own_order(session, customer: Customer, order_id: int) -> Order:
    order = await session.get(Order, order_id)
    if order is None or order.customer_id != customer.id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Order not found")
    return order


@router.get("/me", response_model=CustomerOut)
async def me(customer: CurrentCustomer) -> CustomerOut:
    return CustomerOut(id=customer.id, name=customer.name, email=customer.email)


@router.post("/orders", response_model=OrderOut, status_code=status.HTTP_201_CREATED)
async def place_order(
    body: OrderCreate,
    customer: CurrentCustomer,
    session: Session,
    now: Now,
    settings: Annotated[Settings, Depends(get_settings)],
) -> OrderOut:
    skus = [item.sku for item in body.items]
    if len(set(skus)) != len(skus):
        raise HTTPException(422, "List each SKU once")
    products = {p.sku: p for p in (await session.scalars(select(Product).where(Product.sku.in_(skus)))).all()}
    items = []
    for line in body.items:
        product = products.get(line.sku)
        if product is None:
            raise HTTPException(422, f"Unknown SKU {line.sku}")
        if line.quantity > settings.max_quantity:
            raise HTTPException(422, f"At most {settings.max_quantity} of each item")
        items.append(
            OrderItem(sku=product.sku, name=product.name, quantity=line.quantity, unit_price_cents=product.price_cents)
        )
    subtotal = sum(item.unit_price_cents * item.quantity for item in items)

    code, discount = None, 0
    if body.discount_code:
        code, discount = await discount_for(session, customer, body.discount_code, subtotal, now)

    order = Order(
        customer_id=customer.id,
        status="pending",
        subtotal_cents=subtotal,
        discount_cents=discount,
        total_cents=subtotal - discount,
        discount_code=code,
        created_at=now.replace(tzinfo=None),
        items=items,
    )
    session.add(order)
    await session.flush()
    if code is not None:
        session.add(DiscountUse(code=code, customer_id=customer.id, order_id=order.id))
    await session.commit()
    return order_out(order)


@router.get("/orders", response_model=list[OrderOut])
async def list_orders(
    customer: CurrentCustomer,
    session: Session,
    status_: Annotated[Status | None, Query(alias="status")] = None,
) -> list[OrderOut]:
    query = select(Order).where(Order.customer_id == customer.id)
    if status_ is not None:
        query = query.where(Order.status == status_)
    orders = (await session.scalars(query.order_by(Order.id.desc()))).all()
    return [order_out(order) for order in orders]


@router.get("/orders/{order_id}", response_model=OrderOut)
async def get_order(order_id: int, customer: CurrentCustomer, session: Session) -> OrderOut:
    return order_out(await own_order(session, customer, order_id))


@router.post("/orders/{order_id}/pay", response_model=OrderOut)
async def pay_order(order_id: int, customer: CurrentCustomer, session: Session) -> OrderOut:
    order = await own_order(session, customer, order_id)
    if order.status != "pending":
        raise HTTPException(status.HTTP_409_CONFLICT, f"Cannot pay an order that is {order.status}")
    order.status = "paid"
    await session.commit()
    return order_out(order)


@router.post("/orders/{order_id}/cancel", response_model=OrderOut)
async def cancel_order(order_id: int, customer: CurrentCustomer, session: Session) -> OrderOut:
    order = await own_order(session, customer, order_id)
    if order.status != "pending":
        raise HTTPException(status.HTTP_409_CONFLICT, f"Cannot cancel an order that is {order.status}")
    order.status = "cancelled"
    await session.commit()
    return order_out(order)

import secrets

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy import func, select

from ..deps import Session, hash_key, require_admin
from ..models import ApiKey, Customer, DiscountCode, Order, Product
from ..money import from_cents, to_cents
from ..schemas import (
    ApiKeyOut,
    CustomerCreate,
    CustomerWithKey,
    DiscountCreate,
    DiscountOut,
    OrderOut,
    ProductCreate,
    ProductOut,
)
from ..views import discount_out, order_out

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)])


def new_key() -> str:
    return "od_" + secrets.token_urlsafe(24)


@router.post("/customers", response_model=CustomerWithKey, status_code=status.HTTP_201_CREATED)
async def create_customer(body: CustomerCreate, session: Session) -> CustomerWithKey:
    email = body.email.strip().lower()
    if await session.scalar(select(Customer).where(func.lower(Customer.email) == email)) is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, "A customer with this email exists")
    customer = Customer(name=body.name.strip(), email=email)
    session.add(customer)
    await session.flush()
    key = new_key()
    session.add(ApiKey(customer_id=customer.id, key_hash=hash_key(key)))
    await session.commit()
    return CustomerWithKey(id=customer.id, name=customer.name, email=customer.email, api_key=key)


@router.post("/customers/{customer_id}/keys", response_model=ApiKeyOut, status_code=status.HTTP_201_CREATED)
async def add_key(customer_id: int, session: Session) -> ApiKeyOut:
    if await session.get(Customer, customer_id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Customer not found")
    key = new_key()
    session.add(ApiKey(customer_id=customer_id, key_hash=hash_key(key)))
    await session.commit()
    return ApiKeyOut(customer_id=customer_id, api_key=key)


@router.post("/products", response_model=ProductOut, status_code=status.HTTP_201_CREATED)
async def create_product(body: ProductCreate, session: Session) -> ProductOut:
    if await session.get(Product, body.sku) is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, "SKU already exists")
    product = Product(sku=body.sku, name=body.name, price_cents=to_cents(body.price))
    session.add(product)
    await session.commit()
    return ProductOut(sku=product.sku, name=product.name, price=from_cents(product.price_cents))


@router.post("/discounts", response_model=DiscountOut, status_code=status.HTTP_201_CREATED)
async def create_discount(body: DiscountCreate, session: Session) -> DiscountOut:
    if body.kind == "percent" and body.value > 100:
        raise HTTPException(422, "A percent discount cannot exceed 100")
    if await session.get(DiscountCode, body.code) is not None:
        raise HTTPException(status.HTTP_409_CONFLICT, "Discount code already exists")
    code = DiscountCode(
        code=body.code,
        kind=body.kind,
        value_cents=to_cents(body.value),
        min_order_cents=to_cents(body.min_order),
        expires_on=body.expires_on,
    )
    session.add(code)
    await session.commit()
    return discount_out(code)


@router.post("/orders/{order_id}/ship", response_model=OrderOut)
async def ship_order(order_id: int, session: Session) -> OrderOut:
    order = await session.get(Order, order_id)
    if order is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Order not found")
    if order.status != "paid":
        raise HTTPException(status.HTTP_409_CONFLICT, f"Cannot ship an order that is {order.status}")
    order.status = "shipped"
    await session.commit()
    return order_out(order)

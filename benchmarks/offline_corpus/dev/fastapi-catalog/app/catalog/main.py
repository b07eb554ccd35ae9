import hmac
from contextlib import asynccontextmanager
from decimal import Decimal
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Response
from sqlmodel import Session, SQLModel, select

from .config import Settings, get_settings
from .db import engine, get_session
from .models import Product, ProductIn, ProductOut, ProductPatch, ProductTagLink, Tag


@asynccontextmanager
async def lifespan(app: FastAPI):
    SQLModel.metadata.create_all(engine)
    yield


app = FastAPI(title="Catalog", lifespan=lifespan)

SessionDep = Annotated[Session, Depends(get_session)]

SORTS = {
    "name": Product.name.asc(),
    "-name": Product.name.desc(),
    "price": Product.price_cents.asc(),
    "-price": Product.price_cents.desc(),
    "newest": Product.id.desc(),
}


def require_admin(
    settings: Annotated[Settings, Depends(get_settings)],
    x_admin_token: Annotated[str | None, Header()] = None,
) -> None:
    if x_admin_token is None:
        raise HTTPException(401, "X-Admin-Token header required")
    if not hmac.compare_digest(x_admin_token.encode(), settings.admin_token.encode()):
        raise HTTPException(403, "wrong admin token")


Admin = Depends(require_admin)


def to_cents(price: Decimal) -> int:
    return int(price * 100)


def out(product: Product) -> ProductOut:
    return ProductOut(
        id=product.id,
        name=product.name,
        description=product.description,
        price=Decimal(product.price_cents) / 100,
        stock=product.stock,
        tags=sorted(tag.name for tag in product.tags),
    )


def resolve_tags(session: Session, names: list[str]) -> list[Tag]:
    """Existing tags are reused; new names become new tags."""
    tags = []
    for name in dict.fromkeys(names):
        tag = session.exec(select(Tag).where(Tag.name == name)).first()
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
        tags.append(tag)
    return tags


def get_product(session: Session, product_id: int) -> Product:
    product = session.get(Product, product_id)
    if product is None:
        raise HTTPException(404, "product not found")
    return product


@app.get("/products", response_model=list[ProductOut])
def list_products(
    session: SessionDep,
    tag: Annotated[list[str], Query()] = [],
    sort: str = "name",
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
):
    if sort not in SORTS:
        raise HTTPException(422, f"sort must be one of: {', '.join(SORTS)}")
    query = select(Product)
    for name in {t.strip().lower() for t in tag}:
        query = query.where(
            Product.id.in_(
                select(ProductTagLink.product_id).join(Tag).where(Tag.name == name)
            )
        )
    query = query.order_by(SORTS[sort], Product.id).offset(offset).limit(limit)
    return [out(p) for p in session.exec(query).all()]


@app.get("/products/{product_id}", response_model=ProductOut)
def read_product(product_id: int, session: SessionDep):
    return out(get_product(session, product_id))


@app.get("/tags")
def list_tags(session: SessionDep):
    tags = session.exec(select(Tag).order_by(Tag.name)).all()
    return [{"name": t.name, "products": len(t.products)} for t in tags]


@app.post("/products", status_code=201, response_model=ProductOut, dependencies=[Admin])
def create_product(body: ProductIn, session: SessionDep):
    product = Product(
        name=body.name,
        description=body.description,
        price_cents=to_cents(body.price),
        stock=body.stock,
        tags=resolve_tags(session, body.tags),
    )
    session.add(product)
    session.commit()
    session.refresh(product)
    return out(product)


@app.put("/products/{product_id}", response_model=ProductOut, dependencies=[Admin])
def replace_product(product_id: int, body: ProductIn, session: SessionDep):
    product = get_product(session, product_id)
    product.name = body.name
    product.description = body.description
    product.price_cents = to_cents(body.price)
    product.stock = body.stock
    product.tags = resolve_tags(session, body.tags)
    session.add(product)
    session.commit()
    session.refresh(product)
    return out(product)


@app.patch("/products/{product_id}", response_model=ProductOut, dependencies=[Admin])
def update_product(product_id: int, body: ProductPatch, session: SessionDep):
    product = get_product(session, product_id)
    changes = body.model_dump(exclude_unset=True)
    for field in ("name", "description", "stock"):
        if field in changes:
            if changes[field] is None:
                raise HTTPException(422, f"{field} cannot be null")
            setattr(product, field, changes[field])
    if changes.get("price") is not None:
        product.price_cents = to_cents(changes["price"])
    elif "price" in changes:
        raise HTTPException(422, "price cannot be null")
    if "tags" in changes:
        product.tags = resolve_tags(session, changes["tags"] or [])
    session.add(product)
    session.commit()
    session.refresh(product)
    return out(product)


@app.delete("/products/{product_id}", status_code=204, dependencies=[Admin])
def delete_product(product_id: int, session: SessionDep):
    product = get_product(session, product_id)
    product.tags = []
    session.delete(product)
    session.commit()
    return Response(status_code=204)

from contextlib import asynccontextmanager

from fastapi import FastAPI

from .db import Base, engine
from .routers import admin, orders


@asynccontextmanager
async def lifespan(app: FastAPI):
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield
    await engine.dispose()


app = FastAPI(title="Order desk", version="0.7.2", lifespan=lifespan)
app.include_router(admin.router)
app.include_router(orders.router)

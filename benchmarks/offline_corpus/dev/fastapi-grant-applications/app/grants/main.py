from contextlib import asynccontextmanager

from fastapi import FastAPI

from .database import Base, engine
from .routers import applications, auth


@asynccontextmanager
async def lifespan(app: FastAPI):
    Base.metadata.create_all(bind=engine)
    yield


app = FastAPI(title="Grants", lifespan=lifespan)
app.include_router(auth.router)
app.include_router(applications.router)

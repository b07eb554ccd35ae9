from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from .db import Base, engine
from .routers import auth, responses, surveys


@asynccontextmanager
async def lifespan(app: FastAPI):
    Base.metadata.create_all(engine)
    yield


app = FastAPI(title="Surveys", version="0.4.0", lifespan=lifespan)

api = APIRouter(prefix="/api/v1")
api.include_router(auth.router)
api.include_router(surveys.router)
api.include_router(responses.router)
app.include_router(api)

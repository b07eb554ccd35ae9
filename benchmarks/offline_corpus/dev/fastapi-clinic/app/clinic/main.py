from contextlib import asynccontextmanager

from fastapi import FastAPI

from .database import Base, engine
from .routers import appointments, auth, slots


@asynccontextmanager
async def lifespan(app: FastAPI):
    Base.metadata.create_all(bind=engine)
    yield


app = FastAPI(title="Clinic", version="0.3.0", lifespan=lifespan)
app.include_router(auth.router)
app.include_router(slots.router)
app.include_router(appointments.router)


@app.get("/health")
def health():
    return {"status": "ok"}

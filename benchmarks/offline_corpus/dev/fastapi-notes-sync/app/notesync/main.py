from contextlib import asynccontextmanager

from fastapi import FastAPI

from .routers import accounts, notes, sync, trash
from .settings import Settings
from .store import Stores


def create_app(settings: Settings | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.settings = settings or Settings()
        app.state.stores = Stores()
        yield

    app = FastAPI(title="notesync", lifespan=lifespan)
    for module in (accounts, notes, trash, sync):
        app.include_router(module.router)
    return app


app = create_app()

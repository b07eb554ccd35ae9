from fastapi import FastAPI

from .routers import contacts, session
from .settings import Settings
from .store import Store


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(title="addressbook")
    app.state.settings = settings
    app.state.store = Store()
    for username, password in settings.users.items():
        app.state.store.add_user(username, password)
    app.include_router(session.router)
    app.include_router(contacts.router)
    return app


app = create_app()

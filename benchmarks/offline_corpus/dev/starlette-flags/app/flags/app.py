import os

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route

from .auth import BearerKeyBackend, on_auth_error, parse_api_keys
from .endpoints import FlagDetail, FlagEnvironment, FlagList, audit, evaluate, health
from .store import FlagStore, utc_now


async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)


def create_app(api_keys: str | None = None, clock=utc_now) -> Starlette:
    """Build the app. API keys come from `api_keys` or the FLAGS_API_KEYS environment variable (`key=role,...`)."""
    if api_keys is None:
        api_keys = os.environ.get("FLAGS_API_KEYS", "")
    keys = parse_api_keys(api_keys)
    routes = [
        Route("/health", health),
        Mount(
            "/api",
            routes=[
                Route("/flags", FlagList),
                Route("/flags/{name}", FlagDetail),
                Route("/flags/{name}/environments/{env}", FlagEnvironment),
                Route("/evaluate", evaluate),
                Route("/audit", audit),
            ],
        ),
    ]
    middleware = [Middleware(AuthenticationMiddleware, backend=BearerKeyBackend(keys), on_error=on_auth_error)]
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={HTTPException: http_error})
    app.state.store = FlagStore(clock=clock)
    return app


app = create_app()

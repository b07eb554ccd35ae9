import json

from starlette.authentication import requires
from starlette.endpoints import HTTPEndpoint
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .store import ENVIRONMENTS, EnvConfig, Flag, FlagStore
from .validation import validate_env_config, validate_new_flag, validate_query_int


def store_of(request: Request) -> FlagStore:
    return request.app.state.store


async def read_json(request: Request):
    try:
        return await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise HTTPException(400, "request body is not valid JSON") from None


def invalid(errors: dict[str, str]) -> JSONResponse:
    return JSONResponse({"errors": errors}, status_code=422)


def get_flag(request: Request) -> Flag:
    name = request.path_params["name"]
    flag = store_of(request).flags.get(name)
    if flag is None:
        raise HTTPException(404, f"no flag named {name}")
    return flag


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


class FlagList(HTTPEndpoint):
    @requires("authenticated", status_code=401)
    async def get(self, request: Request) -> JSONResponse:
        flags = sorted(store_of(request).flags.values(), key=lambda f: f.name)
        return JSONResponse([flag.to_dict() for flag in flags])

    @requires("authenticated", status_code=401)
    @requires("admin")
    async def post(self, request: Request) -> JSONResponse:
        data, errors = validate_new_flag(await read_json(request))
        if errors:
            return invalid(errors)
        store = store_of(request)
        if data["name"] in store.flags:
            return JSONResponse({"error": f"a flag named {data['name']} already exists"}, status_code=409)
        flag = Flag(data["name"], data["description"])
        for env, config in data["environments"].items():
            flag.environments[env] = EnvConfig(**config)
        store.flags[flag.name] = flag
        store.record(request.user.display_name, "create", flag.name)
        return JSONResponse(flag.to_dict(), status_code=201)


class FlagDetail(HTTPEndpoint):
    @requires("authenticated", status_code=401)
    async def get(self, request: Request) -> JSONResponse:
        return JSONResponse(get_flag(request).to_dict())

    @requires("authenticated", status_code=401)
    @requires("admin")
    async def delete(self, request: Request) -> Response:
        flag = get_flag(request)
        store = store_of(request)
        del store.flags[flag.name]
        store.record(request.user.display_name, "delete", flag.name)
        return Response(status_code=204)


class FlagEnvironment(HTTPEndpoint):
    @requires("authenticated", status_code=401)
    @requires("admin")
    async def patch(self, request: Request) -> JSONResponse:
        flag = get_flag(request)
        env = request.path_params["env"]
        if env not in ENVIRONMENTS:
            raise HTTPException(404, f"no environment named {env}")
        data, errors = validate_env_config(await read_json(request))
        if errors:
            return invalid(errors)
        config = flag.environments[env]
        before = config.to_dict()
        for name, value in data.items():
            setattr(config, name, value)
        changes = {name: [before[name], value] for name, value in config.to_dict().items() if before[name] != value}
        store_of(request).record(request.user.display_name, "update", flag.name, env, **changes)
        return JSONResponse(flag.to_dict())


@requires("authenticated", status_code=401)
async def evaluate(request: Request) -> JSONResponse:
    user = (request.query_params.get("user") or "").strip()
    env = request.query_params.get("env", "")
    errors = {}
    if not user:
        errors["user"] = "required"
    if env not in ENVIRONMENTS:
        errors["env"] = f"must be one of {', '.join(ENVIRONMENTS)}"
    if errors:
        return invalid(errors)
    store = store_of(request)
    results = {}
    for name in sorted(store.flags):
        enabled, reason = store.evaluate(store.flags[name], env, user)
        results[name] = {"enabled": enabled, "reason": reason}
    return JSONResponse({"user": user, "env": env, "flags": results})


@requires("authenticated", status_code=401)
@requires("admin", status_code=403)
async def audit(request: Request) -> JSONResponse:
    limit = validate_query_int(request.query_params.get("limit"), default=20, low=1, high=100)
    if limit is None:
        return invalid({"limit": "must be an integer from 1 to 100"})
    return JSONResponse([entry.to_dict() for entry in store_of(request).recent_audit(limit)])

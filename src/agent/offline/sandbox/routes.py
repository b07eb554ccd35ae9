"""Route inventory: FastAPI routes from OpenAPI, Flask routes from the URL map, and each view's inputs read
from its source (form, JSON and query keys, checked types, credential headers, decorators)."""

import ast
import contextlib
import functools
import inspect
import re
import sys
from typing import Any

from .limits import code_limits, field_pairs, normalises, number_limits
from .workspace import textwrap_dedent


def resolve(schema, components, depth=0):
    if depth > 8 or not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return resolve(components.get(name, {}), components, depth + 1)
    if "anyOf" in schema:
        options = [resolve(s, components, depth + 1) for s in schema["anyOf"] if s.get("type") != "null"]
        merged = dict(options[0]) if options else {}
        merged["nullable"] = len(options) < len(schema["anyOf"])
        return merged
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return resolve(schema["allOf"][0], components, depth + 1)
    return schema


def field_info(name, schema, required, components, depth=0):
    schema = resolve(schema, components)
    info = {"name": name, "type": schema.get("type", "string"), "required": required}
    for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "enum",
                "format", "pattern", "minItems", "maxItems"):
        if key in schema:
            info[key] = schema[key]
    if depth < 3 and info["type"] == "array" and isinstance(schema.get("items"), dict):
        info["items"] = field_info(name, schema["items"], True, components, depth + 1)
    if depth < 3 and info["type"] == "object" and schema.get("properties"):
        inner = set(schema.get("required", []))
        info["properties"] = [field_info(n, s, n in inner, components, depth + 1)
                              for n, s in schema["properties"].items()]
    return info


def dependency_names(dependant, acc=None):
    acc = acc if acc is not None else []
    for dep in getattr(dependant, "dependencies", []):
        call = getattr(dep, "call", None)
        if call is not None:
            acc.append(getattr(call, "__name__", type(call).__name__))
            with contextlib.suppress(OSError, TypeError):
                acc.append(inspect.getsource(call))
        dependency_names(dep, acc)
    return acc


def fastapi_routes(app):
    spec = app.openapi()
    components = spec.get("components", {}).get("schemas", {})
    schemes = spec.get("components", {}).get("securitySchemes", {})
    endpoints = {}
    for route in route_objects(app):
        for method in getattr(route, "methods", None) or []:
            endpoints[(method.upper(), getattr(route, "path", ""))] = route
    routes = []
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            if method.upper() not in ("GET", "POST", "PUT", "PATCH", "DELETE"):
                continue
            route = endpoints.get((method.upper(), path))
            dep_text = " ".join(dependency_names(getattr(route, "dependant", None))) if route else ""
            known = handed_settings(app, route) if route else {}
            try:
                own_source = inspect.getsource(route.endpoint) if route else ""
            except (OSError, TypeError):
                own_source = ""
            params = [dict(field_info(p["name"], p.get("schema", {}), p.get("required", False), components),
                           location=p.get("in")) for p in op.get("parameters", [])]
            body, kinds = [], op.get("requestBody", {}).get("content", {})
            content = kinds.get("application/json")
            body_kind = "json"
            if not content:  # a form post (`OAuth2PasswordRequestForm`, `Form(...)`)
                content = kinds.get("application/x-www-form-urlencoded") or kinds.get("multipart/form-data")
                body_kind = "form" if content else "json"
            if content:
                schema = resolve(content.get("schema", {}), components)
                required = set(schema.get("required", []))
                body = [field_info(n, s, n in required, components) for n, s in schema.get("properties", {}).items()]
                body = with_choices(body, attribute_choices(route.endpoint) if route else {})
            security = op.get("security", spec.get("security", []))
            scheme_names = [name for item in security for name in item]
            auth = None
            if scheme_names:
                scheme = schemes.get(scheme_names[0], {})
                auth = {"type": scheme.get("type"), "scheme": scheme.get("scheme"), "in": scheme.get("in"),
                        "name": scheme.get("name")}
            headers = [p for p in params if p.get("location") == "header" and not IDEMPOTENCY.search(p["name"])]
            key_header = next((p for p in headers if re.search(r"api[-_]?key|token|authorization", p["name"], re.I)),
                              None) or next((p for p in headers if re.search(r"[-_]key$", p["name"], re.I)
                                             or IDENTITY_HEADER.fullmatch(p["name"])), None)
            prefix = auth_prefix(" ".join(module_text(f) for f in route_callables(route))) if route and \
                key_header is not None and key_header["name"].lower() == "authorization" else None
            if auth is None and prefix:  # `authorization: str = Header()` read as "Token <t>"
                auth = {"type": "http", "scheme": "bearer", "prefix": prefix}
                params = [p for p in params if p is not key_header]
            if auth is None and key_header is not None:
                auth = {"type": "apiKey", "scheme": None, "in": "header", "name": key_header["name"],
                        "required_param": bool(key_header.get("required")),
                        "identity": bool(IDENTITY_HEADER.fullmatch(key_header["name"])),
                        "candidates": token_candidates(route_callables(route))
                        if route and not IDENTITY_HEADER.fullmatch(key_header["name"]) else []}
                params = [p for p in params if p is not key_header]
            session_cookie = next((p for p in params if p.get("location") == "cookie" and re.search(
                r"sess|sid|token|auth", p["name"], re.I)), None)
            if auth is None and session_cookie is not None:  # `sid: str | None = Cookie(None)`: a session cookie
                auth = {"type": "apiKey", "scheme": None, "in": "cookie", "name": session_cookie["name"]}
                params = [p for p in params if p is not session_cookie]
            role = None
            text = (dep_text + " " + own_source).lower()
            if "403" in text or "forbidden" in text:
                role = next((w for w in ("admin", "staff", "owner") if w in text), None)
            routes += expanded({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                           "view": getattr(route.endpoint, "__name__", "") if route else "",
                           "params": params, "body": body, "body_kind": body_kind, "auth": auth, "role": role,
                           "limits": code_limits(route.endpoint, known) if route else [],
                           "number_limits": number_limits(route.endpoint, known) if route else [],
                           "pairs": field_pairs(route.endpoint, known=known) if route else [],
                           "normalises": normalises(route.endpoint) if route else False,
                           "responses": sorted(op.get("responses", {}))}, route_callables(route) if route else [])
    return routes


IDEMPOTENCY = re.compile(r"idempoten|request[-_]?id|correlation|trace", re.I)
"""Headers named like keys that name a request, not a caller (`Idempotency-Key`)."""


def route_objects(app):
    """A FastAPI app's routes, those of the routers it includes among them: newer FastAPI keeps an included router
    as one entry and walks it lazily (`iter_route_contexts`), older FastAPI copied its routes into the app's."""
    import fastapi.routing

    contexts = getattr(fastapi.routing, "iter_route_contexts", None)
    return list(contexts(app.routes)) if contexts is not None else list(getattr(app, "routes", []))


SETTINGS = re.compile(r"settings|config", re.I)


def handed_settings(app, route):
    """The settings a FastAPI route is handed by a dependency that takes nothing (`settings: Settings =
    Depends(get_settings)`, cached or named for settings): {parameter: value}, each called once (the app's
    override first)."""
    out = {}
    for dep in getattr(getattr(route, "dependant", None), "dependencies", []):
        call = app.dependency_overrides.get(dep.call, dep.call)
        plain = call is not None and inspect.isfunction(inspect.unwrap(call))
        if not dep.name or not plain or inspect.iscoroutinefunction(call) \
                or inspect.isgeneratorfunction(inspect.unwrap(call)) or not (
                    hasattr(call, "cache_info") or SETTINGS.search(getattr(call, "__name__", ""))):
            continue
        with contextlib.suppress(Exception):
            if all(p.default is not inspect.Parameter.empty for p in inspect.signature(call).parameters.values()):
                out[dep.name] = call()
    return out


def attribute_choices(view):
    """Body fields a view accepts only some texts of, each or each item: `if body.zone not in ZONES`, `[s for s in
    body.scopes if s not in SCOPES]` (a module's constant collection of texts, or a literal one; not a store of
    records, as `fake_db` is): {field: values}."""
    func = inspect.unwrap(view)
    try:
        tree = ast.parse(textwrap_dedent(inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError):
        return {}
    scope = getattr(func, "__globals__", {})
    items = {}  # `for s in body.scopes`: the variable holds one item of the field
    for node in ast.walk(tree):
        if isinstance(node, (ast.comprehension, ast.For)) and isinstance(node.target, ast.Name) and isinstance(
                node.iter, ast.Attribute):
            items[node.target.id] = node.iter.attr
    out: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn))):
            continue
        subject, choices = node.left, node.comparators[0]
        field = subject.attr if isinstance(subject, ast.Attribute) else items.get(subject.id) \
            if isinstance(subject, ast.Name) else None
        held = scope.get(choices.id) if isinstance(choices, ast.Name) and (choices.id.isupper() or isinstance(
            scope.get(choices.id), (tuple, frozenset))) else [
            e.value for e in choices.elts if isinstance(e, ast.Constant)] if isinstance(
            choices, (ast.Tuple, ast.List, ast.Set)) else None
        if field and isinstance(held, (tuple, list, set, frozenset)) and held and all(
                isinstance(v, str) for v in held):
            out.setdefault(field, list(held) if not isinstance(held, (set, frozenset)) else sorted(held))
    return out


def with_choices(body, choices):
    """Body fields with the texts the view accepts as their enum (a list's items' enum), where the schema names
    none."""
    out = []
    for f in body:
        values = choices.get(f["name"])
        if values and f.get("type") == "string" and "enum" not in f:
            f = dict(f, enum=values)
        elif values and f.get("type") == "array" and (f.get("items") or {}).get("type") == "string" and \
                "enum" not in f["items"]:
            f = dict(f, items=dict(f["items"], enum=values))
        out.append(f)
    return out


def route_callables(route):
    """The endpoint and every dependency callable of a FastAPI route."""
    found = [route.endpoint]

    def visit(dependant):
        for dep in getattr(dependant, "dependencies", []):
            if getattr(dep, "call", None) is not None:
                found.append(dep.call)
            visit(dep)

    visit(getattr(route, "dependant", None))
    return found


def token_candidates(funcs):
    """Strings the code compares a request value with: literals, module constants, keys and members of module
    collections (`if x_token != SECRET`, `if key not in API_KEYS`). Each with where it was found."""
    out = []
    for func in funcs:
        func = inspect.unwrap(func)
        try:
            tree = ast.parse(textwrap_dedent(inspect.getsource(func)))
        except (OSError, TypeError, SyntaxError):
            continue
        module = getattr(func, "__module__", "")
        names = getattr(func, "__globals__", {})
        for node in ast.walk(tree):
            if not isinstance(node, ast.Compare):
                continue
            for operand in [node.left, *node.comparators]:
                if isinstance(operand, ast.Constant) and isinstance(operand.value, str) and len(operand.value) >= 3:
                    out.append({"token": operand.value, "source": f"{module} (a literal)"})
                elif isinstance(operand, ast.Name) and operand.id in names:
                    value = names[operand.id]
                    values = [value] if isinstance(value, str) else list(value) \
                        if isinstance(value, (dict, set, list, tuple, frozenset)) else []
                    out += [{"token": v, "source": f"{module}.{operand.id}"} for v in values
                            if isinstance(v, str) and len(v) >= 3]
    seen = set()
    return [c for c in out if not (c["token"] in seen or seen.add(c["token"]))][:5]  # type: ignore[func-returns-value]


def flask_routes(app):
    routes, seen = [], set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        endpoint = app.view_functions.get(rule.endpoint)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
            if (method, path) in seen:
                continue
            seen.add((method, path))
            view = handler_of(endpoint, method)
            source = ""
            try:
                source = inspect.getsource(inspect.unwrap(view)) if view else ""
                outer = inspect.getsource(view) if view else ""
            except (OSError, TypeError):
                outer = ""
            guards = class_guards(endpoint, method)
            decorators = " ".join([decorator_text(view), decorator_text(endpoint),
                                   *(getattr(d, "__qualname__", "").split(".")[0] for d in guards)])
            bearer = "jwt_required" in decorators  # flask-jwt-extended: a token from the app's login, as Bearer
            header = "Authorization" if bearer else credential_header(view) or next(
                (m.group(1) for d in guards for m in [CREDENTIAL_HEADER.search(module_source(d.__module__))] if m),
                None)
            # a decorator guarding the view: a session log-in, unless it is not `login_required` and the module
            # reads a credential header (a hand-rolled `token_required` checks the header, not a session)
            guarded = bool(re.search(r"login_required|auth_required|requires_auth|token_required", decorators))
            needs_login = bearer or (guarded and not (header and ("login_required" not in decorators or
                                                                  reads_header_itself(view))))
            guard = guard_text(view) if view is not None else ""
            basic = "request.authorization" in guard and bool(re.search(r"\.(username|password)\b", guard))
            header = "Authorization" if basic else header
            extension = httpauth_guard(view)
            if extension is not None:  # Flask-HTTPAuth says itself how the credential comes
                needs_login, basic, bearer = True, extension["scheme"] == "basic", extension["scheme"] == "bearer"
                header = extension["header"]
            inputs = view_inputs(source, view)
            body = inputs["body"] if method != "PATCH" else [dict(f, required=False) for f in inputs["body"]]
            params = [{"name": name, "type": "integer" if conv == "int" else "string", "required": True,
                       "location": "path"} for conv, name in re.findall(r"<(?:(\w+):)?(\w+)>", rule.rule)]
            params += inputs["query"]
            routes += expanded({"method": method, "path": path, "summary": (view.__doc__ or "").strip() if view else "",
                           "view": getattr(inspect.unwrap(view), "__qualname__" if view is not endpoint else
                                           "__name__", "") if view else "",
                           "params": params, "body": body if method in ("POST", "PUT", "PATCH") else [],
                           "body_kind": inputs["kind"], "messages": inputs["messages"],
                           "auth_header": None if needs_login and not (basic or bearer) else header,
                           "auth_prefix": auth_prefix(guard_text(view)),
                           "limits": code_limits(view), "number_limits": number_limits(view),
                           "normalises": normalises(view),
                           "pairs": field_pairs(view, app.config),
                           "module": getattr(inspect.unwrap(view), "__module__", "") if view else "",
                           "auth": (extension["auth"] if extension else {"type": "http", "scheme": "basic"} if basic
                                    else {"type": "http", "scheme": "bearer"} if bearer else {"type": "session"})
                           if needs_login else None,
                           "auth_basic": basic,
                           "role": extension["role"] if extension else decorator_role(decorators)
                           or ("admin" if needs_login and re.search(r"admin", source + outer, re.I) and "403" in source
                               else None),
                           "responses": []}, [view] if view else [])
    return routes


def starlette_routes(app):
    """The routes of a plain Starlette app (`Route`, `Mount`, `HTTPEndpoint` classes), read like Flask views: the
    body, query and messages from each handler's code; credentials from an `AuthenticationMiddleware` backend (the
    header it reads and the scheme word before the key) or a header the handler's module reads; guards and roles
    from `@requires(...)`."""
    backend_text = "\n".join(module_source(type(kwargs.get("backend")).__module__)
                             for cls, _, kwargs in getattr(app, "user_middleware", [])
                             if getattr(cls, "__name__", "") == "AuthenticationMiddleware" and kwargs.get("backend"))
    routes = []

    def visit(items, prefix):
        for item in items:
            if hasattr(item, "routes") and not hasattr(item, "endpoint"):  # a Mount: its routes under its path
                visit(item.routes, prefix + item.path.rstrip("/"))
                continue
            endpoint = getattr(item, "endpoint", None)
            if endpoint is None or not hasattr(item, "path"):
                continue
            if inspect.isclass(endpoint):  # an HTTPEndpoint: one handler per method it defines
                methods = [m for m in ("GET", "POST", "PUT", "PATCH", "DELETE") if hasattr(endpoint, m.lower())]
            else:
                methods = sorted((item.methods or {"GET"}) - {"HEAD", "OPTIONS"})
            path = re.sub(r"\{(\w+):\w+\}", r"{\1}", prefix + item.path)
            convertors = getattr(item, "param_convertors", {}) or {}
            for method in methods:
                view = getattr(endpoint, method.lower()) if inspect.isclass(endpoint) else endpoint
                routes.append(starlette_route(method, path, view, convertors, backend_text))

    visit(getattr(app, "routes", []), "")
    return [r for route in routes for r in expanded(route, [route.pop("_view")])]


STARLETTE_REQUIRES = re.compile(r"""\brequires\(\s*(.*?)\)""")


def starlette_route(method, path, view, convertors, backend_text):
    try:
        source = inspect.getsource(inspect.unwrap(view))
    except (OSError, TypeError):
        source = ""
    decorators = decorator_text(view)
    scopes = [s for args in STARLETTE_REQUIRES.findall(decorators) for s in re.findall(r"""['"]([\w:-]+)['"]""",
                                                                                        args.split("status_code")[0])]
    guard = backend_text or guard_text(view)
    read = CREDENTIAL_HEADER.search(backend_text)
    header = read.group(1) if read else None if backend_text else credential_header(view)
    guarded = bool(scopes) or bool(re.search(r"login_required|auth_required|requires_auth|token_required",
                                             decorators)) or (bool(header) and not backend_text and "401" in source)
    auth = None
    if guarded and header:
        prefix = auth_prefix(guard) if header.lower() == "authorization" else None
        auth = {"type": "http", "scheme": "bearer", "prefix": prefix} if prefix else {
            "type": "apiKey", "scheme": None, "in": "header", "name": header, "required_param": False,
            "identity": bool(IDENTITY_HEADER.fullmatch(header)),
            "candidates": [] if backend_text else token_candidates([view])}  # a backend's keys come from settings
    inputs = view_inputs(source, view)
    body = inputs["body"] if method != "PATCH" else [dict(f, required=False) for f in inputs["body"]]
    params = [{"name": name, "type": "integer" if type(conv).__name__ == "IntegerConvertor" else "string",
               "required": True, "location": "path"} for name, conv in convertors.items()]
    return {"method": method, "path": path, "summary": (view.__doc__ or "").strip(),
            "view": getattr(inspect.unwrap(view), "__qualname__", ""), "params": params + inputs["query"],
            "body": body if method in ("POST", "PUT", "PATCH") else [], "body_kind": inputs["kind"],
            "messages": inputs["messages"], "auth": auth,
            "role": next((s for s in scopes if s not in ("authenticated", "user")), None),
            "limits": code_limits(view), "number_limits": number_limits(view), "normalises": normalises(view),
            "pairs": field_pairs(view), "calls": called_names(source),
            "module": getattr(inspect.unwrap(view), "__module__", ""), "responses": [], "_view": view}


def called_names(source):
    """The plain names a handler's code calls (`signed_in(request)`), sorted."""
    try:
        tree = ast.parse(textwrap_dedent(source))
    except (SyntaxError, ValueError):
        return []
    return sorted({n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)})


def expanded(route, funcs):
    """The route as one route per value when its last path segment is a text parameter the code accepts only a
    few values of, after another parameter (the record's): `/orders/{id}/{action}` with `action in ("pay",
    "ship")` becomes `/orders/{id}/pay` and `/orders/{id}/ship`, so each action is probed, and tested, as the
    route it is. A record's own key (`/items/{sku}`, even one a module dict lists) stays one route."""
    query_choices(route, funcs)
    match = re.search(r"\}(?:/[\w-]+)?/\{(\w+)\}$", route["path"])  # `/{id}/{action}`, `/{id}/envs/{env}`
    param = next((p for p in route["params"] if match and p["name"] == match.group(1) and p.get("type") == "string"
                  and not re.search(r"(^|_)(id|key|slug|code|name|uuid|token)$", p["name"].lower())), None)
    values = (param.get("enum") or path_choices(funcs, param["name"])) if param else []
    if not values:
        return [route]
    match = re.search(r"/\{(\w+)\}$", route["path"])
    base = route["path"][:match.start()] if match else ""
    return [dict(route, path=f"{base}/{value}", params=[p for p in route["params"] if p is not param])
            for value in values[:6] if isinstance(value, str) and re.fullmatch(r"[\w-]+", value)]


def query_choices(route, funcs):
    """Text query parameters the code checks against a few values (`if sort not in SORTS`) get them as `enum`."""
    for query in route["params"]:
        if query.get("location") == "query" and query.get("type", "string") == "string" and "enum" not in query:
            values = path_choices(funcs, query["name"])
            if len(values) >= 2:
                query["enum"] = values


def path_choices(funcs, name):
    """The text values the code compares parameter `name` with (`name in ("a", "b")`, `name == "a"`, a module
    mapping's keys), in the order written."""
    found: list[str] = []
    for func in funcs:
        try:
            tree = ast.parse(textwrap_dedent(inspect.getsource(inspect.unwrap(func))))
        except (OSError, TypeError, SyntaxError):
            continue
        names = getattr(inspect.unwrap(func), "__globals__", {})
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Compare) and isinstance(node.left, ast.Name) and node.left.id == name):
                continue
            for operand in node.comparators:
                if isinstance(operand, ast.Name) and isinstance(names.get(operand.id), (dict, set, frozenset, list,
                                                                                        tuple)):
                    items = list(names[operand.id])
                elif isinstance(operand, (ast.Tuple, ast.List, ast.Set)):
                    items = [e.value for e in operand.elts if isinstance(e, ast.Constant)]
                else:
                    items = [operand.value] if isinstance(operand, ast.Constant) else []
                found += [v for v in items if isinstance(v, str) and v not in found]
    return found


def class_guards(endpoint, method):
    """The decorators a class-based view puts on its handlers: a MethodView's `decorators`, a Flask-RESTful
    Resource's `method_decorators` (a list, or a dict by method)."""
    cls = getattr(endpoint, "view_class", None)
    listed = list(getattr(cls, "decorators", None) or [])
    by_method = getattr(cls, "method_decorators", None) or []
    listed += by_method.get(method.lower(), []) if isinstance(by_method, dict) else list(by_method)
    return [d for d in listed if callable(d) and hasattr(d, "__module__")]


def handler_of(view, method):
    """The function that answers `method` for a Flask endpoint: a class-based view's method (`MethodView.get`),
    else the view function itself."""
    cls = getattr(view, "view_class", None)
    handler = getattr(cls, method.lower(), None) if cls is not None else None
    if handler is None and cls is not None:
        handler = getattr(cls, "dispatch_request", None)
    return handler if inspect.isfunction(handler) else view


IDENTITY_HEADER = re.compile(r"x[-_](?:user|account|customer|client|tenant|member|caller)(?:[-_](?:id|name))?", re.I)
"""A header that names the caller (`X-User-Id`): the app trusts it (a gateway in front authenticates), so any
value is a user of its own."""
CREDENTIAL_HEADER = re.compile(
    r"""headers(?:\.get\(|\[)\s*['"]([\w-]*(?:key|token|auth)[\w-]*|""" + IDENTITY_HEADER.pattern + """)['"]""", re.I)


SCHEME_WORD = re.compile(r"""['"](Token|Bearer|JWT|ApiKey|Key)\s?['"]""")
LOWER_SCHEME = re.compile(r"""\.lower\(\)\s*(?:==|!=)\s*['"](token|bearer|jwt|apikey|key)['"]""")


def auth_prefix(text):
    """The word the code wants before the token in `Authorization` (`Token abc`), preferring one other than the
    usual `Bearer` when it names several; None when it names none (the header holds the bare token)."""
    if "authorization" not in text.lower():
        return None
    words = SCHEME_WORD.findall(text) + [w.capitalize() if w != "apikey" else "ApiKey"
                                         for w in LOWER_SCHEME.findall(text)]
    return next((w for w in words if w != "Bearer"), "Bearer" if words else None)


def module_text(view):
    """The source of the module `view` is defined in ("" when it cannot be read)."""
    return module_source(getattr(inspect.unwrap(view), "__module__", "") if view is not None else "")


@functools.cache
def module_source(name):
    """A loaded module's source by its name, read once (every route of a module asks for it)."""
    module = sys.modules.get(name)
    try:
        return inspect.getsource(module) if module else ""
    except (OSError, TypeError):
        return ""


def guard_text(view):
    """The source of the module of `view` and of the modules its decorators come from (a `token_required` kept in
    the auth module): where the credential header and its scheme word are read."""
    own, texts = [], [module_text(view)]
    names = getattr(inspect.unwrap(view), "__globals__", {}) if view is not None else {}
    for name in re.findall(r"^@?(\w+)", decorator_text(view).replace(" ", "\n"), re.M):
        guard = names.get(name)
        if inspect.isfunction(guard) and guard.__module__.split(".")[0] == (names.get("__name__") or "").split(".")[0]:
            with contextlib.suppress(OSError, TypeError):  # the decorator's own code first: one module may hold
                own.append(inspect.getsource(guard))      # a staff guard and a member guard that read other headers
        if inspect.isfunction(guard) and guard.__module__ != getattr(inspect.unwrap(view), "__module__", None):
            texts.append(module_source(guard.__module__))
    return "\n".join(own + texts)


def reads_header_itself(view):
    """Whether a `*_required` decorator on `view` is the app's own and reads a credential header (a hand-rolled
    `login_required` checking `Authorization: Token ...`), not Flask-Login's session check."""
    names = getattr(inspect.unwrap(view), "__globals__", {}) if view is not None else {}
    for name in re.findall(r"^@?(\w+_required)\b", decorator_text(view).replace(" ", "\n"), re.M):
        guard = names.get(name)
        if inspect.isfunction(guard) and not guard.__module__.startswith("flask_login"):
            try:
                if CREDENTIAL_HEADER.search(inspect.getsource(guard)):
                    return True
            except (OSError, TypeError):
                continue
    return False


def credential_header(view):
    """The credential header (`X-API-Key`, `Authorization`) the module of `view` (or of its guard) reads, if any."""
    match = CREDENTIAL_HEADER.search(guard_text(view))
    return match.group(1) if match else None


def no_argument_source(func):
    """The source of a function of the app's own that needs no arguments but the request (`read_json(request)`),
    else ""."""
    if not inspect.isfunction(func) or any(p.default is inspect.Parameter.empty and p.name not in REQUEST_NAMES
                                           for p in inspect.signature(func).parameters.values()):
        return ""
    try:
        return inspect.getsource(func)
    except (OSError, TypeError):
        return ""


JSON_READ = re.compile(r"request\.(get_json\(|json\b)")
REQUEST_NAMES = ("request", "req")


def scope_of(view):
    """The names a view's code can call: its module's globals and, for a view defined inside a factory, the
    factory's functions it closes over (`credentials()` beside the views in `create_app`)."""
    if view is None:
        return {}
    func = inspect.unwrap(view)
    names = dict(getattr(func, "__globals__", {}))
    with contextlib.suppress(TypeError, ValueError):
        names.update(inspect.getclosurevars(func).nonlocals)
    return names


@functools.cache
def reads_json(func):
    """True for a function of the app's own (no parameters needed) that returns the request's JSON body (one that
    reads the body and returns fields of it, `name, password = credentials()`, is a request reader instead)."""
    source = no_argument_source(func)
    if not JSON_READ.search(source):
        return False
    try:
        tree = ast.parse(textwrap_dedent(source))
    except (SyntaxError, ValueError):
        return True
    bound = {node.targets[0].id for node in ast.walk(tree) if isinstance(node, ast.Assign) and len(node.targets) == 1
             and isinstance(node.targets[0], ast.Name) and JSON_READ.search(ast.unparse(node.value))}
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Return) and node.value is not None):
            continue
        value = node.value
        # `body or {}`, `data if isinstance(data, dict) else {}`: the body, unless it is not one
        for part in [value.values[0]] if isinstance(value, ast.BoolOp) else [value.body, value.orelse] if isinstance(
                value, ast.IfExp) else [value]:
            if JSON_READ.search(ast.unparse(part)) or (isinstance(part, ast.Name) and part.id in bound):
                return True
    return False


def request_readers(tree, names, view):
    """The app's own functions a view calls with no arguments that read the request themselves (`submitted()`):
    what they read is what the view reads."""
    out = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.args):
            continue  # `submitted()`, `load_event(partial=True)`
        func = names.get(node.func.id)
        if func is view or func in out:
            continue
        source = no_argument_source(func)
        if re.search(r"request\.(form|args|get_json|json|values)\b", source) and (
                not reads_json(func) or re.search(r"\.load\(", source)):  # `EventSchema().load(request.json)`
            out.append(func)
    return out[:3]


def json_helpers(tree, view, json_names):
    """Module functions the view hands its JSON body to (`_parse(data)`), each with the parameter it lands in."""
    names = scope_of(view)
    out = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        helper = names.get(node.func.id)
        if not inspect.isfunction(helper) or helper is view:
            continue
        params = list(inspect.signature(helper).parameters)
        for index, arg in enumerate(node.args[:len(params)]):
            arg = arg.value if isinstance(arg, ast.Await) else arg  # `_parse(await read_json(request))`
            if (isinstance(arg, ast.Name) and arg.id in json_names) or JSON_READ.search(ast.unparse(arg)) or (
                    isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and  # `_fields(body_of())`
                    reads_json(names.get(arg.func.id))):
                out.append((helper, params[index]))
    return out[:3]


JSON_TYPES = {"bool": "boolean", "int": "integer", "float": "number", "str": "string", "list": "array",
              "dict": "object"}
SCHEMA_TYPES = {"Integer": "integer", "Int": "integer", "Float": "number", "Number": "number", "Decimal": "number",
                "Boolean": "boolean", "Bool": "boolean", "List": "array", "Dict": "object", "Nested": "object"}
SCHEMA_FORMATS = {"DateTime": "date-time", "AwareDateTime": "date-time", "NaiveDateTime": "date-time",
                  "Date": "date", "Email": "email", "Url": "uri", "URL": "uri"}


def schema_loads(tree, names):
    """Body fields of the marshmallow schemas the code loads the request with (`EventSchema().load(data)`,
    `schema.load(request.json)`): each field's type, whether it is required, and its validators' bounds."""
    fields = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "load"):
            continue
        made = node.func.value
        schema = names.get(made.func.id) if isinstance(made, ast.Call) and isinstance(made.func, ast.Name) else \
            names.get(made.id) if isinstance(made, ast.Name) else None
        declared = getattr(schema, "_declared_fields", None)
        if isinstance(declared, dict):
            fields += [schema_field(name, field) for name, field in declared.items()
                       if not getattr(field, "dump_only", False)]
    return fields


def parser_args(tree, names):
    """Arguments of the Flask-RESTful `reqparse` parsers the code parses the request with (`parser.parse_args()`):
    [(where, field)], `where` being "json", "form" or "query" as each argument's `location` says."""
    out = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "parse_args"
                and isinstance(node.func.value, ast.Name)):
            continue
        parser = names.get(node.func.value.id)
        for arg in getattr(parser, "args", None) or []:
            if not isinstance(getattr(arg, "name", None), str):
                continue
            places = arg.location if isinstance(arg.location, (list, tuple)) else [arg.location]
            where = "json" if "json" in places else "form" if "form" in places else "query" \
                if {"args", "values"} & set(places) else None
            if where is None:
                continue
            kind = JSON_TYPES.get(getattr(arg.type, "__name__", ""), "string")
            field = {"name": arg.name, "type": kind, "required": bool(arg.required)}
            if arg.choices:
                field["enum"] = list(arg.choices)
            out.append((where, field))
    return out


WTF_TYPES = {"IntegerField": "integer", "DecimalField": "number", "FloatField": "number", "BooleanField": "boolean",
             "IntegerRangeField": "integer", "DecimalRangeField": "number"}


def form_classes(tree, names):
    """Fields of the WTForms forms a view makes (`form = RegisterForm()`), each as a body field: its type, whether
    a value is required, and its validators' bounds."""
    fields = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        cls = names.get(node.func.id)
        if not (isinstance(cls, type) and any(c.__module__.startswith("wtforms") and c.__name__ == "Form"
                                              for c in cls.__mro__)):
            continue
        for name in dir(cls):
            unbound = getattr(cls, name, None)
            if type(unbound).__name__ == "UnboundField" and not name.startswith("_"):
                fields.append(form_field(name, unbound))
    return fields


def form_field(name, unbound):
    kind = getattr(unbound.field_class, "__name__", "")
    info: dict[str, Any] = {"name": name, "type": WTF_TYPES.get(kind, "string"), "required": False}
    for check in unbound.kwargs.get("validators") or []:
        check_kind = type(check).__name__
        low, high = getattr(check, "min", None), getattr(check, "max", None)
        if check_kind in ("DataRequired", "InputRequired"):
            info["required"] = True
        elif check_kind == "Length":
            info.update({w: v for w, v in (("minLength", low), ("maxLength", high)) if v is not None and v >= 0})
        elif check_kind == "NumberRange":
            info.update({w: v for w, v in (("minimum", low), ("maximum", high)) if v is not None})
        elif check_kind == "Email":
            info["format"] = "email"
        elif check_kind == "EqualTo":
            info["equal_to"] = getattr(check, "fieldname", None)
        elif check_kind == "AnyOf":
            info["enum"] = list(getattr(check, "values", []))
    choices = unbound.kwargs.get("choices")
    if kind in ("SelectField", "RadioField") and isinstance(choices, (list, tuple)) and choices:
        info["enum"] = [c[0] if isinstance(c, (list, tuple)) else c for c in choices]
    return info


def schema_field(name, field):
    kind = type(field).__name__
    info = {"name": getattr(field, "data_key", None) or name, "type": SCHEMA_TYPES.get(kind, "string"),
            "required": bool(getattr(field, "required", False))}
    if kind in SCHEMA_FORMATS:
        info["format"] = SCHEMA_FORMATS[kind]
    for check in getattr(field, "validators", []):
        low, high = getattr(check, "min", None), getattr(check, "max", None)
        if type(check).__name__ == "Length":
            words = ("minItems", "maxItems") if info["type"] == "array" else ("minLength", "maxLength")
            info.update({w: v for w, v in zip(words, (low, high), strict=True) if v is not None})
        elif type(check).__name__ == "Range":
            info.update({w: v for w, v in zip(("minimum", "maximum"), (low, high), strict=True) if v is not None})
            if low is not None and not getattr(check, "min_inclusive", True):
                info["exclusiveMinimum"] = info.pop("minimum")
            if high is not None and not getattr(check, "max_inclusive", True):
                info["exclusiveMaximum"] = info.pop("maximum")
        elif type(check).__name__ == "OneOf":
            info["enum"] = list(check.choices)
    inner = getattr(field, "inner", None)
    if info["type"] == "array" and inner is not None:
        info["items"] = {"name": name, "type": SCHEMA_TYPES.get(type(inner).__name__, "string"), "required": True}
    return info


def loop_keys(tree, names):
    """Loop variables over constant strings (`for field in ("name", "category")`, or a module constant such as
    `for field in FIELDS`), each with the keys it takes."""
    out: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        values = loop_values(node, names)
        if values and isinstance(node, ast.For) and isinstance(node.target, ast.Name):  # one name, several tuples
            out[node.target.id] = list(dict.fromkeys([*out.get(node.target.id, []), *values]))
    return out


def loop_values(node, names):
    """The constant strings a `for name in ...` loop runs over, or None."""
    if not (isinstance(node, ast.For) and isinstance(node.target, ast.Name)):
        return None
    values: list[Any] = []
    if isinstance(node.iter, (ast.Tuple, ast.List, ast.Set)):
        values = [e.value for e in node.iter.elts if isinstance(e, ast.Constant)]
    elif isinstance(node.iter, ast.Name) and isinstance(names.get(node.iter.id), (tuple, list, frozenset)):
        values = list(names[node.iter.id])
    return values if values and all(isinstance(v, str) for v in values) else None


def read_keys(node, loops):
    """The body keys an expression reads (`data["sku"]`, `data.get(field)` inside a loop over field names)."""
    match = re.search(r"""(?:\[|\.get\()\s*['"](\w+)['"]""", ast.unparse(node))
    if match:
        return [match.group(1)]
    loop = re.search(r"(?:\[|\.get\()\s*(\w+)\s*[,)\]]", ast.unparse(node))
    return loops.get(loop.group(1), []) if loop else []


def checked_types(tree, names=None):
    """Body keys whose type the code checks (`isinstance(data["done"], bool)`, via a name bound to the key), and
    the patterns keys must match (`SKU.match(sku)`): {key: type}, {key: regex}."""
    names = names or {}
    loops = loop_keys(tree, names)
    types: dict[str, str] = {}
    patterns: dict[str, str] = {}
    inside: set[int] = set()
    for node in ast.walk(tree):  # each loop over field names on its own: its `value` is its fields' value
        values = loop_values(node, names)
        if values and isinstance(node, ast.For) and isinstance(node.target, ast.Name) and id(node) not in inside:
            body = ast.Module(body=node.body, type_ignores=[])
            inside.update(id(n) for n in ast.walk(body))
            inner_types, inner_patterns = _checked(body, names, {node.target.id: values})
            for key, kind in inner_types.items():
                types.setdefault(key, kind)
            for key, pattern in inner_patterns.items():
                patterns.setdefault(key, pattern)
    outer = [n for n in ast.walk(tree) if id(n) not in inside]
    outer_types, outer_patterns = _checked(outer, names, loops)
    return {**outer_types, **types}, {**outer_patterns, **patterns}


def key_bindings(nodes, loops):
    """`bound_at(name, line)`: the body keys a name holds at a line, from its last binding before it (a `value`
    reused field after field holds each in turn)."""
    bound: dict[str, list[tuple[int, list[str]]]] = {}
    for node in nodes:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            for name, value in assigned_pairs(node.targets[0], node.value):
                bound.setdefault(name, []).append((node.lineno, read_keys(value, loops)))

    def bound_at(name, line):
        before = [keys for at, keys in sorted(bound.get(name, [])) if at <= line]
        return before[-1] if before else []
    return bound_at


def assigned_pairs(target, value):
    """(name, value) for each name an assignment binds to an expression of its own: `name = data.get("name")`, and
    `name, price = data.get("name"), data.get("price")` as two."""
    if isinstance(target, ast.Name):
        return [(target.id, value)]
    if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple) and len(target.elts) == len(value.elts):
        pairs = zip(target.elts, value.elts, strict=True)
        return [(name.id, item) for name, item in pairs if isinstance(name, ast.Name)]
    return []


def _checked(nodes, names, loops):
    """`checked_types` over `nodes` (a tree or a list of nodes), with loop variables `loops`."""
    nodes = list(ast.walk(nodes)) if isinstance(nodes, ast.AST) else nodes
    bound_at = key_bindings(nodes, loops)
    seen: dict[str, set[str]] = {}
    patterns: dict[str, str] = {}
    for node in nodes:
        if not isinstance(node, ast.Call) or not node.args:
            continue
        subject = node.args[0]
        keys = bound_at(subject.id, node.lineno) if isinstance(subject, ast.Name) else read_keys(subject, loops)
        if getattr(node.func, "id", "") == "isinstance" and len(node.args) == 2:
            kind = node.args[1]
            checks = [kind] if isinstance(kind, ast.Name) else list(kind.elts) if isinstance(kind, ast.Tuple) else []
            for key in keys:
                seen.setdefault(key, set()).update(JSON_TYPES[n.id] for n in checks
                                                   if isinstance(n, ast.Name) and n.id in JSON_TYPES)
        elif isinstance(node.func, ast.Name) and inspect.isfunction(names.get(node.func.id)) and keys:
            for read in keys:  # `validate_tags(data.get("tags"))`: what the validator checks its first argument is
                seen.setdefault(read, set()).update(value_checks(names[node.func.id]).get(0, set()))
        elif isinstance(node.func, ast.Attribute) and node.func.attr in ("match", "fullmatch") and \
                isinstance(node.func.value, ast.Name) and isinstance(names.get(node.func.value.id), re.Pattern):
            for key in keys:  # `SKU_PATTERN.match(sku)`
                patterns.setdefault(key, names[node.func.value.id].pattern)
    types = {}
    order = ["integer", "number", "boolean", "string", "array", "object"]
    for key, kinds in seen.items():  # `not isinstance(n, int) or isinstance(n, bool)`: a whole number
        chosen = [k for k in order if k in kinds]
        if chosen:
            types[key] = "integer" if {"integer", "boolean"} <= kinds else chosen[0]
    return types, patterns


def checked_choices(tree, names, loops):
    """Body keys the code accepts only a few text values of (`if priority not in PRIORITIES`, with `priority` read
    from the body, or `data.get("kind") in ("a", "b")`): {key: values in the order written}; `key[]` for the items
    of a list the code walks (`any(name not in LISTS for name in lists)`)."""
    bound_at = key_bindings(list(ast.walk(tree)), loops)
    out: dict[str, list[str]] = {}
    walking: dict[str, list[str]] = {}  # a loop's variable (`for name in lists`): the body keys of the list walked
    for node in ast.walk(tree):
        if isinstance(node, (ast.comprehension, ast.For)) and isinstance(node.target, ast.Name):
            walked = bound_at(node.iter.id, node.iter.lineno) if isinstance(node.iter, ast.Name) else \
                read_keys(node.iter, loops) if isinstance(node.iter, (ast.Subscript, ast.Call)) else []
            if walked:
                walking[node.target.id] = walked
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn))):
            continue
        subject, choices = node.left, node.comparators[0]
        keys = [f"{key}[]" for key in walking[subject.id]] if isinstance(subject, ast.Name) and subject.id in \
            walking else bound_at(subject.id, node.lineno) if isinstance(subject, ast.Name) else read_keys(
                subject, loops) if isinstance(subject, (ast.Subscript, ast.Call)) else []
        held = named_value(choices, names)
        if isinstance(held, (tuple, list, dict)):
            values = list(held)
        elif isinstance(held, (set, frozenset)):
            values = sorted(held, key=str)
        elif isinstance(choices, (ast.Tuple, ast.List, ast.Set)):
            values = [e.value for e in choices.elts if isinstance(e, ast.Constant)]
        else:
            continue
        if values and all(isinstance(v, str) for v in values):
            for key in keys:
                out.setdefault(key, values)
    compared: dict[str, list[str]] = {}
    for node in ast.walk(tree):  # `if kind == "percent": ... elif kind == "fixed": ...`: one of those
        if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], ast.Eq):
            for subject, other in ((node.left, node.comparators[0]), (node.comparators[0], node.left)):
                if isinstance(other, ast.Constant) and isinstance(other.value, str) and other.value:
                    keys = bound_at(subject.id, node.lineno) if isinstance(subject, ast.Name) else read_keys(
                        subject, loops) if isinstance(subject, (ast.Subscript, ast.Call)) else []
                    for key in keys:
                        compared.setdefault(key, []).append(other.value)
    for key, values in compared.items():
        if len(set(values)) > 1:
            out.setdefault(key, list(dict.fromkeys(values)))
    return out


TEXT_CHECKS = {"isalnum": "[A-Za-z0-9]+", "isalpha": "[A-Za-z]+", "isdigit": "[0-9]+", "isdecimal": "[0-9]+"}


def text_shapes(tree, loops):
    """What the code asks of a body key's text: {key: pattern} from `code.isalnum()`, and {key: [shortest, longest]}
    from the numbers `len(code)` is compared with (`3 <= len(code) <= 20`: strictly between them, a length that
    passes each bound whichever way it is written)."""
    bound_at = key_bindings(list(ast.walk(tree)), loops)

    def keys_of(node):
        return bound_at(node.id, node.lineno) if isinstance(node, ast.Name) else read_keys(node, loops) \
            if isinstance(node, (ast.Subscript, ast.Call)) else []

    patterns: dict[str, str] = {}
    lengths: dict[str, list[int]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in TEXT_CHECKS:
            subject = node.func.value  # `code.isalnum()`, `data["code"].strip().isalnum()`
            while isinstance(subject, ast.Call) and isinstance(subject.func, ast.Attribute) and subject.func.attr in (
                    "strip", "upper", "lower", "casefold", "lstrip", "rstrip"):
                subject = subject.func.value
            for key in keys_of(subject):
                patterns.setdefault(key, TEXT_CHECKS[node.func.attr])
        if not isinstance(node, ast.Compare):
            continue
        for sized in [node.left, *node.comparators]:
            if isinstance(sized, ast.Call) and getattr(sized.func, "id", "") == "len" and sized.args:
                bounds = [n.value for n in [node.left, *node.comparators] if isinstance(n, ast.Constant) and
                          isinstance(n.value, int) and not isinstance(n.value, bool)]
                for key in keys_of(sized.args[0]):
                    lengths.setdefault(key, []).extend(bounds)
    spans = {}
    for key, bounds in lengths.items():  # strictly between two bounds; past a small one, short of a large one
        low, high = min(bounds, default=0), max(bounds, default=0)
        spans[key] = [low + 1, high - 1] if low < high else [low + 1, 10_000] if low <= 12 else [0, high - 1]
    return patterns, {k: v for k, v in spans.items() if v[0] <= v[1]}


def named_value(node, names):
    """The value a name (`KINDS`) or a module's attribute (`policy.KINDS`) holds in `names`, or None."""
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and inspect.ismodule(
            names.get(node.value.id)):
        return getattr(names[node.value.id], node.attr, None)
    return None


@functools.cache
def value_checks(func):
    """{index of a parameter: JSON types} for the parameters `func` checks with `isinstance` (a validator handed
    one field: `if not isinstance(value, list): abort(400)`)."""
    try:
        tree = ast.parse(textwrap_dedent(inspect.getsource(func)))
        params = list(inspect.signature(func).parameters)
    except (OSError, TypeError, ValueError, SyntaxError):
        return {}
    out: dict[int, set[str]] = {}
    converted: dict[int, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "isinstance" and len(node.args) == 2 and \
                isinstance(node.args[0], ast.Name) and node.args[0].id in params:
            kind = node.args[1]
            checks = [kind] if isinstance(kind, ast.Name) else list(kind.elts) if isinstance(kind, ast.Tuple) else []
            out.setdefault(params.index(node.args[0].id), set()).update(
                JSON_TYPES[n.id] for n in checks if isinstance(n, ast.Name) and n.id in JSON_TYPES)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
                "int", "float", "Decimal") and len(node.args) == 1:  # `Decimal(str(value))`: a number, maybe as text
            inner = node.args[0]
            inner = inner.args[0] if isinstance(inner, ast.Call) and getattr(inner.func, "id", "") == "str" and \
                inner.args else inner
            if isinstance(inner, ast.Name) and inner.id in params:
                converted.setdefault(params.index(inner.id), set()).add(JSON_TYPES.get(node.func.id, "number"))
    for index, kinds in converted.items():  # a type the code checks outranks a conversion (`"12.50"` as text)
        out.setdefault(index, kinds) if not out.get(index) else None
    return out


def view_inputs(source, view=None, json_params=(), seen=None):
    """What a Flask view reads from the request, from its AST: form or JSON body fields (required when indexed,
    optional through .get), query arguments, and the messages it can answer with (flash, abort, error texts)."""
    found: dict[str, dict[str, Any]] = {"form": {}, "json": {}, "query": {}}
    messages = []
    try:
        tree = ast.parse(textwrap_dedent(source))
    except (SyntaxError, ValueError):
        return {"kind": "json", "body": [], "query": [], "messages": []}
    json_names = {"json", *json_params}
    form_names: set[str] = set()
    optional: dict[str, Any] = {}
    guarded: set[str] = set()
    read_types: dict[str, str] = {}
    globals_ = scope_of(view)
    for node in ast.walk(tree):  # `data = request.get_json()` (or `data = body_of()`) makes `data[...]` a JSON read
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            text = ast.unparse(node.value)
            value = node.value.values[0] if isinstance(node.value, ast.BoolOp) else node.value  # `f() or {}`
            value = value.value if isinstance(value, ast.Await) else value  # `await read_json(request)`
            if JSON_READ.search(text) or (
                    isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and
                    reads_json(globals_.get(value.func.id))):
                json_names.add(node.targets[0].id)
            if re.search(r"request\.form\(\)", text):  # Starlette: `form = await request.form()`
                form_names.add(node.targets[0].id)
    loops = loop_keys(tree, globals_)
    declared = {f["name"]: f for f in schema_loads(tree, globals_)}  # fields a marshmallow schema declares
    for name, field in declared.items():
        found["json"].setdefault(name, field["required"])
    for field in form_classes(tree, globals_):  # a WTForms form's fields are posted as a form
        declared.setdefault(field["name"], field)
        found["form"].setdefault(field["name"], field["required"])
    for place, field in parser_args(tree, globals_):  # Flask-RESTful's `reqparse` says where each argument comes
        if place != "query":
            declared.setdefault(field["name"], field)
        found[place].setdefault(field["name"], field["required"])
    for node in ast.walk(tree):
        key: Any = None
        where: str | None = None
        required = False
        if isinstance(node, ast.Subscript):
            base = ast.unparse(node.value)
            key, required = node.slice, True
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "get", "getlist") and node.args:
            base = re.sub(r"^\(?(.+) or (\{\}|dict\(\))\)?$", r"\1", ast.unparse(node.func.value))  # `(... or {})`
            key = node.args[0]
            kind = next((k.value.id for k in node.keywords if k.arg == "type" and isinstance(k.value, ast.Name)), "")
            if kind in ("int", "float") and isinstance(key, ast.Constant):  # `request.form.get("n", type=int)`
                read_types[str(key.value)] = JSON_TYPES[kind]
            default = node.args[1] if len(node.args) > 1 else None
            if isinstance(key, ast.Constant) and isinstance(default, (ast.List, ast.Dict, ast.Constant)) and \
                    not base.endswith(("request.args", "request.form", "form")):  # `data.get("tags", [])`
                spelled = {ast.List: "list", ast.Dict: "dict"}.get(type(default)) or type(
                    getattr(default, "value", None)).__name__
                if spelled in JSON_TYPES and spelled != "str":
                    read_types.setdefault(str(key.value), JSON_TYPES[spelled])
        else:
            base = ""
        if base.endswith("request.form") or base == "form" or base in form_names:
            where = "form"
        elif base.endswith(("request.args", "request.query_params")):
            where = "query"
        elif re.search(r"request\.(get_json\(.*\)|json)$", base) or base in json_names or (
                re.fullmatch(r"\w+\(\)", base) and reads_json(globals_.get(base[:-2]))):  # `payload().get("n")`
            where = "json"
        names = [key.value] if isinstance(key, ast.Constant) and isinstance(key.value, str) else \
            loops.get(key.id, []) if isinstance(key, ast.Name) else []
        for name in names:
            if where is None:
                break
            optional.setdefault(where, set())
            if not required:
                optional[where].add(name)
            found[where][name] = found[where].get(name, True) and required
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
                "int", "float", "Decimal") and len(node.args) == 1:  # `int(request.form["n"])`, `Decimal(str(...))`
            read = re.search(r"""(?:\[|\.get\()\s*['"](\w+)['"]""", ast.unparse(node.args[0]))
            if read:
                read_types.setdefault(read.group(1), JSON_TYPES.get(node.func.id, "number"))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and inspect.isfunction(
                globals_.get(node.func.id)) and node.args and isinstance(node.args[0], ast.Name) and \
                node.args[0].id in json_names:  # `_text(data, "title")`: a helper reading the key it is handed
            for arg in node.args[1:2]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and re.fullmatch(r"\w+", arg.value):
                    optional.setdefault("json", set()).add(arg.value)
                    found["json"].setdefault(arg.value, False)
        if isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops) and \
                isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
            guarded.add(node.left.value)  # `if "due" in data`: a key the code expects may be absent
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(
                r"[A-Z][\w ,'!-]{3,}[.!]", node.value) and " " in node.value:
            messages.append(node.value)
        elif isinstance(node, ast.JoinedStr):
            parts = [v.value.strip() for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
            messages += [part for part in parts if len(part) >= 8 and " " in part]
    for where in found:  # a key read with .get() or tested with `in` anywhere is optional (unless a schema says)
        for key in list(found[where]):
            if (key in guarded or key in optional.get(where, set())) and not declared.get(key, {}).get("required"):
                found[where][key] = False
    helper_types: dict[str, str] = {}
    helper_items: dict[str, Any] = {}  # a list a helper walks by hand: its items' shape
    patterns: dict[str, str] = {}
    seen = {view} if seen is None else seen | {view}  # helpers that call each other are read once
    helpers: list[tuple[Any, tuple[str, ...]]] = [(helper, (param,)) for helper, param in json_helpers(
        tree, view, json_names)]  # `_parse(data)`
    helpers += [(reader, ()) for reader in request_readers(tree, globals_, view)]  # `name, error = submitted()`
    for helper, params in helpers:
        if helper in seen:
            continue
        try:
            inner = view_inputs(inspect.getsource(helper), helper, params, seen)
        except (OSError, TypeError):
            continue
        for f in inner["body"]:
            found["json" if params else inner["kind"]].setdefault(f["name"], f["required"])
            if f.get("declared"):
                declared.setdefault(f["name"], f)
            helper_types.setdefault(f["name"], f["type"])
            if "items" in f:
                helper_items.setdefault(f["name"], f["items"])
            if "pattern" in f:
                patterns.setdefault(f["name"], f["pattern"])
        for f in inner["query"]:
            found["query"].setdefault(f["name"], f["required"])
        messages += inner["messages"]
    kind = "form" if found["form"] else "json"
    checked, matched = checked_types(tree, globals_)
    types = {**{k: v for k, v in helper_types.items() if v != "string"}, **read_types, **checked}
    patterns.update(matched)
    if kind == "json":  # an id sent in a JSON body is a number unless the code says otherwise
        types.update({k: "integer" for k in found[kind] if k.endswith("_id") and k not in types})
    choices = checked_choices(tree, globals_, loops)
    shaped, lengths = text_shapes(tree, loops)
    for key, pattern in shaped.items():
        patterns.setdefault(key, pattern)
    body = [dict(declared[k], required=r, declared=True) if k in declared else
            {"name": k, "type": types.get(k, "string"), "required": r,
             **({"pattern": patterns[k]} if k in patterns and types.get(k, "string") == "string" else {}),
             **({"lengths": lengths[k]} if k in lengths and types.get(k, "string") == "string" else {}),
             **({"enum": choices[k]} if k in choices and types.get(k, "string") == "string" else {}),
             **({"items": {"name": k, "type": "string", "required": True, "enum": choices[k + "[]"]}}
                if k + "[]" in choices and types.get(k) == "array" else {})}
            for k, r in found[kind].items()]
    items = list_items(tree, json_names) if kind == "json" else {}
    for field in body:  # a list walked by hand: its items are objects of the keys read from each, all sent
        if field["name"] in items and not field.get("declared"):
            props = [{"name": k, "type": checked.get(k) or ("integer" if k.endswith("_id") else "string"),
                      "required": True} for k in items[field["name"]]]
            field.update(type="array", items={"name": field["name"], "type": "object", "required": True,
                                              "properties": props})
        elif field["name"] in helper_items and not field.get("declared") and "items" not in field:
            field.update(type="array", items=helper_items[field["name"]])
    query = [{"name": k, "type": "string", "required": r, "location": "query"} for k, r in found["query"].items()]
    return {"kind": kind, "body": body, "query": query, "messages": list(dict.fromkeys(messages))}


def list_items(tree, json_names):
    """The keys read from each item of a body list a view walks by hand (`for line in data.get("lines"):
    line.get("part_id")`): {body key: [item keys]}."""
    def body_key(node):  # `data["lines"]`, `data.get("lines")`, `request.json["lines"]`, `... or []`
        node = node.values[0] if isinstance(node, ast.BoolOp) else node
        if isinstance(node, ast.Subscript):
            base, key = node.value, node.slice
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" and \
                node.args:
            base, key = node.func.value, node.args[0]
        else:
            return None
        is_body = (isinstance(base, ast.Name) and base.id in json_names) or JSON_READ.search(ast.unparse(base))
        return key.value if is_body and isinstance(key, ast.Constant) and isinstance(key.value, str) else None

    holders = {}  # `lines = data.get("lines")`: a name for a body key's value
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            for name, value in assigned_pairs(node.targets[0], node.value):
                if (key := body_key(value)) is not None:
                    holders[name] = key
    out: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if not isinstance(node, (ast.For, ast.comprehension)):
            continue
        walked, target = node.iter, node.target
        if isinstance(walked, ast.Call) and getattr(walked.func, "id", "") == "enumerate" and walked.args and \
                isinstance(target, ast.Tuple) and len(target.elts) == 2:  # `for index, line in enumerate(lines)`
            walked, target = walked.args[0], target.elts[1]
        if not isinstance(target, ast.Name):
            continue
        key = holders.get(walked.id) if isinstance(walked, ast.Name) else body_key(walked)
        if key is None:
            continue
        item, reads = target.id, out.setdefault(key, [])
        for read in ast.walk(tree):
            if isinstance(read, ast.Subscript) and isinstance(read.value, ast.Name) and read.value.id == item:
                read_key = read.slice
            elif isinstance(read, ast.Call) and isinstance(read.func, ast.Attribute) and read.func.attr == "get" \
                    and isinstance(read.func.value, ast.Name) and read.func.value.id == item and read.args:
                read_key = read.args[0]
            else:
                continue
            if isinstance(read_key, ast.Constant) and isinstance(read_key.value, str) and read_key.value not in reads:
                reads.append(read_key.value)
    return {key: reads for key, reads in out.items() if reads}


def httpauth_guard(view):
    """How a Flask-HTTPAuth decorator on `view` (`@token_auth.login_required(role="agent")`) takes credentials:
    {"scheme": "basic" | "bearer" | "header", "header", "auth", "role"}, or None when no such decorator guards it."""
    names = getattr(inspect.unwrap(view), "__globals__", {}) if view is not None else {}
    for text in decorator_text(view).split(" "):
        match = re.match(r"(\w+)\.login_required\b", text)
        guard = names.get(match.group(1)) if match else None
        if guard is None or not type(guard).__module__.startswith("flask_httpauth"):
            continue
        scheme = str(getattr(guard, "scheme", "") or "")
        found = {"role": guard_role(text, names), "header": getattr(guard, "header", None) or "Authorization"}
        if scheme.lower() == "basic" or type(guard).__name__ == "HTTPBasicAuth":
            return found | {"scheme": "basic", "auth": {"type": "http", "scheme": "basic"}}
        if found["header"] != "Authorization":
            return found | {"scheme": "header", "auth": {"type": "apiKey", "in": "header", "name": found["header"]}}
        prefix = None if scheme in ("", "Bearer") else scheme
        return found | {"scheme": "bearer", "auth": {"type": "http", "scheme": "bearer", "prefix": prefix}}
    return None


ROLE_GUARD = re.compile(r"\b([a-z]+)_required\b")
NOT_ROLES = {"login", "auth", "token", "jwt", "fresh", "key", "api", "signature", "csrf", "user", "session",
             "permission", "role", "roles", "basic", "password", "verified", "confirmed", "active"}


ROLE_CALL = re.compile(r"""\b\w*role\w*\(\s*(?:roles?\s*=\s*)?[\[(]?\s*['"]([\w-]+)['"]""")


def decorator_role(decorators):
    """The role a guard named for it asks for (`@moderator_required`, `@admin_required`), or the first a role guard
    is given (`@requires_role("editor")`, `@roles_required("admin", ...)`), else None."""
    given = ROLE_CALL.search(decorators)
    if given:
        return given.group(1)
    return next((m for m in ROLE_GUARD.findall(decorators) if m not in NOT_ROLES), None)


def guard_role(text, names):
    """The role a guard's `role=` names (a literal or a module constant; the first of several), else None."""
    try:
        call = ast.parse(text, mode="eval").body
    except SyntaxError:
        return None
    value = next((k.value for k in getattr(call, "keywords", []) if k.arg == "role"), None)
    if isinstance(value, (ast.List, ast.Tuple)) and value.elts:
        value = value.elts[0]
    if isinstance(value, ast.Name):
        value = ast.Constant(names.get(value.id))
    return value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None


def decorator_text(view):
    if view is None:
        return ""
    try:
        func = inspect.unwrap(view)
        source_file = inspect.getsourcefile(func)
        with open(source_file, encoding="utf-8") as fh:  # type: ignore[arg-type]
            tree = ast.parse(fh.read())
        line = getattr(getattr(func, "__code__", None), "co_firstlineno", None)
        named = [node for node in ast.walk(tree)
                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == func.__name__]
        for node in sorted(named, key=lambda n: line not in (n.lineno, *(d.lineno for d in n.decorator_list))):
            return " ".join(ast.unparse(d) for d in node.decorator_list)  # the one at the function's line first
    except (OSError, TypeError, SyntaxError):
        pass
    return ""

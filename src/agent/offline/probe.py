"""Discovery script: runs INSIDE the sandbox (through `run_command`), imports the repo's app, prints an inventory.

Standard library only (plus whatever the app itself imports). It works from a temporary
directory so an app's import-time side effects (a SQLite file, a log) never land in the repo.
It prints one JSON document between the markers below; everything else it prints is noise.

Inventory: the app (module app or factory, and how to build it for tests), its routes with
parameters, body fields, constraints and auth, credentials found in settings, and a
characterisation of each route (what the current code answers), or pure functions of plain
modules with observed results.
"""

import ast
import contextlib
import inspect
import json
import os
import re
import sys
import tempfile
import traceback
from decimal import Decimal

BEGIN, END = "===ASSAY-INVENTORY-BEGIN===", "===ASSAY-INVENTORY-END==="
ROOT = os.getcwd()
SKIP_DIRS = {".git", ".venv", "venv", "env", "node_modules", "__pycache__", ".assay", "build", "dist", "tests", "test",
             "site-packages", ".tox", ".mypy_cache", ".pytest_cache", "docs", "examples", "migrations"}
ROLE_WORDS = ("admin", "customer", "user", "member", "staff", "viewer", "editor", "owner", "reader", "writer")
APP_FACTORIES = ("create_app", "make_app", "build_app", "app_factory", "get_app")
WORK = tempfile.mkdtemp(prefix="assay-discover-")


def walk(keep, skip=SKIP_DIRS):
    """Repo-relative paths of the files whose name `keep` accepts, outside `skip` and hidden folders."""
    for base, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in skip and not d.startswith("."))
        for name in sorted(files):
            if keep(name):
                yield os.path.relpath(os.path.join(base, name), ROOT).replace(os.sep, "/")


def is_test_name(name):
    return name.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py"))


def python_files():
    """The repo's own modules: no tests, no conftest, no build scripts."""
    return walk(lambda name: name.endswith(".py") and not is_test_name(name)
                and name not in ("conftest.py", "setup.py", "noxfile.py"))


def module_name(rel):
    parts = rel[:-3].split("/")
    if parts[0] == "src":
        parts = parts[1:]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def read(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8", errors="replace") as fh:
        return fh.read()


def import_module(name):
    import importlib
    return importlib.import_module(name)


# ---------------------------------------------------------------- finding the app

def find_app():
    """(kind, module, attr, framework) of the first app or factory, preferring factories (they isolate tests)."""
    found = []
    for rel in python_files():
        text = read(rel)
        if not re.search(r"FastAPI\(|Flask\(|def (" + "|".join(APP_FACTORIES) + r")\b", text):
            continue
        mod_name = module_name(rel)
        try:
            module = import_module(mod_name)
        except BaseException as exc:
            found.append({"error": f"{mod_name}: {type(exc).__name__}: {exc}"})
            continue
        for attr, value in sorted(vars(module).items()):
            framework = framework_of(value)
            if framework and getattr(value, "__module__", mod_name) != "flask.app":
                found.append({"kind": "module", "module": mod_name, "attr": attr, "framework": framework,
                              "file": rel})
            elif attr in APP_FACTORIES and inspect.isfunction(value) and value.__module__ == mod_name:
                found.append({"kind": "factory", "module": mod_name, "attr": attr, "framework": None, "file": rel})
    apps = [f for f in found if "kind" in f]
    apps.sort(key=lambda f: (f["kind"] != "factory", f["module"].count(".")))
    return (apps[0] if apps else None), [f["error"] for f in found if "error" in f]


def framework_of(value):
    cls_names = {c.__module__.split(".")[0] + "." + c.__name__ for c in type(value).__mro__}
    if "fastapi.FastAPI" in cls_names or ("starlette.Starlette" in cls_names and "fastapi.FastAPI" in cls_names):
        return "fastapi"
    if "flask.Flask" in cls_names:
        return "flask"
    return None


def factory_call(func, db_path):
    """Arguments that build the app for a test, and the same as source text for the generated fixture."""
    args, shown = [], []
    for param in inspect.signature(func).parameters.values():
        if param.default is not inspect.Parameter.empty or param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            name = param.name.lower()
            if any(w in name for w in ("db", "database", "path", "dsn", "url")):
                args.append(db_value(name, db_path))
                shown.append(db_source(name))
                continue
            if "config" in name or "settings" in name:
                args.append(test_config(db_path))
                shown.append("TEST_CONFIG")
            break
        name = param.name.lower()
        if "config" in name or "settings" in name:
            args.append(test_config(db_path))
            shown.append("TEST_CONFIG")
        else:
            args.append(db_value(name, db_path))
            shown.append(db_source(name))
    return args, shown


def db_value(name, db_path):
    return "sqlite:///" + db_path if "url" in name or "dsn" in name else db_path


def db_source(name):
    return 'f"sqlite:///{tmp_path / \'app.db\'}"' if "url" in name or "dsn" in name else 'str(tmp_path / "app.db")'


def test_config(db_path):
    return {"TESTING": True, "DATABASE": db_path, "SQLALCHEMY_DATABASE_URI": "sqlite:///" + db_path,
            "SECRET_KEY": "test", "WTF_CSRF_ENABLED": False}


class AppBuilder:
    def __init__(self, spec):
        self.spec = spec
        module = import_module(spec["module"])
        self.target = getattr(module, spec["attr"])
        self.counter = 0

    def build(self):
        if self.spec["kind"] == "module":
            return self.target
        self.counter += 1
        db_path = os.path.join(WORK, f"app{self.counter}.db")
        args, self.shown_args = factory_call(self.target, db_path)
        return self.target(*args)


# ---------------------------------------------------------------- credentials

def find_credentials():
    """Tokens or API keys mapped to roles in settings-like module globals."""
    creds = []
    for rel in python_files():
        if not re.search(r"token|api_key|apikey|API_KEY|TOKENS|KEYS", read(rel), re.I):
            continue
        try:
            module = import_module(module_name(rel))
        except BaseException:
            continue
        for attr, value in vars(module).items():
            if not isinstance(value, dict) or not value or attr.startswith("_"):
                continue
            if not re.search(r"token|key|cred|user", attr, re.I):
                continue
            for key, info in value.items():
                if not isinstance(key, str):
                    continue
                role = role_of(info)
                if role:
                    creds.append({"token": key, "role": role, "source": f"{module_name(rel)}.{attr}"})
    seen, unique = set(), []
    for c in creds:
        if c["token"] not in seen:
            seen.add(c["token"])
            unique.append(c)
    return unique


def role_of(info):
    text = json.dumps(info, default=str).lower() if not isinstance(info, str) else info.lower()
    for word in ROLE_WORDS:
        if word in text:
            return word
    return None


# ---------------------------------------------------------------- FastAPI

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


def field_info(name, schema, required, components):
    schema = resolve(schema, components)
    info = {"name": name, "type": schema.get("type", "string"), "required": required}
    for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "enum",
                "format", "pattern"):
        if key in schema:
            info[key] = schema[key]
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
    for route in getattr(app, "routes", []):
        for method in getattr(route, "methods", None) or []:
            endpoints[(method.upper(), getattr(route, "path", ""))] = route
    routes = []
    for path, ops in spec.get("paths", {}).items():
        for method, op in ops.items():
            if method.upper() not in ("GET", "POST", "PUT", "PATCH", "DELETE"):
                continue
            route = endpoints.get((method.upper(), path))
            dep_text = " ".join(dependency_names(getattr(route, "dependant", None))) if route else ""
            try:
                own_source = inspect.getsource(route.endpoint) if route else ""
            except (OSError, TypeError):
                own_source = ""
            params = [dict(field_info(p["name"], p.get("schema", {}), p.get("required", False), components),
                           location=p.get("in")) for p in op.get("parameters", [])]
            body = []
            content = op.get("requestBody", {}).get("content", {}).get("application/json")
            if content:
                schema = resolve(content.get("schema", {}), components)
                required = set(schema.get("required", []))
                body = [field_info(n, s, n in required, components) for n, s in schema.get("properties", {}).items()]
            security = op.get("security", spec.get("security", []))
            scheme_names = [name for item in security for name in item]
            auth = None
            if scheme_names:
                scheme = schemes.get(scheme_names[0], {})
                auth = {"type": scheme.get("type"), "scheme": scheme.get("scheme"), "in": scheme.get("in"),
                        "name": scheme.get("name")}
            key_header = next((p for p in params if p.get("location") == "header" and
                               re.search(r"api[-_]?key|token|authorization", p["name"], re.I)), None)
            if auth is None and key_header is not None:
                auth = {"type": "apiKey", "scheme": None, "in": "header", "name": key_header["name"],
                        "required_param": bool(key_header.get("required"))}
                params = [p for p in params if p is not key_header]
            role = None
            text = (dep_text + " " + own_source).lower()
            if "403" in text or "forbidden" in text:
                role = next((w for w in ("admin", "staff", "owner") if w in text), None)
            routes.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                           "params": params, "body": body, "auth": auth, "role": role,
                           "responses": sorted(op.get("responses", {}))})
    return routes


# ---------------------------------------------------------------- Flask

def flask_routes(app):
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = app.view_functions.get(rule.endpoint)
        source = ""
        try:
            source = inspect.getsource(inspect.unwrap(view)) if view else ""
            outer = inspect.getsource(view) if view else ""
        except (OSError, TypeError):
            outer = ""
        decorators = decorator_text(view)
        needs_login = bool(re.search(r"login_required|auth_required|requires_auth|token_required", decorators))
        body = [{"name": k, "type": "string", "required": True}
                for k in dict.fromkeys(re.findall(r"""(?:json|form|data|payload)\s*\[\s*['"](\w+)['"]""", source))]
        params = [{"name": name, "type": "integer" if conv == "int" else "string", "required": True,
                   "location": "path"} for conv, name in re.findall(r"<(?:(\w+):)?(\w+)>", rule.rule)]
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
            routes.append({"method": method, "path": path, "summary": (view.__doc__ or "").strip() if view else "",
                           "params": params, "body": body if method in ("POST", "PUT", "PATCH") else [],
                           "auth": {"type": "session"} if needs_login else None,
                           "role": "admin" if needs_login and re.search(r"admin", source + outer, re.I) and "403"
                           in source else None, "responses": []})
    return routes


def decorator_text(view):
    if view is None:
        return ""
    try:
        func = inspect.unwrap(view)
        source_file = inspect.getsourcefile(func)
        with open(source_file, encoding="utf-8") as fh:
            tree = ast.parse(fh.read())
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == func.__name__:
                return " ".join(ast.unparse(d) for d in node.decorator_list)
    except (OSError, TypeError, SyntaxError):
        pass
    return ""


# ---------------------------------------------------------------- characterisation

def sample(field, index=0):
    kind, name = field.get("type"), field["name"].lower()
    if "enum" in field:
        return field["enum"][0]
    if kind == "integer":
        low = field.get("minimum", field.get("exclusiveMinimum", 0) + 1 if "exclusiveMinimum" in field else 1)
        return max(int(low), 1) + index if name.endswith("id") else int(max(low, min(2, field.get("maximum", 2))))
    if kind == "number":
        low = field.get("minimum", 1.0)
        return float(max(low, min(9.99, field.get("maximum", 9.99))))
    if kind == "boolean":
        return True
    if kind == "array":
        return []
    if kind == "object":
        return {}
    if "email" in name or field.get("format") == "email":
        return "user@example.com"
    text = name.replace("_", "-") + "-1"
    if "minLength" in field:
        text = text.ljust(field["minLength"], "x")
    if "maxLength" in field:
        text = text[: field["maxLength"]]
    return text


def auth_headers(auth, token):
    if not auth or token is None:
        return {}
    if auth.get("type") == "apiKey" and auth.get("in") == "header":
        return {auth.get("name") or "X-API-Key": token}
    return {"Authorization": f"Bearer {token}"}


def pick_token(creds, role):
    if not creds:
        return None
    if role:
        match = [c for c in creds if c["role"] == role]
        return match[0]["token"] if match else None
    non_admin = [c for c in creds if c["role"] != "admin"]
    return (non_admin or creds)[0]["token"]


OWNER_FIELDS = ("owner", "owner_id", "customer", "customer_id", "user", "user_id", "username", "author",
                "author_id", "created_by", "account", "account_id")


def same_role_other_token(creds, token):
    """A second credential with the same role as `token`: another user who should not see the first one's data."""
    role = next((c["role"] for c in creds if c["token"] == token), None)
    others = [c["token"] for c in creds if c["role"] == role and c["token"] != token]
    return others[0] if others else None


def owned(created, body):
    """True when the server stamped the created record with its owner (a field the client did not send)."""
    return isinstance(created, dict) and any(
        key.lower() in OWNER_FIELDS and key not in (body or {}) and created[key] not in (None, "") for key in created)


def other_role_token(creds, role):
    others = [c for c in creds if c["role"] != role]
    return others[0]["token"] if others else None


def characterise(builder, framework, routes, creds):
    if framework == "fastapi":
        from fastapi.testclient import TestClient

        def client():
            return TestClient(builder.build())
    else:
        def client():
            app = builder.build()
            app.config["TESTING"] = True
            return app.test_client()

    def call(c, method, path, body=None, headers=None):
        kwargs = {"headers": headers or {}}
        if body is not None:
            kwargs["json"] = body
        resp = c.open(path, method=method, **kwargs) if framework == "flask" else c.request(method, path, **kwargs)
        try:
            data = resp.get_json() if framework == "flask" else resp.json()
        except Exception:
            data = None
        return resp.status_code, data

    creates = {}
    for route in sorted(routes, key=lambda r: (r["method"] != "POST", r["path"])):
        token = pick_token(creds, route["role"]) if route["auth"] else None
        headers = auth_headers(route["auth"], token)
        result = {"token": token, "ok": None}
        try:
            if route["auth"] and route["auth"].get("type") != "session":
                status, _ = call(client(), route["method"], fill_path(route["path"], 1))
                result["unauth_status"] = status
            if route["method"] == "POST" and "{" not in route["path"]:
                for attempt in range(3):
                    body = {f["name"]: sample(f, attempt) for f in route["body"]}
                    status, data = call(client(), "POST", route["path"], body, headers)
                    if 200 <= status < 300:
                        result["ok"] = {"body": body, "status": status, "response": data}
                        creates[route["path"]] = (body, headers, data)
                        result["related"] = related_effects(client, call, route, body, headers, routes, creds)
                        break
                else:
                    result["ok_failed_status"] = status
            elif route["method"] in ("GET", "DELETE", "PUT", "PATCH"):
                c = client()
                path, setup = route["path"], None
                if "{" in path:
                    collection = path.rsplit("/{", 1)[0]
                    if collection in creates:
                        body, create_headers, _ = creates[collection]
                        status, data = call(c, "POST", collection, body, create_headers)
                        new_id = data.get("id") if isinstance(data, dict) else None
                        if new_id is None:
                            raise LookupError("created resource has no id")
                        setup = {"path": collection, "body": body, "id_field": "id"}
                        path = fill_path(path, new_id)
                    else:
                        path = fill_path(path, 1)
                payload = None
                if route["method"] in ("PUT", "PATCH"):
                    payload = {f["name"]: sample(f) for f in route["body"]}
                if setup and token and route["auth"].get("type") != "session":
                    result["other_user"] = other_user_status(client, call, route, setup, creates, creds, token,
                                                             payload)
                status, data = call(c, route["method"], path, payload, headers)
                if 200 <= status < 300:
                    result["ok"] = {"status": status, "setup": setup, "body": payload,
                                    "response_is_list": isinstance(data, list),
                                    "response_keys": sorted(data)[:20] if isinstance(data, dict) else []}
                else:
                    result["ok_failed_status"] = status
                if "{" in route["path"]:
                    status, _ = call(client(), route["method"], fill_path(route["path"], 999999), payload, headers)
                    result["missing_status"] = status
        except Exception as exc:
            result["error"] = f"{type(exc).__name__}: {exc}"
        route["observed"] = result


def related_effects(client, call, route, body, headers, routes, creds):
    """Numbers on a referenced record (`product_id` -> GET /products) that a create changes, e.g. stock taken.

    When the change equals a numeric field of the request (quantity), also what the app answers when that
    field asks for more than is left: the limit a create must respect.
    """
    effects = []
    for ref in (f["name"] for f in route["body"] if f["name"].endswith("_id") and f["name"] != "id"):
        listing = next((r for r in routes if r["method"] == "GET" and "{" not in r["path"]
                        and r["path"].rstrip("/").rsplit("/", 1)[-1] in (ref[:-3] + "s", ref[:-3] + "es")), None)
        if listing is None or not isinstance(body.get(ref), int):
            continue
        c = client()
        list_headers = auth_headers(listing["auth"], pick_token(creds, listing["role"])) if listing["auth"] else {}

        def record(listing=listing, list_headers=list_headers, c=c, ref=ref):
            _, data = call(c, "GET", listing["path"], None, list_headers)
            items = data if isinstance(data, list) else []
            return next((i for i in items if isinstance(i, dict) and i.get("id") == body[ref]), None)

        before = record()
        status, _ = call(c, "POST", route["path"], body, headers)
        after = record()
        if not (before and after and 200 <= status < 300):
            continue
        for key, old in before.items():
            new = after.get(key)
            if type(old) is not int or type(new) is not int or new == old:
                continue
            effect = {"listing": listing["path"], "listing_token": pick_token(creds, listing["role"])
                      if listing["auth"] else None, "ref": ref, "field": key, "delta": new - old}
            amount = next((f for f, v in body.items() if type(v) is int and f != ref and v == old - new), None)
            if amount:
                over = dict(body, **{amount: new + 1})
                effect["amount_field"] = amount
                effect["over_status"], _ = call(c, "POST", route["path"], over, headers)
            effects.append(effect)
    return effects


def other_user_status(client, call, route, setup, creates, creds, token, payload):
    """What another user of the same role gets for a record the first one created (None: nothing to compare)."""
    other = same_role_other_token(creds, token)
    if other is None:
        return None
    body, create_headers, _ = creates[setup["path"]]
    c = client()
    status, created = call(c, "POST", setup["path"], body, create_headers)
    if not (200 <= status < 300) or not owned(created, body) or "id" not in created:
        return None
    status, _ = call(c, route["method"], fill_path(route["path"], created["id"]), payload,
                     auth_headers(route["auth"], other))
    return {"token": other, "status": status}


def fill_path(path, value):
    return re.sub(r"\{[^}]+\}", str(value), path)


# ---------------------------------------------------------------- plain modules

# The first value is the base call; each other value varies one argument. 100 reaches caps and limits; a
# half-cent makes money code say how it rounds.
TYPICAL = {"int": [2, 0, -1, 100], "float": [2.5, 0.0, -1.0, 100.0], "str": ["abc", ""], "bool": [True, False],
           "Decimal": [Decimal("2.345"), Decimal("0"), Decimal("-1"), Decimal("100")]}


def encode(value):
    """JSON for the values the probe passes and pins: Decimals are tagged so tests can rebuild them exactly."""
    if isinstance(value, Decimal):
        return {"__decimal__": str(value)}
    raise TypeError(f"{type(value).__name__} is not a plain value")


def pure_functions(limit=40):
    out = []
    for rel in python_files():
        try:
            tree = ast.parse(read(rel))
        except SyntaxError:
            continue
        defs = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")}
        names = list(defs)
        if not names:
            continue
        try:
            module = import_module(module_name(rel))
        except BaseException:
            continue
        for name in names:
            func = getattr(module, name, None)
            if not inspect.isfunction(func):
                continue
            params = list(inspect.signature(func).parameters.values())
            kinds = [annotation_kind(p.annotation) for p in params]
            if not params or None in kinds or len(params) > 4:
                UNCALLABLE.append({"module": module_name(rel), "file": rel, "name": name,
                                   "reason": uncallable_reason(params, kinds)})
                continue
            cases = []
            base = [TYPICAL[k][0] for k in kinds]
            variants = [list(base)]
            for i, kind in enumerate(kinds):
                for value in TYPICAL[kind][1:]:
                    args = list(base)
                    args[i] = value
                    variants.append(args)
            opaque = set()
            for args in variants:
                try:
                    value = func(*args)
                except (TypeError, ValueError, ZeroDivisionError, KeyError, ArithmeticError) as exc:
                    cases.append({"args": args, "raises": type(exc).__name__, "message": str(exc)[:80]})
                    continue
                try:
                    json.dumps(value, default=encode)
                except (TypeError, ValueError):
                    opaque.add(type(value).__name__)  # a connection, a client...: nothing literal to pin
                    continue
                cases.append({"args": args, "returns": value})
            if not cases:
                why = f"it returns {', '.join(sorted(opaque))} objects, not plain values"
                UNCALLABLE.append({"module": module_name(rel), "file": rel, "name": name, "reason": why})
                continue
            out.append({"module": module_name(rel), "file": rel, "name": name,
                        "params": [p.name for p in params], "kinds": kinds, "cases": cases,
                        "thresholds": thresholds(defs[name]),
                        "doc": (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else ""})
            if len(out) >= limit:
                return out
    return out


def thresholds(node):
    """Numbers the function compares against or caps with: the boundaries a good test pins."""
    found = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Compare) or (isinstance(sub, ast.Call) and getattr(sub.func, "id", "") in
                                              ("min", "max")):
            for leaf in ast.walk(sub):
                if isinstance(leaf, ast.Constant) and type(leaf.value) in (int, float) and leaf.value not in (0, 1):
                    found.add(leaf.value)
    return sorted(found)


UNCALLABLE = []
"""Public functions the probe could not call with typical values, and why (filled by pure_functions)."""


def uncallable_reason(params, kinds):
    if not params:
        return "it takes no arguments, so there is nothing to vary"
    if len(params) > 4:
        return f"it takes {len(params)} arguments"
    needs = [f"{p.name}: {type_label(p.annotation)}" for i, p in enumerate(params) if kinds[i] is None]
    return "it needs arguments the offline engine cannot build (" + ", ".join(needs) + ")"


def type_label(annotation):
    if annotation is inspect.Parameter.empty:
        return "no annotation"
    if isinstance(annotation, type):
        module = annotation.__module__
        return annotation.__qualname__ if module == "builtins" else f"{module}.{annotation.__qualname__}"
    return str(annotation)


def test_files():
    """The repo's existing test files (generated files must never overwrite one)."""
    return list(walk(is_test_name, SKIP_DIRS - {"tests", "test"}))


def assay_files(paths):
    """The test files among `paths` that an earlier offline run wrote (their docstring says so): a rerun updates
    such a file in place instead of adding a near-identical sibling."""
    marker = "Written by assay's offline engine"
    return [rel for rel in paths if rel.endswith(".py") and marker in read(rel)[:2000]]


def annotation_kind(annotation):
    names = {int: "int", float: "float", str: "str", bool: "bool", "int": "int", "float": "float", "str": "str",
             "bool": "bool", Decimal: "Decimal", "Decimal": "Decimal", "decimal.Decimal": "Decimal"}
    return names.get(annotation)


# ---------------------------------------------------------------- existing fixtures

def conftest_fixtures():
    """Fixture names defined in the repo's conftest.py files, by folder ("" for the root)."""
    found = {}
    for rel in walk(lambda name: name == "conftest.py", {"venv", "node_modules", "__pycache__"}):
        names = re.findall(r"@pytest\.fixture[^\n]*\n(?:\s*@[^\n]*\n)*\s*(?:async\s+)?def\s+(\w+)", read(rel))
        found[os.path.dirname(rel)] = names
    return found


# ---------------------------------------------------------------- main

def main():
    sys.path[:0] = [ROOT, os.path.join(ROOT, "src")]
    os.chdir(WORK)
    inventory = {"root": ROOT, "app": None, "routes": [], "credentials": [], "functions": [], "errors": [],
                 "fixtures": conftest_fixtures()}
    spec, errors = find_app()
    inventory["errors"] += errors
    if spec:
        try:
            builder = AppBuilder(spec)
            app = builder.build()
            spec["framework"] = spec["framework"] or framework_of(app)
            spec["factory_args"] = getattr(builder, "shown_args", [])
            inventory["app"] = spec
            routes = fastapi_routes(app) if spec["framework"] == "fastapi" else flask_routes(app)
            inventory["credentials"] = find_credentials()
            characterise(builder, spec["framework"], routes, inventory["credentials"])
            inventory["routes"] = routes
        except Exception:
            inventory["errors"].append(traceback.format_exc(limit=3))
    if not spec or os.environ.get("ASSAY_PROBE_FUNCTIONS"):
        inventory["functions"] = pure_functions()
        inventory["uncallable"] = UNCALLABLE
    inventory["test_files"] = test_files()
    inventory["assay_files"] = assay_files(inventory["test_files"])
    print(BEGIN)
    print(json.dumps(inventory, default=lambda v: encode(v) if isinstance(v, Decimal) else str(v)))
    print(END)


if __name__ == "__main__":
    main()

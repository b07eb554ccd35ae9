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
import itertools
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
CLIENTS = contextlib.ExitStack()
SETUPS = iter(range(3, 10**6))
"""Tags that make each setup record distinct (unique keys, unique names)."""


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
    """Arguments that build the app for a test, and the same as source text for the generated fixture.

    Required parameters always get a value; optional ones only when they name a database, a config mapping or a
    key/secret (apps that refuse to start unconfigured)."""
    args, shown = {}, []
    for param in inspect.signature(func).parameters.values():
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        name = param.name.lower()
        optional = param.default is not inspect.Parameter.empty
        if "config" in name or "settings" in name:
            args[param.name], text = test_config(db_path), "TEST_CONFIG"
        elif any(w in name for w in ("db", "database", "path", "dsn", "url")):
            args[param.name], text = db_value(name, db_path), db_source(name)
        elif SECRET_NAME.search(name):
            args[param.name] = text_value = "test-" + name.replace("_", "-")
            text = py_literal(text_value)
            FACTORY_SECRETS.append({"token": text_value, "role": "admin" if "admin" in name else "user",
                                    "source": f"{func.__module__}.{func.__name__}({param.name}=...)"})
        elif optional:
            continue
        else:
            args[param.name], text = "test", '"test"'
        shown.append(f"{param.name}={text}")
    return args, shown


SECRET_NAME = re.compile(r"key|token|secret|password")
FACTORY_SECRETS = []
"""Keys the probe passed to the app factory: the credentials its tests use."""


def py_literal(text):
    return json.dumps(text)


def db_value(name, db_path):
    return "sqlite:///" + db_path if "url" in name or "dsn" in name else db_path


def db_source(name):
    return 'f"sqlite:///{tmp_path / \'app.db\'}"' if "url" in name or "dsn" in name else 'str(tmp_path / "app.db")'


def test_config(db_path):
    return {"TESTING": True, "DATABASE": db_path, "SQLALCHEMY_DATABASE_URI": "sqlite:///" + db_path,
            "SECRET_KEY": "test", "WTF_CSRF_ENABLED": False}


class AppBuilder:
    """Builds the app the way a maintainer's conftest would: test config and keys, a temporary database with the
    app's own schema set-up, and (for Flask) an instance folder outside the repo."""

    def __init__(self, spec):
        self.spec = spec
        module = import_module(spec["module"])
        self.target = getattr(module, spec["attr"])
        self.counter = 0
        self.shown_args = []
        self.databases = find_databases()
        self.swapped = None
        self.setup_commands = []
        self.state = module_state()

    def fresh(self):
        """Start the next client on an empty store (module apps: a new database, module state as imported)."""
        if self.spec["kind"] == "factory":
            return True
        if self.databases["engines"]:
            self.counter += 1
            self.swapped = swap_databases(self.databases, os.path.join(WORK, f"fresh{self.counter}.db"))
            return True
        restore_module_state(self.state)
        return bool(self.state)

    def build(self):
        self.counter += 1
        db_path = os.path.join(WORK, f"app{self.counter}.db")
        if self.databases["engines"] and (self.swapped is None or self.spec["kind"] == "factory"):
            self.swapped = swap_databases(self.databases, db_path)
        if self.spec["kind"] == "module":
            app = self.target
        else:
            FACTORY_SECRETS.clear()
            kwargs, self.shown_args = factory_call(self.target, db_path)
            app = self.target(**kwargs)
        if framework_of(app) == "flask":
            self.setup_commands = run_setup_commands(app)
        return app


def repo_modules():
    """The repo's own imported modules (not the interpreter's nor a virtualenv's)."""
    for name, module in sorted(sys.modules.items()):
        path = getattr(module, "__file__", None) or ""
        if path.startswith(ROOT + os.sep) and not re.search(r"[/\\](site-packages|\.?venv|\.tox)[/\\]", path):
            yield name, module


def sqlalchemy_kind(value):
    """The SQLAlchemy class name of `value` (`Engine`, `sessionmaker`, `MetaData`), or None."""
    for cls in type(value).__mro__:
        if cls.__module__.startswith("sqlalchemy."):
            return cls.__name__
    return None


def find_databases():
    """Module-level SQLAlchemy engines, session factories and table metadata of the repo's modules."""
    found = {"engines": [], "sessionmakers": [], "metadata": []}
    seen = set()
    for name, module in repo_modules():
        for attr, value in sorted(vars(module).items()):
            if attr.startswith("__"):
                continue
            kind = sqlalchemy_kind(value)
            if kind == "Engine":
                found["engines"].append({"module": name, "attr": attr})
            elif kind == "sessionmaker":
                found["sessionmakers"].append({"module": name, "attr": attr})
            if kind == "MetaData":
                meta, where = value, attr
            elif isinstance(value, type):
                meta, where = getattr(value, "metadata", None), attr + ".metadata"
            else:
                meta, where = None, None
            if meta is not None and sqlalchemy_kind(meta) == "MetaData" and id(meta) not in seen and meta.tables:
                seen.add(id(meta))
                found["metadata"].append({"module": name, "attr": where})
    return found


def swap_databases(databases, db_path):
    """Point every module-level engine and session factory at a temporary SQLite file and create the tables."""
    from sqlalchemy import create_engine

    engine = create_engine("sqlite:///" + db_path, connect_args={"check_same_thread": False})
    for ref in databases["engines"]:
        setattr(sys.modules[ref["module"]], ref["attr"], engine)
    for ref in databases["sessionmakers"]:
        getattr(sys.modules[ref["module"]], ref["attr"]).kw["bind"] = engine
    for ref in databases["metadata"]:
        value = sys.modules[ref["module"]]
        for part in ref["attr"].split("."):
            value = getattr(value, part)
        value.create_all(engine)
    return engine


CONTAINER_TYPES = (dict, list, set)
MUTATORS = {"append", "add", "update", "clear", "pop", "popitem", "setdefault", "extend", "insert", "remove",
            "discard"}


def module_state():
    """Module-level containers (dict, list, set) that the repo's functions change: the store of an app with no
    database. Each with a copy of its import-time value."""
    import copy

    found = []
    for name, module in repo_modules():
        try:
            tree = ast.parse(inspect.getsource(module))
        except (OSError, TypeError, SyntaxError):
            continue
        changed_names = set()
        for func in ast.walk(tree):
            if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for node in ast.walk(func):
                target = None
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in MUTATORS:
                    target = node.func.value
                elif isinstance(node, (ast.Assign, ast.Delete)):
                    target = next((t.value for t in node.targets if isinstance(t, ast.Subscript)), None)
                while isinstance(target, ast.Subscript):
                    target = target.value
                if isinstance(target, ast.Name):
                    changed_names.add(target.id)
        for attr in sorted(changed_names):
            value = getattr(module, attr, None)
            if type(value) in CONTAINER_TYPES:
                try:
                    found.append({"module": name, "attr": attr, "initial": copy.deepcopy(value)})
                except Exception:
                    continue
    return found


def restore_module_state(state):
    import copy

    for ref in state:
        setattr(sys.modules[ref["module"]], ref["attr"], copy.deepcopy(ref["initial"]))


SETUP_COMMAND = re.compile(r"^(init|create|setup|make)[-_]?(db|database|tables|schema)$|^(initdb|createdb)$")


def run_setup_commands(app):
    """Run the app's own schema set-up CLI commands (`flask init-db`), as its test suite would."""
    names = [name for name in sorted(getattr(app.cli, "commands", {})) if SETUP_COMMAND.match(name.lower())]
    runner = app.test_cli_runner()
    done = []
    for name in names:
        with app.app_context():
            result = runner.invoke(args=[name])
        if result.exit_code == 0:
            done.append(name)
    return done


def env_reads():
    """Environment variables the repo reads without a default (`os.environ["X"]`, `getenv("X")`), by name."""
    names = {}
    for rel in python_files():
        try:
            tree = ast.parse(read(rel))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            key = None
            if isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("environ"):
                key = node.slice
            elif isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords and (
                    ast.unparse(node.func).endswith(("environ.get", "getenv"))):
                key = node.args[0]
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                names[key.value] = test_value(key.value)
    return names


def test_value(name):
    """A test value for a setting, from its name (kind `url`, `path` or `text`): databases point at a temporary
    file, the rest is a recognisable test string."""
    lowered = name.lower()
    if re.search(r"database_url|db_url|dsn|database_uri|sqlalchemy", lowered):
        return {"kind": "url", "value": "env.db"}
    if re.search(r"path|dir|file|folder", lowered) or lowered in ("database", "db"):
        return {"kind": "path", "value": re.sub(r"\W+", "_", lowered)}
    if set(re.split(r"[^a-z0-9]+", lowered)) & {"port", "timeout", "ttl", "size", "limit", "max", "min", "count"}:
        return {"kind": "text", "value": "10"}
    return {"kind": "text", "value": "test-" + re.sub(r"[^a-z0-9]+", "-", lowered).strip("-")}


def apply_env(names):
    """Set the settings the repo reads and the environment lacks; returns the ones set."""
    applied = {}
    for name, spec in names.items():
        if name in os.environ or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            continue
        value = spec["value"]
        if spec["kind"] == "url":
            value = "sqlite:///" + os.path.join(WORK, value)
        elif spec["kind"] == "path":
            value = os.path.join(WORK, value)
        os.environ[name] = value
        applied[name] = spec
    return applied


def relocate_instance_path():
    """Flask's instance folder defaults to one inside the repo (read-only in the sandbox): move it to WORK."""
    with contextlib.suppress(ImportError):
        import flask

        flask.Flask.auto_find_instance_path = lambda self: os.path.join(WORK, "instance")


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
                if role is None and isinstance(info, str) and re.search(r"token|key", attr, re.I):
                    role = "user"  # a token map whose values are user names: every token a user of its own
                if role:
                    creds.append({"token": key, "role": role, "source": f"{module_name(rel)}.{attr}"})
    seen, unique = set(), []
    for c in creds:
        if c["token"] not in seen:
            seen.add(c["token"])
            unique.append(c)
    return unique


def constant_tokens(routes):
    """Header tokens the routes compare with constants, as credentials of a plain user."""
    seen, out = set(), []
    for route in routes:
        for cand in (route.get("auth") or {}).get("candidates", []):
            if cand["token"] not in seen:
                seen.add(cand["token"])
                out.append({"token": cand["token"], "role": "user", "source": cand["source"], "candidate": True})
    return out[:1]


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
                        "required_param": bool(key_header.get("required")),
                        "candidates": token_candidates(route_callables(route)) if route else []}
                params = [p for p in params if p is not key_header]
            role = None
            text = (dep_text + " " + own_source).lower()
            if "403" in text or "forbidden" in text:
                role = next((w for w in ("admin", "staff", "owner") if w in text), None)
            routes.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                           "params": params, "body": body, "auth": auth, "role": role,
                           "limits": code_limits(route.endpoint) if route else [],
                           "normalises": normalises(route.endpoint) if route else False,
                           "responses": sorted(op.get("responses", {}))})
    return routes


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
    return [c for c in out if not (c["token"] in seen or seen.add(c["token"]))][:5]


def textwrap_dedent(text):
    import textwrap

    return textwrap.dedent(text)


# ---------------------------------------------------------------- Flask

def flask_routes(app):
    routes, seen = [], set()
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
        inputs = view_inputs(source, view)
        body = inputs["body"]
        params = [{"name": name, "type": "integer" if conv == "int" else "string", "required": True,
                   "location": "path"} for conv, name in re.findall(r"<(?:(\w+):)?(\w+)>", rule.rule)]
        params += inputs["query"]
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
            if (method, path) in seen:
                continue
            seen.add((method, path))
            routes.append({"method": method, "path": path, "summary": (view.__doc__ or "").strip() if view else "",
                           "params": params, "body": body if method in ("POST", "PUT", "PATCH") else [],
                           "body_kind": inputs["kind"], "messages": inputs["messages"],
                           "auth_header": None if needs_login else credential_header(view),
                           "limits": code_limits(view), "normalises": normalises(view),
                           "module": getattr(inspect.unwrap(view), "__module__", "") if view else "",
                           "auth": {"type": "session"} if needs_login else None,
                           "role": "admin" if needs_login and re.search(r"admin", source + outer, re.I) and "403"
                           in source else None, "responses": []})
    return routes


CREDENTIAL_HEADER = re.compile(r"""headers(?:\.get\(|\[)\s*['"]([\w-]*(?:key|token|auth)[\w-]*)['"]""", re.I)


def credential_header(view):
    """The credential header (`X-API-Key`, `Authorization`) the module of `view` reads, if any."""
    if view is None:
        return None
    module = sys.modules.get(getattr(inspect.unwrap(view), "__module__", ""), None)
    try:
        text = inspect.getsource(module) if module else ""
    except (OSError, TypeError):
        return None
    match = CREDENTIAL_HEADER.search(text)
    return match.group(1) if match else None


def json_helpers(tree, view, json_names):
    """Module functions the view hands its JSON body to (`_parse(data)`), each with the parameter it lands in."""
    names = getattr(inspect.unwrap(view), "__globals__", {}) if view is not None else {}
    out = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        helper = names.get(node.func.id)
        if not inspect.isfunction(helper) or helper is view:
            continue
        params = list(inspect.signature(helper).parameters)
        for index, arg in enumerate(node.args[:len(params)]):
            if (isinstance(arg, ast.Name) and arg.id in json_names) or re.match(
                    r"request\.(get_json\(|json\b)", ast.unparse(arg)):
                out.append((helper, params[index]))
    return out[:3]


JSON_TYPES = {"bool": "boolean", "int": "integer", "float": "number", "str": "string", "list": "array",
              "dict": "object"}


def checked_types(tree):
    """Body keys whose type the code checks (`isinstance(data["done"], bool)`, via a name bound to the key)."""
    bound = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            key = re.search(r"""(?:\[|\.get\()\s*['"](\w+)['"]""", ast.unparse(node.value))
            if key:
                bound[node.targets[0].id] = key.group(1)
    types = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "isinstance" and len(node.args) == 2:
            subject, kind = node.args
            key = bound.get(subject.id) if isinstance(subject, ast.Name) else None
            match = re.search(r"""(?:\[|\.get\()\s*['"](\w+)['"]""", ast.unparse(subject))
            key = key or (match.group(1) if match else None)
            names = [kind] if isinstance(kind, ast.Name) else list(kind.elts) if isinstance(kind, ast.Tuple) else []
            first = next((JSON_TYPES[n.id] for n in names if isinstance(n, ast.Name) and n.id in JSON_TYPES), None)
            if key and first and key not in types:
                types[key] = first
    return types


def view_inputs(source, view=None, json_params=()):
    """What a Flask view reads from the request, from its AST: form or JSON body fields (required when indexed,
    optional through .get), query arguments, and the messages it can answer with (flash, abort, error texts)."""
    found = {"form": {}, "json": {}, "query": {}}
    messages = []
    try:
        tree = ast.parse(textwrap_dedent(source))
    except (SyntaxError, ValueError):
        return {"kind": "json", "body": [], "query": [], "messages": []}
    json_names = {"json", *json_params}
    optional, guarded = {}, set()
    for node in ast.walk(tree):  # `data = request.get_json()` makes `data[...]` a JSON read
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            text = ast.unparse(node.value)
            if re.search(r"request\.(get_json\(|json\b)", text):
                json_names.add(node.targets[0].id)
    for node in ast.walk(tree):
        where, key, required = None, None, False
        if isinstance(node, ast.Subscript):
            base = ast.unparse(node.value)
            key, required = node.slice, True
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "get", "getlist") and node.args:
            base = ast.unparse(node.func.value)
            key = node.args[0]
        else:
            base = ""
        if base.endswith("request.form") or base == "form":
            where = "form"
        elif base.endswith("request.args"):
            where = "query"
        elif re.search(r"request\.(get_json\(.*\)|json)$", base) or base in json_names:
            where = "json"
        if where and isinstance(key, ast.Constant) and isinstance(key.value, str):
            optional.setdefault(where, set())
            if not required:
                optional[where].add(key.value)
            found[where][key.value] = found[where].get(key.value, True) and required
        if isinstance(node, ast.Compare) and any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops) and \
                isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
            guarded.add(node.left.value)  # `if "due" in data`: a key the code expects may be absent
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(
                r"[A-Z][\w ,'!-]{3,}[.!]", node.value) and " " in node.value:
            messages.append(node.value)
        elif isinstance(node, ast.JoinedStr):
            parts = [v.value.strip() for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
            messages += [part for part in parts if len(part) >= 8 and " " in part]
    for where in found:  # a key read with .get() or tested with `in` anywhere is optional
        for key in list(found[where]):
            if key in guarded or key in optional.get(where, set()):
                found[where][key] = False
    helper_types = {}
    for helper, param in json_helpers(tree, view, json_names):
        try:
            inner = view_inputs(inspect.getsource(helper), helper, (param,))
        except (OSError, TypeError):
            continue
        for f in inner["body"]:
            found["json"].setdefault(f["name"], f["required"])
            helper_types.setdefault(f["name"], f["type"])
        messages += inner["messages"]
    kind = "form" if found["form"] else "json"
    types = {**{k: v for k, v in helper_types.items() if v != "string"}, **checked_types(tree)}
    body = [{"name": k, "type": types.get(k, "string"), "required": r} for k, r in found[kind].items()]
    query = [{"name": k, "type": "string", "required": r, "location": "query"} for k, r in found["query"].items()]
    return {"kind": kind, "body": body, "query": query, "messages": list(dict.fromkeys(messages))}


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

PATTERNS = {}
"""Field name -> the regex its samples were generated for (`vary` keeps new values matching)."""


def pattern_example(pattern, index=0):
    """The `index`-th string matching a simple regex (character classes, literals, {n}, +, ?), or None."""
    body = pattern.removeprefix("^").removesuffix("$")
    classes = {"\\d": "0123456789", "[0-9]": "0123456789", "[A-Z]": "ABCDEFGHIJ", "[a-z]": "abcdefghij",
               "\\w": "abcdefghij", "[a-zA-Z]": "abcdefghij", "[A-Za-z]": "ABCDEFGHIJ", "[a-z0-9]": "abcdefgh01",
               "[A-Z0-9]": "ABCDEFGH01"}
    out, pos, counter = [], 0, index + 1
    token = re.compile(r"(\\d|\\w|\[[^\]]+\]|\\.|[^\\\[\](){}+*?|^$.])(\{(\d+)(?:,(\d*))?\}|\+|\?|\*)?")
    while pos < len(body):
        match = token.match(body, pos)
        if not match:
            return None
        atom, _, low, _ = match.groups()
        quant = match.group(2) or ""
        count = int(low) if low else (1 if quant in ("", "+") else 0 if quant in ("?", "*") else 1)
        if atom in classes:
            chars = classes[atom]
            for _ in range(count):
                out.append(chars[counter % len(chars)])
                counter //= len(chars)
        elif atom.startswith("["):
            return None
        else:
            out.append(atom[-1] * count)
        pos = match.end()
    text = "".join(out)
    try:
        return text if re.fullmatch(pattern, text) else None
    except re.error:
        return None


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
    if "pattern" in field:
        example = pattern_example(field["pattern"], index)
        if example is not None:
            PATTERNS[field["name"]] = field["pattern"]
            return example
    if "email" in name or field.get("format") == "email":
        return "user@example.com"
    if field.get("format") in ("uri", "url") or re.search(r"(^|_)(url|uri|link|website|homepage)$", name):
        return "https://example.com/page-1"
    if field.get("format") == "date" or re.search(r"(^|_)(date|due|day|birthday)$|_on$", name):
        return "2030-01-15"
    if field.get("format") == "date-time" or name.endswith("_at"):
        return "2030-01-15T10:00:00"
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

        opened = {}

        def client():
            app = builder.build()
            if id(app) not in opened:  # entering runs the app's startup events / lifespan, as `with` does in tests
                opened[id(app)] = CLIENTS.enter_context(TestClient(app))
            return opened[id(app)]
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

    calibrate_auth(client, call, routes, creds)
    creates = {}
    for route in sorted(routes, key=lambda r: (r["method"] != "POST", r["path"])):
        token = pick_token(creds, route["role"]) if route["auth"] else None
        headers = auth_headers(route["auth"], token)
        result = {"token": token, "ok": None}
        try:
            if route["auth"] and route["auth"].get("type") != "session":
                status, _ = call(client(), route["method"], fill_path(route["path"], 1))
                result["unauth_status"] = status
                if token:
                    wrong = {k: "wrong-" + v[-6:] for k, v in headers.items()}
                    body = {f["name"]: sample(f) for f in route["body"]} if route["body"] else None
                    status, _ = call(client(), route["method"], fill_path(route["path"], 1), body, wrong)
                    result["wrong_token_status"] = status
                    partial = {k: v[:-2] for k, v in headers.items() if len(v) > 4}
                    status, _ = call(client(), route["method"], fill_path(route["path"], 1), body, partial)
                    if status == result["wrong_token_status"]:
                        result["partial_token"] = True
            if route["method"] == "POST" and "{" not in route["path"]:
                for attempt in range(3):
                    body = {f["name"]: sample(f, attempt) for f in route["body"]}
                    status, data = call(client(), "POST", route["path"], body, headers)
                    if 200 <= status < 300:
                        result["ok"] = {"body": body, "status": status, "response": data}
                        creates[route["path"]] = (body, headers, data)
                        result["related"] = related_effects(client, call, route, body, headers, routes, creds)
                        with contextlib.suppress(Exception):
                            json_web_probes(client, call, route, body, headers, creds, result)
                        twice, same = vary(body, "2"), client()  # one app: a factory's next app is a new store
                        first, _ = call(same, "POST", route["path"], twice, headers)
                        again, _ = call(same, "POST", route["path"], twice, headers)
                        if 200 <= first < 300 and not 200 <= again < 300:
                            result["duplicate_status"] = again
                        break
                else:
                    result["ok_failed_status"] = status
            elif route["method"] in ("GET", "DELETE", "PUT", "PATCH", "POST"):
                c = client()
                path, setup = route["path"], None
                if "{" in path:
                    collection = path.rsplit("/{", 1)[0]
                    collection = collection if collection in creates else collection + "/"
                    if collection in creates:
                        body, create_headers, _ = creates[collection]
                        body = vary(body, str(next(SETUPS)))
                        status, data = call(c, "POST", collection, body, create_headers)
                        id_field = id_key(path, data)
                        if id_field is None:
                            raise LookupError("created resource has no id")
                        new_id = data[id_field]
                        setup = {"path": collection, "body": body, "id_field": id_field}
                        path = fill_path(path, new_id)
                    else:
                        path = fill_path(path, 1)
                payload = None
                if route["method"] in ("PUT", "PATCH"):
                    payload = {f["name"]: changed(f, sample(f)) for f in route["body"]}
                elif route["method"] == "POST":
                    payload = {f["name"]: sample(f) for f in route["body"]}
                if setup and token and route["auth"].get("type") != "session":
                    result["other_user"] = other_user_status(client, call, route, setup, creates, creds, token,
                                                             payload)
                status, data = call(c, route["method"], path, payload, headers)
                if 200 <= status < 300:
                    result["ok"] = {"status": status, "setup": setup, "body": payload,
                                    "response_is_list": isinstance(data, list), "items_key": listed(data)[1],
                                    "response_keys": sorted(data)[:20] if isinstance(data, dict) else []}
                    if setup and route["method"] == "POST":
                        again, _ = call(c, "POST", path, payload, headers)
                        if again != status:
                            result["again_status"] = again
                    if setup and route["method"] in ("PUT", "PATCH"):
                        result["update_effects"] = update_effects(client, call, route, routes, creates, creds,
                                                                  headers)
                    if route["method"] == "GET" and "{" not in route["path"] and listed(data)[0] is not None:
                        result["pages"] = pagination(builder, client, call, route, creates)
                        result["query_limits"] = query_limits(client, call, route, headers)
                        with contextlib.suppress(Exception):
                            result["filters"] = filter_probes(builder, client, call, route, routes, creates)
                else:
                    result["ok_failed_status"] = status
                if "{" in route["path"]:
                    status, _ = call(client(), route["method"], fill_path(route["path"], 999999), payload, headers)
                    result["missing_status"] = status
        except Exception as exc:
            result["error"] = f"{type(exc).__name__}: {exc}"
        route["observed"] = result
    with contextlib.suppress(Exception):
        follow_probes(client, call, routes, creates, creds)
    with contextlib.suppress(Exception):
        action_sequences(client, call, routes, creates, creds)


def header_auth_of(routes):
    """The request header the app's code reads for credentials (Flask: from the view modules' source)."""
    for route in routes:
        name = route.get("auth_header")
        if name:
            return name
    return None


def calibrate_auth(client, call, routes, creds):
    """Settle auth by asking the app: which routes refuse an anonymous call, which candidate token it accepts,
    and which routes refuse a plain user's token but take an admin's (the role they need)."""
    for route in routes:
        header = route.get("auth_header")
        if route["auth"] is None and header:
            status, _ = call(client(), route["method"], fill_path(route["path"], 1),
                             {} if route["method"] in ("POST", "PUT", "PATCH") else None)
            if status in (401, 403):
                route["auth"] = ({"type": "http", "scheme": "bearer"} if header.lower() == "authorization"
                                 else {"type": "apiKey", "in": "header", "name": header})
    constant = [c for c in creds if c.get("candidate")]
    if constant:
        probe_route = next((r for r in routes if r["auth"] and r["auth"].get("candidates") and r["method"] == "GET"),
                           None) or next((r for r in routes if r["auth"] and r["auth"].get("candidates")), None)
        if probe_route is not None:
            path = fill_path(probe_route["path"], 1)
            wrong, _ = call(client(), probe_route["method"], path, None,
                            auth_headers(probe_route["auth"], "wrong-token"))
            chosen = None
            for cand in probe_route["auth"]["candidates"]:
                status, _ = call(client(), probe_route["method"], path, None,
                                 auth_headers(probe_route["auth"], cand["token"]))
                if status != wrong:
                    chosen = cand
                    break
            creds[:] = [{"token": chosen["token"], "role": "user", "source": chosen["source"]}] if chosen else []
    admins = [c for c in creds if c["role"] == "admin"]
    users = [c for c in creds if c["role"] != "admin"]
    if not (admins and users):
        return
    for route in routes:
        if not route["auth"] or route["auth"].get("type") == "session" or route.get("role"):
            continue
        path = fill_path(route["path"], 999999)
        as_user, _ = call(client(), route["method"], path, None, auth_headers(route["auth"], users[0]["token"]))
        as_admin, _ = call(client(), route["method"], path, None, auth_headers(route["auth"], admins[0]["token"]))
        if as_user == 403 and as_admin != 403:
            route["role"] = "admin"


def id_key(path, data):
    """The field of a created record that fills `path`'s placeholder: the placeholder's own name, `id`, or the
    name without its `_id` suffix."""
    if not isinstance(data, dict):
        return None
    param = re.findall(r"\{(\w+)\}", path)[-1]
    for key in (param, "id", param.removesuffix("_id")):
        if key in data and data[key] not in (None, ""):
            return key
    return None


def route_tag(route):
    return re.sub(r"[^a-z0-9]+", "-", route["path"].lower()).strip("-")[-12:]


def vary(body, tag):
    """`body` with its free-text values made unique (a second record that no unique constraint refuses)."""
    out = {}
    for key, value in body.items():
        if key in PATTERNS and isinstance(value, str):
            number = sum(ord(ch) for ch in str(tag)) % 97 + 2
            out[key] = pattern_example(PATTERNS[key], number) or value
        elif isinstance(value, str) and value.startswith("https://"):
            out[key] = f"{value}-{tag}"
        elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d(T[\d:]+)?", value):
            out[key] = value
        elif isinstance(value, str) and "@" in value:
            out[key] = f"{tag}-{value}"
        elif isinstance(value, str) and not key.lower().endswith(("type", "status", "kind", "currency", "role")):
            out[key] = f"{value}-{tag}"
        else:
            out[key] = value
    return out


def changed(field, value):
    """A valid value different from `value`, for updates that must be seen to change something."""
    if "enum" in field:
        others = [v for v in field["enum"] if v != value]
        return others[0] if others else value
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value - 1 if "maximum" in field and value + 1 > field["maximum"] else value + 1
    if isinstance(value, float):
        return value + 1.0 if "maximum" not in field or value + 1.0 <= field["maximum"] else value - 1.0
    if isinstance(value, str) and "@" in value:
        return "changed-" + value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return "2031-02-20"
    if isinstance(value, str) and "pattern" in field:
        return pattern_example(field["pattern"], 7) or value
    if isinstance(value, str):
        text = value + "-changed"
        return text[: field["maxLength"]] if "maxLength" in field else text
    return value


def item_reader(routes, route):
    """The GET route that reads one record of `route`'s collection."""
    return next((r for r in routes if r["method"] == "GET" and r["path"] == route["path"]), None) \
        if route["method"] != "GET" else route


def update_effects(client, call, route, routes, creates, creds, headers):
    """What reading a record back gives after a full update and after a one-field update (PATCH).

    Kept only when the read-back equals the created record with the sent fields replaced: the rule the tests pin."""
    reader = item_reader(routes, route)
    if reader is None:
        return []
    collection = route["path"].rsplit("/{", 1)[0]
    collection = collection if collection in creates else collection + "/"
    body, create_headers, _ = creates[collection]
    read_headers = auth_headers(reader["auth"], pick_token(creds, reader["role"])) if reader["auth"] else {}
    full = {f["name"]: changed(f, sample(f)) for f in route["body"]}
    variants = [("all", full)]
    if route["method"] == "PATCH" and len(full) > 1:
        first = next(iter(full))
        variants.append(("one", {first: full[first]}))
    effects = []
    c = client()
    for kind, payload in variants:
        created_body = vary(body, "4" if kind == "all" else "5")
        status, created = call(c, "POST", collection, created_body, create_headers)
        key = id_key(route["path"], created)
        if not (200 <= status < 300) or key is None:
            continue
        status, _ = call(c, route["method"], fill_path(route["path"], created[key]), payload, headers)
        if not 200 <= status < 300:
            continue
        _, after = call(c, "GET", fill_path(reader["path"], created[key]), None, read_headers)
        expected = dict(created, **{k: v for k, v in payload.items() if k in created})
        if after == expected:
            effects.append({"kind": kind, "create_body": created_body, "payload": payload, "id_field": key,
                            "changed": [k for k in payload if k in created],
                            "kept": [k for k in created if k not in payload and k != key],
                            "read_path": reader["path"], "read_token": pick_token(creds, reader["role"])
                            if reader["auth"] else None})
    return effects


PAGE_OFFSET = re.compile(r"^(offset|skip|start)$")
PAGE_LIMIT = re.compile(r"^(limit|size|per_page|page_size|count)$")


PAGE_NUMBER = re.compile(r"^(page|page_number|page_no|p)$")


def listed(data):
    """The records of a listing answer and the key holding them: a list, or the one list-valued field of an
    object (`{"items": [...], "total": 3}`)."""
    if isinstance(data, list):
        return data, None
    if isinstance(data, dict):
        keys = [k for k, v in data.items() if isinstance(v, list)]
        if len(keys) == 1:
            return data[keys[0]], keys[0]
    return None, None


def pagination(builder, client, call, route, creates):
    """On a fresh store: create three records, then ask for the second one alone (offset/limit or page/size), and
    for the records whose text field equals the second's (a filter in the query). Note which come back."""
    names = [p["name"] for p in route["params"] if p.get("location") == "query" and p.get("type") == "integer"]
    offset = next((n for n in names if PAGE_OFFSET.match(n.lower())), None)
    number = next((n for n in names if PAGE_NUMBER.match(n.lower())), None)
    limit = next((n for n in names if PAGE_LIMIT.match(n.lower())), None)
    collection = route["path"] if route["path"] in creates else route["path"].rstrip("/") \
        if route["path"].rstrip("/") in creates else None
    if not (collection and (((offset or number) and limit) or route["params"])) or not builder.fresh():
        return None
    body, create_headers, _ = creates[collection]
    c = client()
    ids, key, bodies = [], None, [vary(body, f"p{n}") for n in range(3)]
    for one in bodies:
        status, created = call(c, "POST", collection, one, create_headers)
        key = id_key(collection + "/{id}", created)
        if not (200 <= status < 300) or key is None:
            return None
        ids.append(created[key])
    out = {"collection": collection, "bodies": bodies, "id_field": key, "queries": []}
    queries = []
    if (offset or number) and limit:
        queries.append(("page", {offset: 1, limit: 1} if offset else {number: 2, limit: 1}))
    for param in route["params"]:
        if param.get("location") == "query" and param.get("type") == "string" and param["name"] in body and \
                isinstance(bodies[1][param["name"]], str):
            queries.append(("filter", {param["name"]: bodies[1][param["name"]]}))
    for kind, params in queries:
        query = "&".join(f"{k}={v}" for k, v in params.items())
        status, data = call(c, "GET", f"{route['path']}?{query}", None, create_headers)
        items, items_key = listed(data)
        if status != 200 or items is None or not all(isinstance(i, dict) for i in items):
            continue
        got = [ids.index(i.get(key)) if i.get(key) in ids else None for i in items]
        if None in got:
            continue
        scalars = {k: v for k, v in data.items() if k != items_key and type(v) in (int, str, bool)} \
            if isinstance(data, dict) else {}
        out["queries"].append({"kind": kind, "params": params, "items_key": items_key, "positions": got,
                               "scalars": scalars})
    return out if out["queries"] else None


def query_limits(client, call, route, headers):
    """What the listing answers for a query number just above its declared maximum."""
    out = []
    for param in route["params"]:
        if param.get("location") == "query" and "maximum" in param and param.get("type") == "integer":
            status, _ = call(client(), "GET", f"{route['path']}?{param['name']}={param['maximum'] + 1}", None,
                             headers)
            out.append({"name": param["name"], "value": param["maximum"] + 1, "status": status})
    return out


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
    key = id_key(route["path"], created)
    if not (200 <= status < 300) or not owned(created, body) or key is None:
        return None
    status, _ = call(c, route["method"], fill_path(route["path"], created[key]), payload,
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


# ---------------------------------------------------------------- classes

CLOCK_NAMES = re.compile(r"clock|time|now|timer")
INDEX_NAMES = re.compile(r"^(index|idx|position|pos|i)$")


def kind_of(annotation):
    """The plain kind of an annotation, taking the first usable member of a union (`Decimal | str`)."""
    if isinstance(annotation, str):
        for part in annotation.split("|"):
            kind = annotation_kind(part.strip())
            if kind:
                return kind
        return "callable" if annotation.strip().startswith(("Callable", "typing.Callable")) else None
    kind = annotation_kind(annotation)
    if kind:
        return kind
    for member in getattr(annotation, "__args__", ()) or ():
        kind = annotation_kind(member)
        if kind:
            return kind
    if "Callable" in str(annotation):
        return "callable"
    return None


def argument(param, kind):
    """A typical value for one parameter: index-like names get 0, everything else the first typical value."""
    if kind == "int" and INDEX_NAMES.match(param.name.lower()):
        return 0
    return TYPICAL[kind][0]


def plain(value):
    try:
        json.dumps(value, default=encode)
    except (TypeError, ValueError):
        return False
    return True


class FakeClock:
    """The clock a test hands an object that takes one: time moves only when the test says."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def construct(cls):
    """(object, argument specs, clock) for `cls` built from typed or defaulted parameters, or (None, reason, None)."""
    try:
        params = list(inspect.signature(cls).parameters.values())
    except (TypeError, ValueError):
        return None, "its constructor has no readable signature", None
    args, specs, clock = [], [], None
    for param in params:
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        kind = kind_of(param.annotation)
        if kind == "callable" and CLOCK_NAMES.search(param.name.lower()):
            clock = FakeClock()
            specs.append({"name": param.name, "clock": True})
            continue
        if param.default is not inspect.Parameter.empty:
            continue
        if kind in TYPICAL:
            value = argument(param, kind)
            args.append(value)
            specs.append({"name": param.name, "value": value})
            continue
        return None, f"it needs {param.name} ({type_label(param.annotation)})", None
    kwargs = {s["name"]: clock for s in specs if s.get("clock")}
    try:
        obj = cls(*args, **kwargs)
    except Exception as exc:
        return None, f"building it raised {type(exc).__name__}", None
    return obj, specs, clock


def public_methods(cls):
    out = []
    for name, member in vars(cls).items():
        if name.startswith("_") or not inspect.isfunction(member):
            continue
        params = list(inspect.signature(member).parameters.values())[1:]
        kinds = [kind_of(p.annotation) for p in params if p.default is inspect.Parameter.empty]
        if None in kinds or "callable" in kinds or len(params) > 4:
            continue
        out.append((name, [p for p in params if p.default is inspect.Parameter.empty], kinds))
    return out


def snapshot(obj, cls):
    """Public properties and plain instance attributes: the observable state."""
    state = {}
    for name in sorted(dir(cls)):
        if name.startswith("_") or not isinstance(getattr(cls, name, None), property):
            continue
        try:
            value = getattr(obj, name)
        except Exception as exc:
            state[name] = {"raises": type(exc).__name__}
            continue
        if plain(value):
            state[name] = {"value": value}
    for name, value in sorted(vars(obj).items()) if hasattr(obj, "__dict__") else ():
        if not name.startswith("_") and plain(value) and name not in state:
            state[name] = {"value": value}
    return state


def step(obj, name, params, kinds):
    args = [argument(p, k) for p, k in zip(params, kinds, strict=True)]
    try:
        value = getattr(obj, name)(*args)
    except Exception as exc:
        return {"method": name, "args": args, "raises": type(exc).__name__, "raises_module": type(exc).__module__}
    return {"method": name, "args": args, "returns": value} if plain(value) else {"method": name, "args": args}


def exercise(cls):
    """Scenarios for one class: each method three times on a fresh object (and once more after the clock moves),
    and the methods in declaration order, with the state after each scenario."""
    methods = public_methods(cls)
    scenarios = []
    obj, specs, clock = construct(cls)
    if obj is None:
        return None, specs
    scenarios.append({"name": "new", "steps": [], "state": snapshot(obj, cls)})
    for name, params, kinds in methods:
        obj, _, clock = construct(cls)
        steps = [step(obj, name, params, kinds) for _ in range(3)]
        if clock is not None:
            for advance in [*[v["value"] for v in specs if type(v.get("value")) in (int, float)][-1:], 1000.0]:
                clock.now += advance
                steps.append(dict(step(obj, name, params, kinds), advance=advance))
        scenarios.append({"name": f"{name}_repeated", "steps": steps, "state": snapshot(obj, cls)})
    initial = scenarios[0]["state"]
    seed = next((methods[i] for i, sc in enumerate(scenarios[1:]) if "raises" not in sc["steps"][0]
                 and (sc["state"] != initial or len({json.dumps(st, default=encode) for st in
                                                     [dict(x, advance=None) for x in sc["steps"][:3]]}) > 1)), None)
    if seed is not None:
        others = [m for m in methods if m is not seed]
        sequences = [[seed, m] for m in others] + [[seed, *pair] for pair in itertools.pairwise(others)]
        for sequence in sequences[:12]:
            obj, _, clock = construct(cls)
            steps = [step(obj, name, params, kinds) for name, params, kinds in sequence]
            scenarios.append({"name": "_then_".join(m[0] for m in sequence), "steps": steps,
                              "state": snapshot(obj, cls)})
    return {"specs": specs, "scenarios": scenarios}, None


def classes(limit=8):
    """Public classes of the repo's plain modules, exercised (see `exercise`)."""
    out = []
    for rel in python_files():
        try:
            tree = ast.parse(read(rel))
            module = import_module(module_name(rel))
        except BaseException:
            continue
        names = [n.name for n in tree.body if isinstance(n, ast.ClassDef) and not n.name.startswith("_")]
        for name in names:
            cls = getattr(module, name, None)
            if not inspect.isclass(cls) or issubclass(cls, BaseException) or not public_methods(cls):
                continue
            found, why = exercise(cls)
            if found is None:
                UNCALLABLE.append({"module": module_name(rel), "file": rel, "name": name, "reason": why})
                continue
            out.append(dict(found, module=module_name(rel), file=rel, name=name))
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


# ---------------------------------------------------------------- Flask forms and sessions

AUTH_PATHS = {"register": r"register|sign-?up|sign_up|join", "login": r"log-?in|sign-?in|log_in|sign_in",
              "logout": r"log-?out|sign-?out|log_out|sign_out"}


def user_values(fields, who):
    """Form values for a test user `who` (`alice`, `bob`): a password long enough for the usual minimums."""
    values = {}
    for f in fields:
        name = f["name"].lower()
        if "email" in name:
            values[f["name"]] = f"{who}@example.com"
        elif "pass" in name or "confirm" in name:
            values[f["name"]] = f"pw-{who}-12345"
        else:
            values[f["name"]] = f"{who}-user"
    return values


def subset(values, fields):
    return {f["name"]: values[f["name"]] for f in fields if f["name"] in values}


def form_call(c, method, path, data=None, kind="form"):
    """Status, redirect path and page text of one request (a form post by default)."""
    from urllib.parse import urlsplit

    kwargs = {}
    if data is not None:
        kwargs["data" if kind == "form" else "json"] = data
    resp = c.open(path, method=method, **kwargs)
    location = resp.headers.get("Location", "")
    return resp.status_code, urlsplit(location).path or location, resp.get_data(as_text=True)


def loginish(location):
    return bool(re.search(AUTH_PATHS["login"], location or "", re.I))


def succeeded(status, location):
    return 200 <= status < 300 or (300 <= status < 400 and not loginish(location))


def differs(status, location, ok):
    """True when an answer is not the one a valid request got (another status or another redirect)."""
    return status != ok["status"] or location != ok["location"]


def shown(messages, text):
    return [m for m in messages if m in text]


class SessionFlow:
    """Register and log in through the app's own forms; a second user for ownership checks."""

    def __init__(self, routes):
        posts = [r for r in routes if r["method"] == "POST" and "{" not in r["path"] and r["body"]]
        self.login = next((r for r in posts if re.search(AUTH_PATHS["login"], r["path"], re.I)), None)
        self.register = next((r for r in posts if re.search(AUTH_PATHS["register"], r["path"], re.I)), None)
        self.logout = next((r for r in routes if re.search(AUTH_PATHS["logout"], r["path"], re.I)
                            and not r["body"]), None)
        self.protected = next((r for r in routes if r["method"] == "GET" and r["auth"] and "{" not in r["path"]),
                              None)
        fields = (self.register or self.login or {}).get("body", [])
        self.users = {who: user_values(fields, who) for who in ("alice", "bob")}

    @property
    def usable(self):
        return self.login is not None and self.register is not None

    def log_in(self, c, who):
        user = self.users[who]
        form_call(c, "POST", self.register["path"], subset(user, self.register["body"]), self.register["body_kind"])
        return form_call(c, "POST", self.login["path"], subset(user, self.login["body"]), self.login["body_kind"])

    def protected_status(self, c):
        if self.protected is None:
            return None
        status, location, _ = form_call(c, "GET", self.protected["path"])
        return {"status": status, "location": location}

    def observe(self, client):
        """What registering, logging in (right and wrong) and logging out answer."""
        reg, login = self.register, self.login
        alice = self.users["alice"]
        out = {"register": reg["path"], "login": login["path"], "register_kind": reg["body_kind"],
               "login_kind": login["body_kind"], "register_fields": [f["name"] for f in reg["body"]],
               "login_fields": [f["name"] for f in login["body"]], "users": self.users,
               "logout": {"method": self.logout["method"], "path": self.logout["path"]} if self.logout else None,
               "protected": self.protected["path"] if self.protected else None}
        c = client()
        status, location, _ = form_call(c, "POST", reg["path"], subset(alice, reg["body"]), reg["body_kind"])
        out["register_ok"] = {"status": status, "location": location}
        status, location, text = form_call(c, "POST", reg["path"], subset(alice, reg["body"]), reg["body_kind"])
        if differs(status, location, out["register_ok"]) or shown(reg["messages"], text):
            out["register_twice"] = {"status": status, "location": location, "messages": shown(reg["messages"], text)}
        out["register_empty"] = {}
        for f in reg["body"]:
            if not f["required"]:
                continue
            data = dict(subset(self.users["bob"], reg["body"]), **{f["name"]: ""})
            status, location, text = form_call(client(), "POST", reg["path"], data, reg["body_kind"])
            if differs(status, location, out["register_ok"]):
                out["register_empty"][f["name"]] = {"status": status, "location": location,
                                                    "messages": shown(reg["messages"], text)}
        c = client()
        out["anonymous"] = self.protected_status(c)
        status, location, _ = self.log_in(c, "alice")
        out["login_ok"] = {"status": status, "location": location}
        out["logged_in"] = self.protected_status(c)
        if self.logout:
            form_call(c, self.logout["method"], self.logout["path"])
            out["logged_out"] = self.protected_status(c)
        password = next((f["name"] for f in login["body"] if "pass" in f["name"].lower()), None)
        name = next((f["name"] for f in login["body"] if "pass" not in f["name"].lower()), None)
        for label, field, value in (("wrong_password", password, "not-the-password"), ("unknown_user", name,
                                                                                        "nobody-user")):
            if field is None:
                continue
            c = client()
            form_call(c, "POST", reg["path"], subset(alice, reg["body"]), reg["body_kind"])
            data = dict(subset(alice, login["body"]), **{field: value})
            status, location, text = form_call(c, "POST", login["path"], data, login["body_kind"])
            out[label] = {"field": field, "value": value, "status": status, "location": location,
                          "messages": shown(login["messages"], text), "after": self.protected_status(c)}
        return out


def characterise_forms(builder, routes):
    """Characterise a Flask app that speaks HTML forms and sessions. Returns the session flow's observations."""

    def client():
        app = builder.build()
        app.config["TESTING"] = True
        return app.test_client()

    flow = SessionFlow(routes)
    session = None
    if flow.usable:
        try:
            session = flow.observe(client)
        except Exception as exc:
            session = None
            for route in (flow.login, flow.register):
                route["observed"] = {"error": f"{type(exc).__name__}: {exc}"}
    if session:
        session["length_edges"] = form_length_edges(flow.register, subset(flow.users["bob"], flow.register["body"]),
                                                    lambda route: client())
    skip = {id(r) for r in (flow.login, flow.register, flow.logout) if r is not None}

    def user_client(route, who="alice"):
        c = client()
        if route["auth"] and session:
            flow.log_in(c, who)
        return c

    creator = None
    for route in sorted(routes, key=lambda r: (r["method"] != "POST" or "{" in r["path"], r["path"])):
        if id(route) in skip:
            route["observed"] = {"flow": True}
            continue
        result = {"token": None, "ok": None, "session": bool(route["auth"] and session)}
        try:
            if "{" not in route["path"]:
                observe_collection(route, result, user_client)
                if route["method"] == "POST" and result["ok"]:
                    result["length_edges"] = form_length_edges(route, result["ok"]["body"], user_client)
                    form_listing_probes(route, result, user_client, flow, routes)
                if route["method"] == "POST" and result["ok"] and creator is None:
                    creator = route
            elif creator is not None and re.fullmatch(r"[^{]*\{\w+\}[^{]*", route["path"]) and builder.spec[
                    "kind"] == "factory":
                observe_item(route, result, creator, user_client, routes, flow)
        except Exception as exc:
            result["error"] = f"{type(exc).__name__}: {exc}"
        route["observed"] = result
    return session


def form_values(route, tag=""):
    return {f["name"]: sample(f) + tag for f in route["body"]}


def observe_collection(route, result, user_client):
    c = user_client(route)
    if route["method"] == "GET":
        status, location, _ = form_call(c, "GET", route["path"])
        if status < 400:
            result["ok"] = {"status": status, "location": location}
        else:
            result["ok_failed_status"] = status
        return
    body = form_values(route)
    status, location, _ = form_call(c, route["method"], route["path"], body, route["body_kind"])
    if not succeeded(status, location):
        result["ok_failed_status"] = status
        return
    page = location or route["path"]
    _, _, text = form_call(c, "GET", page)
    result["ok"] = {"status": status, "location": location, "body": body, "page": page,
                    "shows": [k for k, v in body.items() if v in text]}
    result["empty"] = {}
    for f in route["body"]:
        if not f["required"]:
            continue
        data = dict(body, **{f["name"]: ""})
        status, location, text = form_call(user_client(route), route["method"], route["path"], data,
                                           route["body_kind"])
        if differs(status, location, result["ok"]):
            result["empty"][f["name"]] = {"status": status, "location": location,
                                          "messages": shown(route["messages"], text)}


def observe_item(route, result, creator, user_client, routes, flow):
    """An item route (`/<int:id>/update`) on the record a fresh app's first create makes (id 1)."""
    c = user_client(route)
    created = form_values(creator)
    status, location, _ = form_call(c, "POST", creator["path"], created, creator["body_kind"])
    if not succeeded(status, location):
        return
    path = fill_path(route["path"], 1)
    body = {f["name"]: sample(f) + "-changed" for f in route["body"]} if route["body"] else None
    page = creator["observed"]["ok"]["page"]
    status, location, text = form_call(c, route["method"], path, body, route["body_kind"])
    if not succeeded(status, location):
        result["ok_failed_status"] = status
        return
    result["ok"] = {"status": status, "location": location, "body": body, "created": created,
                    "creator": creator["path"], "item_id": 1}
    if route["method"] == "GET":
        result["ok"]["shows"] = [k for k, v in created.items() if v in text]
    else:
        _, _, listing = form_call(c, "GET", page)
        result["ok"]["page"] = page
        result["ok"]["shows"] = [k for k, v in (body or {}).items() if v in listing]
        result["ok"]["gone"] = [k for k, v in created.items() if v not in listing and not body]
        readers = [r for r in routes if r["method"] == "GET" and "{" in r["path"]]
        if not body and readers:
            status, _, _ = form_call(c, "GET", fill_path(readers[0]["path"], 1))
            result["ok"]["read_after"] = {"path": readers[0]["path"], "status": status}
    if route["auth"] and result["session"]:
        c = user_client(route)
        form_call(c, "POST", creator["path"], created, creator["body_kind"])
        flow.log_in(c, "bob")  # same app and database, bob's session: alice's record is id 1
        status, location, _ = form_call(c, route["method"], path, body, route["body_kind"])
        result["other_user"] = {"status": status, "location": location}
    status, location, _ = form_call(user_client(route), route["method"], fill_path(route["path"], 999999), body,
                                    route["body_kind"])
    result["missing_status"] = status


# ---------------------------------------------------------------- main

def main():
    sys.path[:0] = [ROOT, os.path.join(ROOT, "src")]
    os.chdir(WORK)
    inventory = {"root": ROOT, "app": None, "routes": [], "credentials": [], "functions": [], "errors": [],
                 "fixtures": conftest_fixtures()}
    env = apply_env(env_reads())
    relocate_instance_path()
    spec, errors = find_app()
    inventory["errors"] += errors
    if spec:
        try:
            builder = AppBuilder(spec)
            app = builder.build()
            spec["framework"] = spec["framework"] or framework_of(app)
            spec["factory_args"] = builder.shown_args
            spec["fast_hashing"] = fast_password_hashing()
            spec["refusals"] = factory_refusals(builder, env)
            spec["env"] = env
            spec["databases"] = builder.databases if builder.swapped is not None else None
            spec["setup_commands"] = builder.setup_commands
            spec["state"] = [{"module": r["module"], "attr": r["attr"]} for r in builder.state]
            spec["instance_path"] = spec["framework"] == "flask"
            inventory["app"] = spec
            routes = fastapi_routes(app) if spec["framework"] == "fastapi" else flask_routes(app)
            inventory["credentials"] = find_credentials() + FACTORY_SECRETS
            if not inventory["credentials"]:
                inventory["credentials"] = constant_tokens(routes)
            if spec["framework"] == "flask" and (any(r.get("body_kind") == "form" for r in routes)
                                                 or SessionFlow(routes).usable):
                inventory["session"] = characterise_forms(builder, routes)
                inventory["forms"] = True
            else:
                with CLIENTS:
                    characterise(builder, spec["framework"], routes, inventory["credentials"])
            inventory["routes"] = routes
        except Exception:
            inventory["errors"].append(traceback.format_exc(limit=3))
    if not spec or os.environ.get("ASSAY_PROBE_FUNCTIONS"):
        inventory["functions"] = pure_functions()
        inventory["classes"] = classes()
        inventory["uncallable"] = UNCALLABLE
    inventory["test_files"] = test_files()
    inventory["assay_files"] = assay_files(inventory["test_files"])
    print(BEGIN)
    print(json.dumps(inventory, default=lambda v: encode(v) if isinstance(v, Decimal) else str(v)))
    print(END)



# ---------------------------------------------------------------- web probes: limits, normalisation, second user

MAX_LIMIT = 10000


def code_limits(view):
    """Lengths the code compares inputs with (`len(title) > MAX_TITLE`, `len(password) < 8`): the view's own
    comparisons and those of the module functions it calls, constants resolved through the module's globals."""
    if view is None:
        return []
    func = inspect.unwrap(view)
    funcs, limits = [func], set()
    names = getattr(func, "__globals__", {})
    for current in itertools.islice(funcs, 6):  # grows as helpers are found
        try:
            tree = ast.parse(textwrap_dedent(inspect.getsource(current)))
        except (OSError, TypeError, SyntaxError):
            continue
        scope = getattr(current, "__globals__", names)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                helper = scope.get(node.func.id)
                if inspect.isfunction(helper) and helper not in funcs and helper.__module__ == current.__module__:
                    funcs.append(helper)
            if not isinstance(node, ast.Compare) or len(node.comparators) != 1:
                continue
            left, right = node.left, node.comparators[0]
            if not is_len_call(left):
                left, right = right, left
            if is_len_call(left):
                value = constant_int(right, scope)
                if value is not None and 0 < value <= MAX_LIMIT:
                    limits.add(value)
    return sorted(limits)


def is_len_call(node):
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len"


def constant_int(node, scope):
    """The int a literal, a module constant or a constant of an imported module (`config.MAX_TITLE`) holds."""
    if isinstance(node, ast.Constant):
        value = node.value
    elif isinstance(node, ast.Name):
        value = scope.get(node.id)
    elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        value = getattr(scope.get(node.value.id), node.attr, None)
    else:
        value = None
    return value if type(value) is int else None


def normalises(view):
    """True when the view (or a module function it calls) strips or lower-cases text it reads."""
    func = inspect.unwrap(view) if view is not None else None
    try:
        text = inspect.getsource(inspect.getmodule(func)) if func else ""
    except (OSError, TypeError):
        return False
    return bool(re.search(r"\.(strip|lower|casefold)\(\)", text))


def plain_text_fields(route, body):
    """Body fields holding free text (no pattern, enum, date, address or link): the ones a length applies to."""
    out = []
    for f in route["body"]:
        value = body.get(f["name"])
        if f.get("type") != "string" or not isinstance(value, str) or "enum" in f or "pattern" in f:
            continue
        if "@" in value or value.startswith("https://") or re.fullmatch(r"\d{4}-\d\d-\d\d.*", value):
            continue
        out.append(f)
    return out


def length_edges(send, replay, field, limits):
    """Ask with texts of length N-1, N and N+1 around each limit; keep each pair of adjacent lengths whose answers
    differ in kind (accepted vs refused): the edge the code draws. `send(field, text)` answers (answer, kind) on a
    fresh client; `replay(field, short, long)` asks both, in order, on one client as the test will, and its
    answers are the ones kept (when they still differ in kind)."""
    edges, letters = [], itertools.cycle("cdefghijklmnopqrstuvwxyz")
    for limit in limits:
        seen = {}
        for length in (limit - 1, limit, limit + 1):
            if length >= 1:
                seen[length] = send(field, next(letters) * length)[:2]
        for length in sorted(seen)[:-1]:
            if seen[length][1] == seen[length + 1][1]:
                continue
            (low, low_ok, low_body), (high, high_ok, high_body) = replay(field, "a" * length, "b" * (length + 1))
            if low_ok == seen[length][1] and high_ok == seen[length + 1][1]:
                edges.append({"field": field, "lengths": [length, length + 1], "answers": [low, high],
                              "bodies": [low_body, high_body]})
    return edges


def json_web_probes(client, call, route, body, headers, creds, observed):
    """After a create succeeded: its length edges, what it stores for padded text, and what a second user of
    the same role sees in the listing."""
    view_limits = route.get("limits") or []
    fields = plain_text_fields(route, body)
    edges = []
    for f in fields:
        limits = sorted(set(view_limits) | {f[k] for k in ("maxLength", "minLength") if f.get(k, 0) > 1})

        def send(name, text, c=None, tag="edge"):
            sent = dict(vary(body, f"{tag}{len(text)}"), **{name: text})  # unique: a module app keeps its records
            status, _ = call(c or client(), "POST", route["path"], sent, headers)
            return status, 200 <= status < 300, sent

        def replay(name, short, long):
            c = client()
            return send(name, short, c, "a"), send(name, long, c, "b")
        edges += length_edges(send, replay, f["name"], limits[:4])
    observed["length_edges"] = edges[:6]
    if route.get("normalises") and fields:
        name = fields[0]["name"]
        padded = dict(vary(body, "pad"), **{name: "  " + body[name] + "-pad  "})
        status, data = call(client(), "POST", route["path"], padded, headers)
        if 200 <= status < 300 and isinstance(data, dict) and isinstance(data.get(name), str):
            observed["padded"] = {"body": padded, "field": name, "stored": data[name], "status": status}
    observed["formats"] = format_probes(client, call, route, body, headers)
    observed["generated"] = generated_values(client, call, route, body, headers, observed)
    token = observed.get("token")
    other = same_role_other_token(creds, token) if token else None
    if other is not None:
        c = client()
        status, created = call(c, "POST", route["path"], vary(body, "mine"), headers)
        key = id_key(route["path"] + "/{id}", created)
        if 200 <= status < 300 and key is not None:
            _, mine = call(c, "GET", route["path"], None, headers)
            _, theirs = call(c, "GET", route["path"], None, auth_headers(route["auth"], other))
            own_items, items_key = listed(mine)
            other_items, other_key = listed(theirs)
            if own_items is not None and other_items is not None and items_key == other_key:
                ids = [i.get(key) for i in other_items if isinstance(i, dict)]
                if created[key] in [i.get(key) for i in own_items if isinstance(i, dict)] and created[key] not in ids:
                    observed["other_listing"] = {"token": other, "body": vary(body, "mine"), "id_field": key,
                                                 "items_key": items_key}



OTHER_FORMS = {"url": ("ftp://example.com/file", "example.com/no-scheme"),
               "email": ("not-an-address",), "date": ("2030-13-45",)}


def format_probes(client, call, route, body, headers):
    """What a create answers when a link, address or date field holds something else of the same type (another
    scheme, no `@`, no such day): each answer pinned by the tests."""
    out = []
    for f in route["body"]:
        value = body.get(f["name"])
        if not isinstance(value, str):
            continue
        kind = "url" if value.startswith("https://") else "email" if "@" in value else "date" if re.fullmatch(
            r"\d{4}-\d\d-\d\d", value) else None
        for other in OTHER_FORMS.get(kind, ()):
            status, _ = call(client(), "POST", route["path"], dict(body, **{f["name"]: other}), headers)
            out.append({"field": f["name"], "value": other, "status": status})
    return out[:4]


def generated_values(client, call, route, body, headers, observed):
    """Optional text fields the answer echoes: left out, what the server makes up for them (their length)."""
    out = []
    response = (observed.get("ok") or {}).get("response")
    for f in route["body"]:
        name = f["name"]
        if f.get("required") or not isinstance(response, dict) or response.get(name) != body.get(name) or \
                not isinstance(body.get(name), str):
            continue
        sent = {k: v for k, v in vary(body, "gen").items() if k != name}
        lengths = set()
        for _ in range(2):
            status, data = call(client(), "POST", route["path"], sent, headers)
            if not (200 <= status < 300 and isinstance(data, dict) and isinstance(data.get(name), str)):
                break
            lengths.add(len(data[name]))
        else:
            if len(lengths) == 1:
                out.append({"field": name, "body": sent, "status": status, "length": lengths.pop()})
    return out


ACTION_PATH = re.compile(r"^(.*)/\{(\w+)\}/([\w-]+)$")


def action_sequences(client, call, routes, creates, creds):
    """Actions on a record (`POST /books/{id}/checkout`) and what follows them: on a new record, after each action
    that succeeds, what every other action and the DELETE answer, and the fields each step changes on the record
    read back (state kept, state released)."""
    for route in routes:
        match = ACTION_PATH.match(route["path"])
        if route["method"] != "POST" or not match or not (route.get("observed") or {}).get("ok"):
            continue
        collection, param = match.group(1), match.group(2)
        collection = collection if collection in creates else collection + "/"
        item_path = match.group(1) + "/{" + param + "}"
        reader = next((r for r in routes if r["method"] == "GET" and r["path"] == item_path), None)
        if collection not in creates or reader is None:
            continue
        body, create_headers, _ = creates[collection]
        nexts = [r for r in routes if r is not route and ((r["method"] == "DELETE" and r["path"] == item_path) or (
            r["method"] == "POST" and (ACTION_PATH.match(r["path"]) or [None, None])[1] == match.group(1)))]

        def headers_of(r):
            return auth_headers(r["auth"], pick_token(creds, r["role"])) if r["auth"] else {}

        def payload_of(r):
            return {f["name"]: sample(f) for f in r["body"]} if r["body"] else None

        steps = []
        for after in [None, *nexts]:
            c = client()
            made = vary(body, "seq")
            status, created = call(c, "POST", collection, made, create_headers)
            key = id_key(item_path, created)
            if not 200 <= status < 300 or key is None:
                break
            url = lambda r, value=created[key]: fill_path(r["path"], value)  # noqa: E731
            first, _ = call(c, "POST", url(route), payload_of(route), headers_of(route))
            if not 200 <= first < 300:
                break
            _, record = call(c, "GET", url(reader), None, headers_of(reader))
            step = {"then": None, "record": volatile_free(record, created, key), "made": made, "id_field": key}
            if after is not None:
                status, _ = call(c, after["method"], url(after), payload_of(after), headers_of(after))
                _, again = call(c, "GET", url(reader), None, headers_of(reader))
                step.update(then={"method": after["method"], "path": after["path"]}, status=status,
                            record=volatile_free(again, record, key) if 200 <= status < 300 and
                            after["method"] != "DELETE" else {})
            steps.append(step)
        if steps:
            route["observed"]["sequences"] = steps[:5]
        route["observed"]["number_edges"] = number_edges(client, call, route, collection, item_path, body,
                                                         create_headers, headers_of(route), payload_of(route))


def number_edges(client, call, route, collection, item_path, body, create_headers, headers, payload):
    """An action's whole-number fields tried at each number of a new record, negated and one past (`delta` of -2 and
    -3 on a record holding 2): adjacent values the action answers differently, each on its own new record."""
    if not payload:
        return []
    edges = []
    for name in [k for k, v in payload.items() if type(v) is int][:2]:
        c = client()
        _, created = call(c, "POST", collection, vary(body, "num"), create_headers)
        key = id_key(item_path, created)
        if key is None:
            return []
        values = sorted({w for v in created.values() if type(v) is int and 0 < v < MAX_LIMIT and v != created[key]
                         for w in (-v - 1, -v, v, v + 1)})
        seen = {}
        for n, value in enumerate(values[:8]):
            made = vary(body, f"num{n}")
            status, record = call(c, "POST", collection, made, create_headers)
            if not 200 <= status < 300 or key not in (record or {}):
                return edges
            status, _ = call(c, "POST", fill_path(route["path"], record[key]), dict(payload, **{name: value}),
                             headers)
            seen[value] = {"status": status, "body": made}
        for low, high in itertools.pairwise(values):
            if high == low + 1 and low in seen and high in seen and (200 <= seen[low]["status"] < 300) != (
                    200 <= seen[high]["status"] < 300):
                edges.append({"field": name, "values": [low, high], "answers": [seen[low], seen[high]],
                              "id_field": key})
    return edges[:3]


def volatile_free(record, before, key):
    """The fields of `record` that differ from `before` (minus the id and timestamps): what a step changed."""
    if not isinstance(record, dict) or not isinstance(before, dict):
        return {}
    return {k: v for k, v in record.items() if k != key and before.get(k) != v and type(v) in (int, str, bool,
            float, type(None)) and not (isinstance(v, str) and re.match(r"\d{4}-\d\d-\d\dT", v))}


def item_param(routes, collection):
    """The placeholder of the item route under `collection` (`/items/{sku}` -> `sku`)."""
    for r in routes:
        match = re.fullmatch(re.escape(collection.rstrip("/")) + r"/\{(\w+)\}", r["path"])
        if match:
            return match.group(1)
    return "id"


def filter_probes(builder, client, call, route, routes, creates):
    """A listing's yes/no query parameters (`?done=true`, `?low_stock=true`) over records made to differ: the base
    record, one updated to set the parameter's own field, and records whose first two numbers sit one below, at
    and one above each other (`quantity` vs `reorder_level`). Which of them each value lists, when the values
    list different records."""
    skip = re.compile(PAGE_OFFSET.pattern + "|" + PAGE_LIMIT.pattern + "|" + PAGE_NUMBER.pattern)
    collection = route["path"] if route["path"] in creates else route["path"].rstrip("/")
    if collection not in creates:
        return None
    body, headers, _ = creates[collection]
    params = [p for p in route["params"] if p.get("location") == "query" and not skip.match(p["name"].lower())
              and (p.get("type") == "boolean" or (p.get("type") == "string" and (p["name"] not in body or
                                                                              isinstance(body[p["name"]], bool))))]
    if not params or not builder.fresh():
        return None
    key = item_param(routes, collection)
    update = next((r for r in routes if r["method"] in ("PATCH", "PUT") and r["path"] == collection.rstrip("/")
                   + "/{" + key + "}"), None)
    numbers = [k for k, v in body.items() if type(v) is int][:2]
    c = client()
    made = []
    variants = [("base", dict(body), None)]
    for p in params:
        if update and any(f["name"] == p["name"] and f["type"] == "boolean" for f in update["body"]):
            variants.append((f"{p['name']} set", dict(body), {p["name"]: True}))
    if len(numbers) == 2:
        a, b = numbers
        for step, word in ((-1, "below"), (0, "at"), (1, "above")):
            variants.append((f"{a} {word} {b}", dict(body, **{a: body[b] + 3 + step, b: body[b] + 3}), None))
    for n, (label, one, change) in enumerate(variants):
        one = vary(one, f"q{n}")
        status, created = call(c, "POST", collection, one, headers)
        field = id_key(collection.rstrip("/") + "/{" + key + "}", created)
        ident = created.get(field) if field else None
        if not 200 <= status < 300 or ident is None:
            return None
        if change:
            status, _ = call(c, update["method"], fill_path(update["path"], ident),
                             change if update["method"] == "PATCH" else dict(one, **change), headers)
            if not 200 <= status < 300:
                return None
        made.append({"label": label, "body": one, "change": change, "id": ident})
    ids, key = [m["id"] for m in made], field
    out = []
    for p in params:
        answers = []
        for value in ("true", "false"):
            status, data = call(c, "GET", f"{route['path']}?{p['name']}={value}", None, headers)
            items, items_key = listed(data)
            if status != 200 or items is None:
                break
            answers.append({"value": value, "items_key": items_key,
                            "positions": [ids.index(i.get(key)) for i in items if isinstance(i, dict)
                                          and i.get(key) in ids]})
        if len(answers) == 2 and answers[0]["positions"] != answers[1]["positions"]:
            out.append({"param": p["name"], "answers": answers})
    return {"collection": collection, "id_field": key, "made": made, "update": update and {
        "method": update["method"], "path": update["path"]}, "queries": out} if out else None


def created_with(creates, param):
    """A create whose answer holds a field named like the placeholder `param` (`/{code}` <- POST /links)."""
    for path, (body, headers, data) in creates.items():
        if isinstance(data, dict) and param in data and data[param] not in (None, ""):
            return path, body, headers
    return None


def follow_probes(client, call, routes, creates, creds):
    """Item GET routes no create sits under (`GET /{code}` beside `POST /links`): on a record made by the create
    whose answer names the placeholder, what following it answers (status, `Location`), what it changes on the
    record's other readers (counters read back), and what an unknown value answers."""
    for route in routes:
        params = re.findall(r"\{(\w+)\}", route["path"])
        observed = route.get("observed") or {}
        if route["method"] != "GET" or len(params) != 1 or observed.get("ok") or route["auth"]:
            continue
        found = created_with(creates, params[0])
        if found is None:
            continue
        collection, body, headers = found
        c = client()
        made = vary(body, "f")
        status, data = call(c, "POST", collection, made, headers)
        if not 200 <= status < 300 or not isinstance(data, dict) or params[0] not in data:
            continue
        value = data[params[0]]
        readers = [r for r in routes if r is not route and r["method"] == "GET" and
                   re.fullmatch(r"[^{]*\{" + params[0] + r"\}", r["path"])]

        def read(reader, c=c, value=value):
            token = pick_token(creds, reader["role"]) if reader["auth"] else None
            _, got = call(c, "GET", fill_path(reader["path"], value), None, auth_headers(reader["auth"], token))
            return (got if isinstance(got, dict) else {}), token

        before = [read(r) for r in readers]
        url = fill_path(route["path"], value)
        resp = c.request("GET", url, follow_redirects=False) if hasattr(c, "request") else c.open(url, method="GET")
        follow = {"collection": collection, "body": made, "param": params[0], "status": resp.status_code,
                  "location": resp.headers.get("Location") if 300 <= resp.status_code < 400 else None,
                  "effects": []}
        for reader, (old, token) in zip(readers, before, strict=True):
            new, _ = read(reader)
            for key, was in old.items():
                if type(was) is int and type(new.get(key)) is int and new[key] != was:
                    follow["effects"].append({"path": reader["path"], "token": token, "field": key,
                                              "delta": new[key] - was})
        unknown, _ = call(client(), "GET", fill_path(route["path"], "unknown-0"), None, {})
        follow["unknown_status"] = unknown
        observed["follow"] = follow
        route["observed"] = observed


def form_length_edges(route, body, user_client):
    """`length_edges` for a form post (signed in when the route needs it): answers are status and redirect."""
    limits = route.get("limits") or []
    edges = []

    def send(name, text, c=None):
        status, location, _ = form_call(c or user_client(route), "POST", route["path"], dict(body, **{name: text}),
                                        route["body_kind"])
        # a form re-rendered with an error is 200: the kind of answer is its status and redirect
        return {"status": status, "location": location}, (status, location), dict(body, **{name: text})

    def replay(name, short, long):
        c = user_client(route)
        return send(name, short, c), send(name, long, c)

    for f in route["body"]:
        if isinstance(body.get(f["name"]), str) and "@" not in body[f["name"]]:
            edges += length_edges(send, replay, f["name"], limits[:3])
    return edges[:6]


def form_listing_probes(route, result, user_client, flow, routes):
    """After a form create that the listing page shows: what that page shows another signed-in user, and which
    page of a paginated listing (`?page=1`, `?page=2`) shows the new record."""
    ok = result["ok"]
    page = ok["page"]
    fields = [k for k in ok.get("shows", []) if len(str(ok["body"][k])) >= 4]
    if not fields:
        return
    body = dict(ok["body"], **{k: ok["body"][k] + "-mine" for k in fields})
    if route["auth"] and result["session"]:
        c = user_client(route)
        form_call(c, route["method"], route["path"], body, route["body_kind"])
        flow.log_in(c, "bob")
        status, _, text = form_call(c, "GET", page)
        hidden = [k for k in fields if body[k] not in text]
        if status == 200 and hidden:
            result["other_listing"] = {"body": body, "page": page, "hidden": hidden}
    listing = next((r for r in routes if r["method"] == "GET" and r["path"] == page), None)
    number = next((p["name"] for p in (listing or {}).get("params", []) if p.get("location") == "query"
                   and PAGE_NUMBER.match(p["name"].lower())), None)
    if number is None:
        return
    c = user_client(route)
    form_call(c, route["method"], route["path"], body, route["body_kind"])
    pages = []
    for value in (1, 2):
        status, _, text = form_call(c, "GET", f"{page}?{number}={value}")
        pages.append({"value": value, "status": status, "shows": [k for k in fields if body[k] in text]})
    result["pages"] = {"body": body, "page": page, "param": number, "answers": pages}


def factory_refusals(builder, env):
    """A factory given its keys as arguments: left without each one (and without the environment settings the repo
    reads), the built-in exception it refuses to start with. Pinned so a factory that starts half-configured
    fails a test."""
    if builder.spec["kind"] != "factory":
        return []
    import builtins

    saved_secrets, saved_env = list(FACTORY_SECRETS), {k: os.environ.get(k) for k in env}
    out = []
    try:
        for k in env:
            os.environ.pop(k, None)
        kwargs, _ = factory_call(builder.target, os.path.join(WORK, "refusal.db"))
        secrets = [name for name in kwargs if SECRET_NAME.search(name.lower())]
        for name in secrets:
            try:
                builder.target(**{k: v for k, v in kwargs.items() if k != name})
            except Exception as exc:
                if getattr(builtins, type(exc).__name__, None) is type(exc):
                    out.append({"param": name, "raises": type(exc).__name__})
    finally:
        FACTORY_SECRETS[:] = saved_secrets
        for k, v in saved_env.items():
            if v is not None:
                os.environ[k] = v
    return out


PASSWORD_HASHERS = {("werkzeug.security", "generate_password_hash")}


def fast_password_hashing():
    """Point the repo's password hashing (werkzeug's `generate_password_hash`, imported into an app module) at one
    round of pbkdf2, as a maintainer's test settings would: the same check at login, without the cost of a
    slow hash in every signed-in test. Returns the module attributes it replaced."""
    replaced = []
    for name, module in list(repo_modules()):
        for attr, value in sorted(vars(module).items()):
            if type(value) is type(fast_password_hashing) and (value.__module__, value.__name__) in PASSWORD_HASHERS:
                original = value

                def fast(password, method="pbkdf2:sha256:1", salt_length=16, _hash=original):
                    return _hash(password, method=method, salt_length=salt_length)
                setattr(module, attr, fast)
                replaced.append({"module": name, "attr": attr})
    return replaced


if __name__ == "__main__":
    main()

"""Building the app under test like a maintainer would: find the app or factory, supply factory arguments and
environment values, point databases at a scratch path, run set-up commands, move Flask's instance folder, and
reset module-level state between builds."""

import ast
import contextlib
import functools
import inspect
import json
import os
import re
import sys
import textwrap
import typing
from typing import Any

from .forms import USERS, user_values
from .workspace import APP_FACTORIES, WORK, import_module, module_name, python_files, read, repo_modules, run_cli


def find_app():
    """(kind, module, attr, framework) of the first app or factory, preferring factories (they isolate tests)."""
    found: list[dict[str, Any]] = []
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
            if framework:  # an app object (a proxy such as `current_app` is of no framework class)
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
    if "starlette.Starlette" in cls_names:
        return "starlette"
    return None


def factory_call(func, db_path):
    """Arguments that build the app for a test, and the same as source text for the generated fixture.

    Required parameters always get a value; optional ones only when they name a database, a config mapping or a
    key/secret (apps that refuse to start unconfigured)."""
    args, shown = {}, []
    for param in inspect.signature(func).parameters.values():
        if param.kind == param.VAR_KEYWORD:
            for key, (value, text) in config_overrides(func, param.name, db_path).items():
                args[key] = value
                shown.append(f"{key}={text}")
            continue
        if param.kind == param.VAR_POSITIONAL:
            continue
        name = param.name.lower()
        optional = param.default is not inspect.Parameter.empty
        if optional and ("config" in name or "settings" in name) and not mapping_param(func, param.name):
            continue  # a settings object of the app's own class (`Settings | None = None`): the app makes its own
        if "config" in name or "settings" in name:
            extra = [k for k in database_keys(func) if k not in test_config(db_path)]
            CONFIG_KEYS.update({k: db_source(k.lower()) for k in extra})
            args[param.name] = dict(test_config(db_path), **{k: db_value(k.lower(), db_path) for k in extra})
            for key in config_secrets():  # keys the app checks requests against (`config["API_KEY"]`)
                stem = "test-" + key.lower().replace("_", "-")
                value = {f"{stem}-{n}": f"user-{n}" for n in (1, 2)} if key in config_maps() else signing(stem)
                CONFIG_KEYS[key] = py_literal(value)
                args[param.name][key] = value
                if not SIGNING.search(key):  # a key that signs tokens is no token a request sends
                    FACTORY_SECRETS.extend({"token": token, "role": key_role(key),
                                            "source": f"the app's config[{key!r}]"}
                                           for token in (value if isinstance(value, dict) else [value]))
            text = "TEST_CONFIG"
        elif any(w in name for w in ("db", "database", "path", "dsn", "url")):
            args[param.name], text = db_value(name, db_path), db_source(name)
        elif secret_setting(name) and param_keys(func, param.name):  # `create_app(api_keys="k1=admin,k2=reader")`
            listed = param_keys(func, param.name)
            args[param.name] = listed["value"]
            text = py_literal(listed["value"])
            FACTORY_SECRETS.extend({"token": key, "role": (listed.get("roles") or [listed["role"]] * 2)[i],
                                    "source": f"{func.__module__}.{func.__name__}({param.name}=...)"}
                                   for i, key in enumerate(listed["keys"]))
        elif secret_setting(name) and (made := held_keys(func, param)):  # `api_keys: Mapping[str, Caller]`
            args[param.name] = {key: holder for key, holder, _, _ in made}
            text = "{" + ", ".join(f"{py_literal(key)}: {source}" for key, _, source, _ in made) + "}"
            FACTORY_SECRETS.extend({"token": key, "role": role,
                                    "source": f"{func.__module__}.{func.__name__}({param.name}=...)"}
                                   for key, _, _, role in made)
        elif secret_setting(name) and (kind := collection_kind(param)):  # `api_keys: Mapping[str, str]`
            stem = "test-" + name.replace("_", "-")
            keys = [f"{stem}-{n}" for n in (1, 2)]
            value = {key: f"user-{n}" for n, key in enumerate(keys, start=1)} if kind == "mapping" else keys
            args[param.name], text = value, py_literal(value)
            FACTORY_SECRETS.extend({"token": key, "role": "user",
                                    "source": f"{func.__module__}.{func.__name__}({param.name}=...)"} for key in keys)
        elif secret_setting(name):
            args[param.name] = text_value = "test-" + name.replace("_", "-")
            text = py_literal(text_value)
            FACTORY_SECRETS.append({"token": text_value, "role": key_role(name),
                                    "source": f"{func.__module__}.{func.__name__}({param.name}=...)"})
        elif optional:
            continue
        else:
            args[param.name], text = "test", '"test"'
        shown.append(f"{param.name}={text}")
    return args, shown


def mapping_param(func, name):
    """True unless parameter `name` of `func` is annotated with a class of the app's own that is no mapping (a
    pydantic settings class): unannotated, `dict` and `Mapping` parameters take a config mapping."""
    try:
        hint = typing.get_type_hints(func).get(name)
    except Exception:
        return True
    kinds = [k for k in (typing.get_args(hint) or (hint,)) if k is not type(None)]
    return not kinds or any(not isinstance(k, type) or issubclass(k, dict) or k.__module__ in ("typing", "builtins")
                            or "Mapping" in k.__name__ for k in kinds)


SECRET_NAME = re.compile(r"key|token|secret|password")
MEASURE = {"min", "max", "length", "len", "size", "count", "ttl", "expires", "expiry", "lifetime", "seconds",
           "minutes", "hours", "days", "hash", "method", "rounds", "iterations", "algorithm", "header", "scheme",
           "prefix", "url", "uri", "path", "file"}
"""Words that make a setting about a secret (`MIN_PASSWORD_LENGTH`, `TOKEN_TTL`, `API_KEY_HEADER`) no secret."""

SIGNING = re.compile(r"JWT|SIGN|HMAC", re.I)
KEY_ROLE = re.compile(r"(?:^|_)(ADMIN|STAFF|MANAGER|OPERATOR|MODERATOR|SUPPORT|SERVICE|INTERNAL|ORGANI[SZ]ER|SELLER|"
                      r"VENDOR|MERCHANT|DRIVER|REVIEWER|EDITOR|OWNER|AGENT|PARTNER)(?:_|$)", re.I)


def key_role(key):
    """The role a configured key stands for, by its name (`STAFF_TOKEN`: staff, `ADMIN_KEY`: admin), else a user."""
    match = KEY_ROLE.search(key)
    return match.group(1).lower() if match else "user"
DATABASE_KEY = re.compile(r"^(DATABASE|DB)$|(DATABASE|(^|_)DB)_?(URL|URI|PATH|FILE|DSN|NAME)$|DSN$|_(DB|DATABASE)$")
CONFIG_READ = re.compile(r"""config(?:\.get\(\s*|\[\s*)["']([A-Z][A-Z0-9_]*)["']""")


def secret_setting(name):
    """True for a setting that holds a key, token, secret or password itself."""
    return bool(SECRET_NAME.search(name.lower())) and not set(re.split(r"[^a-z0-9]+", name.lower())) & MEASURE


@functools.cache
def config_secrets():
    """Config keys the repo's code reads that hold a key or token to check requests against (`API_KEY`,
    `ADMIN_TOKEN`); not the session's SECRET_KEY, which the test config sets already."""
    keys = []
    for rel in python_files():
        keys += [k for k in CONFIG_READ.findall(read(rel)) if secret_setting(k) and k != "SECRET_KEY"
                 and not DATABASE_KEY.search(k)]
    return list(dict.fromkeys(keys))


@functools.cache
def config_maps():
    """Config keys of `config_secrets` the code reads as a mapping of tokens to their holders
    (`config["ORGANISER_TOKENS"].get(token)`, `token in config["API_KEYS"]`): two tokens, each a user's."""
    maps = set()
    for rel in python_files():
        text = read(rel)
        for key in config_secrets():
            quoted = rf"""config(?:\.get\(\s*|\[\s*)["']{key}["'](?:\s*,[^)]*)?\s*[\])]"""
            if re.search(quoted + r"\s*(\.(get|items|keys|values)\(|\[)", text) or \
                    re.search(r"\bin\s+(?:\w+\.)*" + quoted, text):
                maps.add(key)
    return maps


def param_keys(func, param):
    """The keys a factory parameter holds when the factory hands it to a function that splits it into keys
    (`parse_api_keys(api_keys)`), as `split_keys` gives them; else None."""
    tree = factory_tree(func)
    if tree is None:
        return None
    reader = next((n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                   and any(isinstance(a, ast.Name) and a.id == param for a in n.args)), None)
    module = parsed_module(func)
    return split_keys(module if module is not None else tree, reader, param) if reader else None


def parsed_module(func):
    try:
        return ast.parse(inspect.getsource(sys.modules[func.__module__]))
    except (KeyError, OSError, TypeError, SyntaxError):
        return None


@functools.cache
def factory_tree(func):
    """The factory's parsed source (once: the app is built for every probe client)."""
    try:
        return ast.parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError):
        return None


@functools.cache
def database_keys(func):
    """Config keys the factory sets or reads that name a database (`DATABASE_URL`, `DB_PATH`), in order."""
    tree = factory_tree(func)
    keys: list[Any] = []
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, ast.Call) and ast.unparse(node.func).endswith(("config.update", "config.from_mapping")):
            keys += [k.arg for k in node.keywords if k.arg]
        elif isinstance(node, ast.Call) and ast.unparse(node.func).endswith("config.get") and node.args:
            keys += [node.args[0].value] if isinstance(node.args[0], ast.Constant) else []
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("config") and \
                isinstance(node.slice, ast.Constant):
            keys.append(node.slice.value)
    return [k for k in dict.fromkeys(keys) if isinstance(k, str) and DATABASE_KEY.search(k)]


def config_overrides(func, name, db_path):
    """Config keys for a factory whose `**name` goes into the app's config (`app.config.update(name)`): TESTING,
    and each database key the factory sets, pointed at the scratch path. Empty when `**name` goes elsewhere."""
    tree = factory_tree(func)
    flows = tree is not None and any(
        isinstance(node, ast.Call) and ast.unparse(node.func).endswith(("config.update", "config.from_mapping"))
        and (any(isinstance(a, ast.Name) and a.id == name for a in node.args) or any(
            k.arg is None and isinstance(k.value, ast.Name) and k.value.id == name for k in node.keywords))
        for node in ast.walk(tree))
    keys = database_keys(func)
    if not flows or not keys:  # without a database key the app would not get its own store
        return {}
    return {"TESTING": (True, "True"), **{key: (db_value(key.lower(), db_path), db_source(key.lower()))
                                          for key in keys}}


def held_keys(func, param):
    """For a key map whose values are objects of the app's own class (`api_keys: Mapping[str, Caller]`, a caller
    with a name, a group and a role), two keys per role the class can be given, each holder made with keyword
    arguments: [(key, holder, its source text, role)]. Roles are the texts of a module constant named for the role
    field (`ROLES = {"viewer", "technician"}`); the two holders of a role are in two groups (`lab-1`, `lab-2`), as the
    plain users of two tenants. [] when the values are no such class or cannot be made."""
    try:
        hint = typing.get_type_hints(func).get(param.name)
    except Exception:
        return []
    args = typing.get_args(hint)
    cls = args[1] if len(args) == 2 else None
    if not isinstance(cls, type) or cls.__module__ in ("builtins", "typing") or "." in cls.__qualname__:
        return []
    try:
        fields = [p for p in inspect.signature(cls).parameters.values() if p.kind != p.VAR_KEYWORD]
    except (TypeError, ValueError):
        return []
    try:
        hints = typing.get_type_hints(cls)  # text annotations (`from __future__ import annotations`) resolved
    except Exception:
        hints = {}
    role_field = next((p for p in fields if ROLE_FIELD.search(p.name)), None)
    roles = holder_roles(role_field, [sys.modules.get(func.__module__), sys.modules.get(cls.__module__)]) \
        if role_field is not None else [None]
    made = []
    for role in roles:
        for n in (1, 2):
            who = re.sub(r"\W", "", f"{role or 'user'}{n}")
            values = {}
            for field in fields:
                if field is role_field:
                    values[field.name] = role
                elif NAME_FIELD.search(field.name):
                    values[field.name] = f"{who}@example.com" if "mail" in field.name else who
                elif field.default is inspect.Parameter.empty:
                    values[field.name] = n if hints.get(field.name, field.annotation) is int else f"{field.name}-{n}"
            try:
                holder = cls(**values)
            except Exception:
                return []
            arguments = ", ".join(f"{k}={v!r}" if isinstance(v, int) else f"{k}={py_literal(v)}"
                                  for k, v in values.items())
            FACTORY_IMPORTS.add(cls.__module__)
            made.append((f"test-{param.name.replace('_', '-')}-{who}", holder,
                         f"{cls.__module__}.{cls.__qualname__}({arguments})", role or "user"))
    return made


ROLE_FIELD = re.compile(r"(^|_)(role|kind|level|tier|permission)s?$", re.I)
NAME_FIELD = re.compile(r"(^|_)(name|user|username|login|email|handle|who)$", re.I)


def holder_roles(field, modules):
    """The roles a holder's role field can take: the texts of a module constant named for the field (`ROLES`,
    `ROLE_CHOICES`), a plain one first, read-only ones next, privileged ones last; else its default, else [None]."""
    stem = field.name.upper().rstrip("S")
    for module in modules:
        for name, value in vars(module or object()).items():
            if name.startswith(stem) and isinstance(value, tuple | list | set | frozenset) and value and \
                    all(isinstance(v, str) for v in value):
                ordered = sorted(value) if isinstance(value, set | frozenset) else list(value)
                return sorted(ordered, key=lambda role: 2 if PRIVILEGED.search(role) else 1 if READ_ONLY.search(
                    role) else 0)  # the tests' plain user first, who reads and writes; the one who may do all last
    return [field.default] if field.default is not inspect.Parameter.empty else [None]


PRIVILEGED = re.compile(r"admin|super|manager|owner|root|staff|lead", re.I)
READ_ONLY = re.compile(r"view|read|guest|audit|observ", re.I)


def collection_kind(param):
    """"mapping" or "sequence" for a parameter annotated as a collection of keys (`Mapping[str, str]`,
    `list[str]`), else None."""
    note = "" if param.annotation is inspect.Parameter.empty else str(param.annotation)
    if re.search(r"Mapping|dict|Dict", note):
        return "mapping"
    if re.search(r"\b(list|List|Sequence|set|Set|frozenset|tuple|Tuple|Iterable|Collection)\b", note):
        return "sequence"
    return None


CONFIG_KEYS: dict[str, str] = {}
"""Database keys of the factory's own config beyond the usual ones (`DATABASE_URL`), each with the source text of
its test value: the generated `_test_config` sets them too."""

FACTORY_IMPORTS: set[str] = set()
"""Modules the factory's arguments name (the class a key map's holders are made of): the tests import them."""

FACTORY_SECRETS: list[dict[str, Any]] = []
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
        self.on_fresh = []
        """Callbacks run when the store starts over (log-ins held for a client are void then)."""
        self.env_databases = {}
        """Database settings read from the environment through cached settings ({name: kind}), when a new value
        per client gives it a new database (see `env_databases`)."""
        self.env_caches = []
        """The repo's `lru_cache`d functions, cleared with each new database (see `cached_functions`)."""
        self.generation = 0
        """Bumped when the store starts over in a way only the app's start-up sees (a new database URL)."""
        self.database_files = {}
        """id(app) -> the database file a factory app was built on (as each test's own is, at `tmp_path/app.db`)."""

    def fresh(self):
        """Start the next client on an empty store (module apps: a new database, module state as imported)."""
        for forget in self.on_fresh:
            forget()
        if self.spec["kind"] == "factory":
            return True
        self.generation += 1  # a start-up (lifespan) fills the new store as each test's own does
        if self.env_databases:
            self.counter += 1
            point_env_databases(self.env_databases, os.path.join(WORK, f"fresh{self.counter}.db"), self.env_caches)
            return True
        if has_engines(self.databases):
            self.counter += 1
            self.swapped = swap_databases(self.databases, os.path.join(WORK, f"fresh{self.counter}.db"))
            return True
        restore_module_state(self.state)
        return bool(self.state)

    def build(self):
        self.counter += 1
        db_path = os.path.join(WORK, f"app{self.counter}.db")
        if has_engines(self.databases) and (self.swapped is None or self.spec["kind"] == "factory"):
            self.swapped = swap_databases(self.databases, db_path)
        if self.spec["kind"] == "module":
            app = self.target
        else:
            FACTORY_SECRETS.clear()
            kwargs, self.shown_args = factory_call(self.target, db_path)
            app = self.target(**kwargs)
            if any("tmp_path" in a or "TEST_CONFIG" in a for a in self.shown_args):
                self.database_files[id(app)] = db_path
        if framework_of(app) == "flask":
            self.setup_commands = run_setup_commands(app)
        return app

    def database_file(self, client):
        """The database file test client `client`'s app was built on, or None."""
        app = getattr(client, "application", None) or getattr(client, "app", None)
        return self.database_files.get(id(app))


def cached_functions():
    """The repo's `lru_cache`d functions (`get_settings`, `get_engine`): settings and engines made once per
    process, which a test clears to make them again from its own environment."""
    return [{"module": name, "attr": attr} for name, module in repo_modules() for attr, value in vars(module).items()
            if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == name]


def point_env_databases(names, path, caches):
    """Point the database settings `names` ({name: kind}) at `path` and clear the repo's cached functions."""
    for name, kind in names.items():
        os.environ[name] = "sqlite:///" + path if kind == "url" else path
    for ref in caches:
        getattr(sys.modules[ref["module"]], ref["attr"]).cache_clear()


def env_databases(builder, env, open_app):
    """Database settings from the environment that a module app reads at start-up (a `lifespan` making tables
    through a cached `get_settings`): {name: kind} when pointing them at a new file and starting the app again
    really makes that file, else {} (the app keeps its first database)."""
    names = {name: spec["kind"] for name, spec in env.items() if spec["kind"] in ("url", "path") and (
        DATABASE_KEY.search(name) or re.search(r"database|(^|_)db(_|$)", name.lower()))}
    if not names or builder.spec["kind"] != "module" or has_engines(builder.databases):
        return {}
    probe = os.path.join(WORK, "fresh-check.db")
    builder.env_caches = cached_functions()
    point_env_databases(names, probe, builder.env_caches)
    try:
        open_app(builder.build())
    except Exception:
        return {}
    return names if os.path.exists(probe) else {}


def sqlalchemy_kind(value):
    """The SQLAlchemy class name of `value` (`Engine`, `sessionmaker`, `MetaData`), or None."""
    for cls in type(value).__mro__:
        if cls.__module__.startswith("sqlalchemy."):
            return cls.__name__
    return None


def find_databases():
    """Module-level SQLAlchemy engines, session factories and table metadata of the repo's modules."""
    found: dict[str, list[Any]] = {"engines": [], "sessionmakers": [], "metadata": [], "async_engines": [],
                                   "async_sessionmakers": []}
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
            elif kind == "AsyncEngine":
                found["async_engines"].append({"module": name, "attr": attr})
            elif kind == "async_sessionmaker":
                found["async_sessionmakers"].append({"module": name, "attr": attr})
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


def has_engines(databases):
    """True when the repo's modules hold an engine of their own (sync or async) to point at a test database."""
    return bool(databases["engines"] or databases["async_engines"])


def swap_databases(databases, db_path):
    """Point every module-level engine and session factory at a temporary SQLite file and create the tables."""
    from sqlalchemy import create_engine

    engine = create_engine("sqlite:///" + db_path, connect_args={"check_same_thread": False})
    for ref in databases["engines"]:
        setattr(sys.modules[ref["module"]], ref["attr"], engine)
    for ref in databases["sessionmakers"]:
        getattr(sys.modules[ref["module"]], ref["attr"]).kw["bind"] = engine
    if databases["async_engines"]:  # one connection per use: each test client runs its own event loop
        from sqlalchemy.ext.asyncio import create_async_engine
        from sqlalchemy.pool import NullPool

        async_engine = create_async_engine("sqlite+aiosqlite:///" + db_path, poolclass=NullPool)
        for ref in databases["async_engines"]:
            setattr(sys.modules[ref["module"]], ref["attr"], async_engine)
        for ref in databases["async_sessionmakers"]:
            getattr(sys.modules[ref["module"]], ref["attr"]).kw["bind"] = async_engine
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
    own = {n for n, _ in repo_modules()}
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
        read_names = {node.id for func in ast.walk(tree) if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef))
                      for node in ast.walk(func) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
        for attr in sorted(changed_names | read_names):
            value = getattr(module, attr, None)
            if attr in changed_names and type(value) in CONTAINER_TYPES:
                try:
                    found.append({"module": name, "attr": attr, "initial": copy.deepcopy(value)})
                except Exception:
                    continue
            elif type(value).__module__ in own and hasattr(value, "__dict__") and \
                    any(type(v) in CONTAINER_TYPES for v in vars(value).values()):  # a repository object
                found.append({"module": name, "attr": attr, "initial": fresh_copy(value), "kind": "object"})
    return shared_once(found)


def shared_once(found):
    """`found` with one entry per object, each naming the other module attributes bound to that same object
    (`from .store import PLAYERS` in another module): a fresh store must replace it under every name at once."""
    seen, out = set(), []
    modules = list(repo_modules())
    for ref in found:
        value = getattr(sys.modules[ref["module"]], ref["attr"], None)
        if id(value) in seen:
            continue
        seen.add(id(value))
        ref["aliases"] = [[name, attr] for name, module in modules for attr, other in list(vars(module).items())
                          if other is value and (name, attr) != (ref["module"], ref["attr"])]
        out.append(ref)
    return out


def fresh_copy(store):
    """`store` with copies of the records it holds (its dicts, lists and sets); a lock or a clock is shared."""
    import copy

    clone = copy.copy(store)
    for attr, value in vars(store).items():
        if type(value) in CONTAINER_TYPES:
            setattr(clone, attr, copy.deepcopy(value))
    return clone


def restore_module_state(state):
    import copy

    for ref in state:
        again = fresh_copy(ref["initial"]) if ref.get("kind") == "object" else copy.deepcopy(ref["initial"])
        for module, attr in [[ref["module"], ref["attr"]], *ref.get("aliases", [])]:
            setattr(sys.modules[module], attr, again)


SETUP_COMMAND = re.compile(r"^(init|create|setup|make)[-_]?(db|database|tables|schema)$|^(initdb|createdb)$")


def run_setup_commands(app):
    """Run the app's own schema set-up CLI commands (`flask init-db`), as its test suite would."""
    names = [name for name in sorted(getattr(app.cli, "commands", {})) if SETUP_COMMAND.match(name.lower())]
    return [name for name in names if run_cli(app, [name])]


def env_reads():
    """Environment variables the repo reads without a default (`os.environ["X"]`, `getenv("X")`), by name. A read
    that tolerates an unset variable (`environ.get("X")`, `getenv("X")`) and nowhere a required one is `optional`."""
    names: dict[str, dict[str, Any]] = {}
    for rel in python_files():
        try:
            tree = ast.parse(read(rel))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            listed = key_list(tree, node)
            if listed:
                names.setdefault(listed.pop("name"), listed)
            key = None
            if isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("environ"):
                key = node.slice
            elif isinstance(node, ast.Call) and not node.keywords and (len(node.args) == 1 or (
                    len(node.args) == 2 and isinstance(node.args[1], ast.Constant) and not node.args[1].value)) and (
                    ast.unparse(node.func).endswith(("environ.get", "getenv"))):  # `environ.get("X", "")` too
                key = node.args[0]
            if isinstance(key, ast.Constant) and isinstance(node, ast.Call) and len(node.args) == 2 and \
                    key.value in names:
                pass  # `environ.get("X_KEYS", "")` already read as a list of keys (or a database): kept as it is
            elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                seen = names.get(key.value)
                optional = isinstance(node, ast.Call) and (seen is None or seen["optional"])
                names[key.value] = test_value(key.value) | {"optional": optional}
            database = database_default(node)
            if database is not None and database[0] not in names:  # `environ.get("APP_DB", "app.sqlite")`
                names[database[0]] = database[1]
            if isinstance(node, ast.ClassDef) and any(ast.unparse(b).endswith("BaseSettings") for b in node.bases):
                for name, setting in settings_fields(node, tree).items():
                    names.setdefault(name, setting)
    return names


def database_default(node):
    """(name, setting) for a database read from the environment with a default (`environ.get("APP_DB",
    "app.sqlite")`, `getenv("DATABASE_URL", "sqlite:///app.db")`): an optional setting pointed at a temporary file,
    a URL when the default is a plain SQLite one; else None."""
    if not (isinstance(node, ast.Call) and len(node.args) == 2 and ast.unparse(node.func).endswith(
            ("environ.get", "getenv")) and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str) and DATABASE_KEY.search(node.args[0].value.upper())):
        return None
    default = node.args[1].value if isinstance(node.args[1], ast.Constant) else None
    url = isinstance(default, str) and "://" in default
    if url and not str(default).startswith("sqlite://"):
        return None  # another driver (`sqlite+aiosqlite`, a server): the engine it makes is swapped instead
    name = node.args[0].value
    value = {"kind": "url", "value": "env.db"} if url else {"kind": "path", "value": re.sub(r"\W+", "_", name.lower())}
    return name, value | {"optional": True}


KEY_LIST = re.compile(r"(keys|tokens)$")
"""A setting naming several keys (`API_KEYS`, `ALLOWED_TOKENS`)."""


def key_list(tree, node):
    """A setting of several keys read with a default (`environ.get("API_KEYS", "")`) and split where it is read or
    by the module function it is handed to (directly, or through the name it is first kept in): two test keys in
    the form that code splits (`key-1,key-2`, or `key-1:user-1,key-2:user-2` when each entry is split again), as
    an optional setting whose keys are known."""
    if not (isinstance(node, ast.Call) and len(node.args) == 2 and ast.unparse(node.func).endswith(
            ("environ.get", "getenv")) and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)):
        return None
    name = node.args[0].value
    kept = next((n.targets[0].id for n in ast.walk(tree) if isinstance(n, ast.Assign) and n.value is node
                 and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name)), None)  # `raw = environ.get(..)`
    reader = next((n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                   and (node in n.args or any(isinstance(a, ast.Name) and a.id == kept for a in n.args))), None)
    listed = split_keys(tree, reader, name, node)
    return listed and {"name": name, **listed}


def split_keys(tree, reader, name, node=None):
    """{kind, value, keys, role(s), optional} for a setting named `name` that the module function `reader` splits
    into keys (or that is split where it is read, `node`), or None."""
    tree, func = defined(tree, reader)
    key_at = key_position(func) if func is not None else None
    if not KEY_LIST.search(name.lower()) and key_at is None:
        return None
    splits = [c for c in ast.walk(func if func is not None else tree) if isinstance(c, ast.Call)
              and isinstance(c.func, ast.Attribute) and c.func.attr in ("split", "partition", "rsplit", "rpartition")
              and (func is not None or c.func.value is node)]  # in the reader, or on the value itself
    given = [c.args[0] if c.args else ast.Constant(" ") for c in splits]  # `.split()`: on spaces
    seps = [g.value for g in given if isinstance(g, ast.Constant) and isinstance(g.value, str)]
    if not seps:
        return None
    params = [a.arg for a in func.args.args] if func is not None else []
    receivers = [getattr(c.func, "value", None) for c in splits]
    first = next((g.value for r, g in zip(receivers, given, strict=True) if isinstance(g, ast.Constant) and (
        (isinstance(r, ast.Name) and r.id in params[:1] and params[:1] != ["self"])  # `value.split(",")`
        or (isinstance(r, ast.Attribute) and r.attr == name))), None)  # a settings method's `self.api_keys.split(",")`
    if first in seps:  # the split of the whole setting is the outer one
        seps.remove(first)
        seps.insert(0, first)
    outer, inner = seps[0], next((s for s in seps[1:] if s != seps[0]), None)
    keys = [f"test-key-{n}" for n in (1, 2)]
    # the part beside the key names its holder: two words when the reader splits it on spaces too, or two of the
    # values the reader checks it against (`if role not in ROLES`)
    allowed = holder_values(tree, func) if func is not None else []
    holders = [f"Test User{n}" if " " in seps[1:] and inner != " " else f"user-{n}" for n in (1, 2)]
    if allowed:
        holders = (allowed * 2)[:2]
    entries = [f"{h}{inner}{k}" if key_at == "last" else f"{k}{inner}{h}" for k, h in zip(keys, holders, strict=True)] \
        if inner else keys
    words = re.split(r"[^a-z0-9]+", name.lower())
    role = "user" if KEY_LIST.search(name.lower()) else singular(words[-1]) or "user"  # `*_INSTRUCTORS`
    return {"kind": "text", "value": outer.join(entries), "keys": keys, "role": role,
            **({"roles": holders} if allowed and inner else {}), "optional": True}


def defined(tree, name):
    """(module tree, function) of the repo function `name`: in `tree`, else in the repo module that defines it
    (`from .auth import parse_keys`); (tree, None) when none does."""
    if name is None:
        return tree, None
    for module in [tree, *(parsed(rel) for rel in python_files())]:
        func = next((n for n in ast.walk(module) if isinstance(n, ast.FunctionDef) and n.name == name), None) \
            if module is not None else None
        if func is not None:
            return module, func
    return tree, None


@functools.cache
def parsed(rel):
    try:
        return ast.parse(read(rel))
    except (SyntaxError, ValueError):
        return None


def holder_values(tree, func):
    """The values a reader accepts for the part beside each key (`if role not in ROLES`, ROLES a module set of
    texts), in the order the module lists them; [] when it checks none."""
    parts = {e.id for n in ast.walk(func) if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Tuple)
             for e in n.targets[0].elts if isinstance(e, ast.Name) and not re.search(r"key|token|secret", e.id)
             and e.id not in ("_", "sep")}
    constants = {t.id: n.value for n in tree.body if isinstance(n, ast.Assign) for t in n.targets
                 if isinstance(t, ast.Name)}
    for node in ast.walk(func):
        if isinstance(node, ast.Compare) and isinstance(node.left, ast.Name) and node.left.id in parts and any(
                isinstance(op, (ast.In, ast.NotIn)) for op in node.ops) and isinstance(node.comparators[0], ast.Name):
            value = constants.get(node.comparators[0].id)
            items = value.keys if isinstance(value, ast.Dict) else getattr(value, "elts", [])
            texts = [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]
            if texts:
                return texts
    return []


def singular(word):
    """`coaches` -> `coach`, `deputies` -> `deputy`, `instructors` -> `instructor`."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    return word.removesuffix("s")


def key_position(func):
    """Where the key is in each entry the reader splits (`name, _, key = entry.rpartition(":")`): "first" or
    "last", or None when no part it unpacks is named for a key."""
    for node in ast.walk(func):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Tuple)
                and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Attribute)
                and node.value.func.attr in ("split", "partition", "rpartition", "rsplit")):
            continue
        parts = [e.id for e in node.targets[0].elts if isinstance(e, ast.Name) and e.id != "_"]
        keyed = [i for i, part in enumerate(parts) if re.search(r"key|token|secret", part, re.I)]
        if keyed and len(parts) >= 2:
            return "first" if keyed[0] == 0 else "last"
    return None


USER_MAP = re.compile(r"(\w+_)?(users|members|people|staff|accounts|logins|passwords|credentials)", re.I)
SEEDED_USERS = {user_values([{"name": "username"}], who)["username"]: user_values([{"name": "password"}], who)[
    "password"] for who in USERS[:2]}
"""A settings map of user names to passwords is given the two test users, as they sign in (`user_values`)."""


SEED_TOKEN = re.compile(r"(api_?)?(token|key)|secret", re.I)
SEED_FLAG = re.compile(r"(is_)?(admin|staff|superuser|manager|moderator|owner)", re.I)


def seed_role(flag):
    """The role a seeded user's flag gives (`is_admin`: "admin")."""
    return re.sub(r"^is_", "", flag.lower())


def seed_list(annotation, tree):
    """The setting's test value for a list of the users to make at start-up (`users: list[SeedUser]`, a model of
    the same module with a name and a password or a token), as JSON: two test users, and where a flag of the model
    gives a role (`is_admin: bool = False`) and they hold tokens, two more of that role; any list of scopes they
    hold is every scope the app declares. Users holding tokens are keys the tests send (`keys`, with their
    `roles`). None when the model needs something else."""
    match = re.fullmatch(r"list\[(\w+)\]", ast.unparse(annotation))
    model = next((n for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and match and n.name == match.group(1)),
                 None)
    if model is None:
        return None
    fields = [s for s in model.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
    names = [f.target.id for f in fields if isinstance(f.target, ast.Name)]
    password = next((n for n in names if "pass" in n.lower()), None)
    token = None if password else next((n for n in names if SEED_TOKEN.fullmatch(n)), None)
    login = next((n for n in names if re.fullmatch(r"user_?name|name|login|email", n, re.I)), None)
    if (password is None and token is None) or login is None:
        return None
    flags = [f.target.id for f in fields if isinstance(f.target, ast.Name) and ast.unparse(f.annotation) == "bool"
             and SEED_FLAG.fullmatch(f.target.id) and isinstance(f.value, ast.Constant) and f.value.value is False]
    if password is not None:
        flags = []  # users who sign in with a password: the two of before
    people = [(who, "user") for who in USERS[:2]] + [
        (f"{seed_role(flag)}{n}", flag) for flag in flags for n in (1, 2)]
    users = []
    for who, flag in people:
        user: dict[str, Any] = user_values([{"name": name} for name in (login, password) if name], who)
        if token is not None:
            user[token] = f"test-{token.replace('_', '-')}-{who}"
        for f in fields:
            name = f.target.id if isinstance(f.target, ast.Name) else ""
            if name in user:
                continue
            if name in flags:
                user[name] = name == flag
            elif re.fullmatch(r"scopes|permissions", name, re.I) and declared_scopes():
                user[name] = declared_scopes()
            elif f.value is None:
                return None  # a field the test cannot know how to fill
        users.append(user)
    spec: dict[str, Any] = {"kind": "text", "value": json.dumps(users), "optional": True}
    if token is not None:
        spec |= {"keys": [u[token] for u in users], "roles": [
            "user" if flag == "user" else seed_role(flag) for _, flag in people]}
    return spec


@functools.cache
def declared_scopes():
    """Every OAuth2 scope the app declares (`OAuth2PasswordBearer(..., scopes={...})`, literal or a module
    constant)."""
    found: list[str] = []
    trees = []
    for rel in python_files():
        with contextlib.suppress(SyntaxError):
            trees.append(ast.parse(read(rel)))
    constants = {t.id: n.value for tree in trees for n in tree.body if isinstance(n, ast.Assign)  # any module's
                 for t in n.targets if isinstance(t, ast.Name) and isinstance(n.value, ast.Dict)}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and ast.unparse(node.func).endswith(("OAuth2PasswordBearer",
                                                                              "OAuth2AuthorizationCodeBearer")):
                for kw in node.keywords:
                    given = constants.get(kw.value.id) if isinstance(kw.value, ast.Name) else kw.value
                    if kw.arg == "scopes" and isinstance(given, ast.Dict):
                        found += [k.value for k in given.keys if isinstance(k, ast.Constant)
                                  and isinstance(k.value, str) and k.value not in found]
    return found


def settings_fields(cls, tree=None):
    """The environment variables a pydantic `BaseSettings` class reads that a test must set: fields without a
    default, and (optional) the ones naming a database, a key or a token, which a test points at a temporary file
    or gives a known value (an admin key set at start-up is a key the tests can use)."""
    prefix = ""
    for node in ast.walk(cls):
        named = (node.arg == "env_prefix") if isinstance(node, ast.keyword) else isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "env_prefix" for t in node.targets)
        value = getattr(node, "value", None)
        if named and isinstance(value, ast.Constant):
            prefix = str(value.value)
    out = {}
    for stmt in cls.body:
        if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)) or \
                stmt.target.id == "model_config":
            continue
        field, kind = stmt.target.id, ast.unparse(stmt.annotation)
        if USER_MAP.fullmatch(field) and re.fullmatch(r"dict\[str, *str\]", kind):
            out[(prefix + field).upper()] = {"kind": "text", "value": json.dumps(SEEDED_USERS), "optional": True}
            continue
        seeded = seed_list(stmt.annotation, tree) if USER_MAP.fullmatch(field) and tree is not None else None
        if seeded is not None:
            out[(prefix + field).upper()] = seeded
            continue
        splitter = next((n.name for n in cls.body if isinstance(n, ast.FunctionDef) and any(
            isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute) and ast.unparse(c.func.value) ==
            f"self.{field}" and c.func.attr in ("split", "partition") for c in ast.walk(n))), None)
        listed = split_keys(tree, splitter, field) if splitter and tree is not None else None
        if listed:  # `api_keys: str` that a method of the class splits into keys (`key=name,...`)
            out[(prefix + field).upper()] = listed
            continue
        wanted = secret_setting(field) or DATABASE_KEY.search(field.upper())
        if stmt.value is not None and not wanted:
            continue
        name = (prefix + field).upper()
        value = test_value(name)
        if re.fullmatch(r"(int|float)( \| None)?", kind) and value["kind"] == "text":
            value = {"kind": "text", "value": "10"}
        out[name] = value | {"optional": stmt.value is not None}
    return out | basic_pairs(cls, prefix, out)


def basic_pairs(cls, prefix, out):
    """A password setting beside the user name it goes with (`admin_username` / `admin_password`): the name and
    password an HTTP Basic guard compares with, so the pair is a credential (an admin's when named so)."""
    fields = {s.target.id: s for s in cls.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)}
    pairs = {}
    for field in fields:
        name = (prefix + field).upper()
        stem = re.fullmatch(r"(\w*?)_?password", field, re.I)
        if not stem or name not in out:
            continue
        user = next((f for f in fields if re.fullmatch(rf"{stem.group(1)}_?(user_?name|user|login)", f, re.I)), None)
        default = getattr(fields[user], "value", None) if user else None
        if user is None or not ((isinstance(default, ast.Constant) and isinstance(default.value, str))
                                or (prefix + user).upper() in out):
            continue
        pairs[name] = dict(out[name], basic_user={
            "setting": (prefix + user).upper(), "default": getattr(default, "value", None)})
    return pairs


def env_credentials(env):
    """Keys and tokens the tests set in the environment (`ADMIN_API_KEY`): credentials the app accepts once it
    has started with them (a signing secret or a password is not one, unless a user name setting goes with it)."""
    listed = [{"token": key, "role": (spec.get("roles") or [spec.get("role", "user")] * 2)[i],
               "source": f"the {name} setting"}
              for name, spec in env.items() if name in os.environ for i, key in enumerate(spec.get("keys", []))]
    for name, spec in env.items():
        user = spec.get("basic_user")
        if user and name in os.environ and os.environ.get(user["setting"], user["default"]):
            listed.append({"token": f"{os.environ.get(user['setting'], user['default'])}:{os.environ[name]}",
                           "role": "admin" if "admin" in name.lower() else "user", "basic_pair": True,
                           "source": f"the {user['setting']} and {name} settings"})
    return listed + [{"token": os.environ[name], "role": key_role(name),
                      "source": f"the {name} setting"} for name in env if not env[name].get("keys")
            if re.search(r"api_?key|(^|_)key$|token", name.lower()) and not re.search(
                r"secret|jwt|sign|hash|crypt|cipher|fernet|private|public|minute|second|hour|days?$|ttl|expir|"
                r"lifetime|length|size|url", name.lower())
            and name in os.environ and not os.environ[name].isdigit()]  # not how long a token lives


def test_value(name):
    """A test value for a setting, from its name (kind `url`, `path` or `text`): databases point at a temporary
    file, the rest is a recognisable test string."""
    lowered = name.lower()
    if re.search(r"database_url|db_url|dsn|database_uri|sqlalchemy", lowered):
        return {"kind": "url", "value": "env.db"}
    if re.search(r"path|dir|file|folder", lowered) or re.search(r"(^|_)(database|db)$", lowered):
        return {"kind": "path", "value": re.sub(r"\W+", "_", lowered)}
    if set(re.split(r"[^a-z0-9]+", lowered)) & {"port", "timeout", "ttl", "size", "limit", "max", "min", "count"}:
        return {"kind": "text", "value": "10"}
    return {"kind": "text", "value": signing("test-" + re.sub(r"[^a-z0-9]+", "-", lowered).strip("-"))}


def signing(value):
    """A key that signs tokens is long enough for HMAC-SHA256 (PyJWT warns below 32 bytes)."""
    return value + "-long-enough-to-sign" if SIGNING.search(value) and len(value) < 32 else value


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

        flask.Flask.auto_find_instance_path = lambda self: os.path.join(WORK, "instance")  # type: ignore[method-assign]

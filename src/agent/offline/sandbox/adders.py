"""Users made by a function of the app's own when no route signs them up: `add_user(db, email, name, password)`
behind a shell command, `add_member(path, username, password, team)` beside the schema. The tests call it on the
test's own database, as the app's maintainers do in their fixtures, then log in through the app's login route."""

import ast
import inspect
import re

from .forms import USERS, user_values
from .logins import USER_FIELD, TokenLogins
from .workspace import import_module, module_name, python_files, read

MAKER = re.compile(r"^(add|create|make|new|insert|invite|seed)_", re.I)
STORE_KINDS = ("session", "sqlite3", "url", "path")


def store_kind(param):
    """How the function is handed the database, from its first parameter: a SQLAlchemy `Session`, a sqlite3
    connection, a database URL or a file path; None when it is none of these."""
    note = "" if param.annotation is inspect.Parameter.empty else str(param.annotation)
    name = param.name.lower()
    if "Session" in note or (not note and name in ("db", "session", "db_session", "dbsession")):
        return "session"
    if "sqlite3" in note or "Connection" in note or (not note and name in ("conn", "connection", "con")):
        return "sqlite3"
    if note and not re.search(r"\bstr\b|Path|PathLike", note):
        return None
    if re.search(r"url|dsn", name):
        return "url"
    if re.search(r"path|database|^db|file", name):
        return "path"
    return None


def candidates():
    """(module, function name) of the repo's functions that make something with a password: their name starts
    with a verb that adds (`add_`, `create_`), they take a password and not a hash."""
    for rel in python_files():
        try:
            tree = ast.parse(read(rel))
        except (SyntaxError, ValueError):
            continue
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or not MAKER.match(node.name):
                continue
            names = [a.arg.lower() for a in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]]
            if any("pass" in n and "hash" not in n for n in names):
                yield module_name(rel), node.name


def find_adder():
    """{"func", "module", "attr", "store"} of the function that adds a user on a database it is handed, or None."""
    for module, attr in candidates():
        try:
            func = getattr(import_module(module), attr)
            params = list(inspect.signature(func).parameters.values())
        except Exception:
            continue
        kind = store_kind(params[0]) if params else None
        if kind is not None:
            return {"func": func, "module": module, "attr": attr, "store": kind}
    return None


def adder_call(func, login_user, who):
    """(args, kwargs) that add test user `who` (after the store): the login's own values for the parameters it
    shares (`email`, `password`), the name it logs in with for one that names the user, a value of the user's own
    for any other required one; optional ones keep their defaults."""
    params = list(inspect.signature(func).parameters.values())[1:]
    names = {p.name for p in params}
    password = next((v for k, v in login_user.items() if "pass" in k.lower()), f"pw-{who}-12345")
    named_by = next((v for k, v in login_user.items() if "pass" not in k.lower() and k not in names), None)
    args, kwargs = [], {}
    for p in params:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        lowered = p.name.lower()
        if p.name in login_user:
            value = login_user[p.name]
        elif "pass" in lowered:
            value = password
        elif p.default is not p.empty:
            continue
        elif USER_FIELD.search(lowered) and named_by is not None and "mail" not in lowered:
            value, named_by = named_by, None  # the login names the user by it (`username` given to `name`)
        elif "mail" in lowered or USER_FIELD.search(lowered):
            value = user_values([{"name": p.name}], who)[p.name]
        else:
            note = "" if p.annotation is p.empty else str(p.annotation)
            value = 1 if re.search(r"\bint\b", note) else True if re.search(r"\bbool\b", note) else f"{who}-{p.name}"
        if p.kind == p.KEYWORD_ONLY:
            kwargs[p.name] = value
        else:
            args.append(value)
    return args, kwargs


def open_store(kind, path):
    """(the store to hand the function, a function that commits and closes it) for the database file `path`."""
    if kind == "session":
        from sqlalchemy import create_engine
        from sqlalchemy.orm import Session
        engine = create_engine("sqlite:///" + path)
        session = Session(engine)

        def done():
            session.commit()
            session.close()
            engine.dispose()
        return session, done
    if kind == "sqlite3":
        import sqlite3
        conn = sqlite3.connect(path)

        def close():
            conn.commit()
            conn.close()
        return conn, close
    return ("sqlite:///" + path if kind == "url" else path), lambda: None


class AddedLogins(TokenLogins):
    """Two users added by the app's own function on each app's database, who log in through its login route."""

    def __init__(self, adder, login, send, database_of):
        super().__init__(None, login, send)
        self.adder = adder
        self.database_of = database_of
        """The database file a test client's app was built on, or None."""
        for who, user in zip(USERS, self.users, strict=False):
            args, kwargs = adder_call(adder["func"], user, who)
            user["__adder__"] = {"args": args, "kwargs": kwargs}

    def add(self, c, made):
        """Call the function for a user on `c`'s database: True when it returned."""
        path = self.database_of(c)
        if path is None:
            return False
        store, done = open_store(self.adder["store"], path)
        try:
            self.adder["func"](store, *made["args"], **made["kwargs"])
            done()
        except Exception:
            return False
        return True

    def fetch(self, c, user):
        if not self.add(c, user["__adder__"]):
            return None
        return super().fetch(c, {k: v for k, v in user.items() if k != "__adder__"})

    def observe(self, client):
        """The login route's answers (see TokenLogins.observe), the first user added before each."""
        send = self.send

        def added_first(c, route, body, headers=None):
            if route is self.login and not getattr(c, "_assay_added", False):
                c._assay_added = self.add(c, self.users[0]["__adder__"])
            return send(c, route, body, headers)

        self.send = added_first
        try:
            out = super().observe(client)
        finally:
            self.send = send
        out["adder"] = self.plain_adder()
        out["added"] = self.users[0]["__adder__"]
        return out

    def plain_adder(self):
        return {"module": self.adder["module"], "attr": self.adder["attr"], "store": self.adder["store"]}

    def credentials(self, c):
        creds = super().credentials(c)
        for cred in creds:
            cred["login"]["adder"] = self.plain_adder()
        return creds

    def source(self):
        return f"added by the app's {self.adder['module']}.{self.adder['attr']} on the test's database and logged in " \
            f"through POST {self.login['path']}"

"""Users made by a function of the app's own when no route signs them up: `create_account(session, login,
password)` behind a shell command, `new_writer(path, handle, password, desk)` beside the schema. The tests call it on
the test's own database, as the app's maintainers do in their fixtures, then log in through the app's login route."""

import ast
import contextlib
import inspect
import re
from typing import Any

from .forms import USERS, user_values
from .logins import NOT_A_ROLE, USER_FIELD, TokenLogins
from .seeds import ROLE_COLUMN
from .workspace import import_module, module_name, python_files, read, textwrap_dedent

MAKER = re.compile(r"^(add|create|make|new|insert|invite|seed)_", re.I)
PRIVILEGED = re.compile(r"admin|super|root|staff|owner", re.I)


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
    """{"func", "module", "attr", "store"} of the function that adds a user on a database it is handed, or None.
    One named for a privileged account (`create_superuser`) only when no other does: its users are no plain ones."""
    for module, attr in sorted(candidates(), key=lambda found: bool(PRIVILEGED.search(found[1]))):
        try:
            func = getattr(import_module(module), attr)
            params = list(inspect.signature(func).parameters.values())
        except Exception:
            continue
        kind = store_kind(params[0]) if params else None
        if kind is not None:
            return {"func": func, "module": module, "attr": attr, "store": kind}
    return None


def adder_roles(func):
    """[(parameter, value, role name)] the function can give a user beyond its defaults: True for a flag that is
    False unless asked (`moderator`, `is_admin`; not one that says how to add, `commit=False`), and each other text a
    role parameter (`role="reader"`) is compared with in its code (`if role not in ("reader", "editor")`). At most
    two."""
    try:
        params = list(inspect.signature(func).parameters.values())[1:]
        tree = ast.parse(textwrap_dedent(inspect.getsource(func)))
    except (OSError, TypeError, ValueError, SyntaxError):
        return []
    out: list[tuple[Any, Any, str]] = []
    for p in params:
        if p.default is False and not NOT_A_ROLE.match(re.sub(r"^(is|as|make)_", "", p.name)):
            out.append((p, True, re.sub(r"^(is|as|make)_", "", p.name)))
        elif isinstance(p.default, str) and ROLE_COLUMN.match(p.name):
            named = [c for node in ast.walk(tree) if isinstance(node, ast.Compare)
                     and any(isinstance(x, ast.Name) and x.id == p.name for x in [node.left, *node.comparators])
                     for side in [node.left, *node.comparators]
                     for c in (side.elts if isinstance(side, (ast.Tuple, ast.List, ast.Set)) else [side])
                     if isinstance(c, ast.Constant) and isinstance(c.value, str)]
            out += [(p, str(c.value), str(c.value)) for c in named
                    if c.value != p.default and re.fullmatch(r"[\w-]{2,30}", str(c.value))]
    return list({role: (p, v, role) for p, v, role in out}.values())[:2]


def adder_values(func, login_user, who):
    """{parameter: value} that add test user `who` (after the store): the login's own values for the parameters
    it shares (`email`, `password`), the name it logs in with for one that names the user, and for any other
    required one a value of the user's own (`"alice-team"`); optional ones keep their defaults."""
    params = list(inspect.signature(func).parameters.values())[1:]
    names = {p.name for p in params}
    password = next((v for k, v in login_user.items() if "pass" in k.lower()), f"pw-{who}-12345")
    named_by = next((v for k, v in login_user.items() if "pass" not in k.lower() and k not in names), None)
    values = {}
    for p in params:
        lowered = p.name.lower()
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        if p.name in login_user:
            values[p.name] = login_user[p.name]
        elif "pass" in lowered:
            values[p.name] = password
        elif p.default is not p.empty:
            continue
        elif USER_FIELD.search(lowered) and named_by is not None and "mail" not in lowered:
            values[p.name], named_by = named_by, None  # the login names the user by it (`username` given to `name`)
        elif "mail" in lowered or USER_FIELD.search(lowered):
            values[p.name] = user_values([{"name": p.name}], who)[p.name]
        else:
            note = "" if p.annotation is p.empty else str(p.annotation)
            values[p.name] = 1 if re.search(r"\bint\b", note) else True if re.search(r"\bbool\b", note) \
                else f"{who}-{p.name}"
    return values


def as_call(func, values):
    """{"args", "kwargs"} that pass `values` ({parameter: value}) after the store: positional parameters in order
    up to the first one left at its default, every later one by name."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    by_name = False
    for p in list(inspect.signature(func).parameters.values())[1:]:
        if p.name not in values:
            by_name = by_name or p.kind != p.VAR_POSITIONAL
        elif p.kind == p.POSITIONAL_ONLY or (p.kind == p.POSITIONAL_OR_KEYWORD and not by_name):
            args.append(values[p.name])
        else:
            kwargs[p.name] = values[p.name]
    return {"args": args, "kwargs": kwargs}


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
            user["__adder__"] = as_call(adder["func"], adder_values(adder["func"], user, who))

    def add_roles(self, client):
        """Two more users of each role the function gives (see `adder_roles`), each in the groups of the plain
        user of their rank (a moderator of alice's team), kept when both log in. True when any."""
        func = self.adder["func"]
        plain = [adder_values(func, user, who) for who, user in zip(USERS, self.users[:2], strict=False)]
        added = False
        for param, value, role in adder_roles(func):
            for n, base in enumerate(plain, start=1):
                who = re.sub(r"\W", "", f"{role}{n}")
                user = user_values(self.fills[id(self.login)], who)
                values = adder_values(func, user, who)
                for name, made_up in values.items():  # a value made up for the user: the plain user's group
                    if made_up == f"{who}-{name}":
                        values[name] = base[name]
                user["__adder__"] = as_call(func, dict(values, **{param.name: value}))
                self.users.append(user)
                self.roles.append(role)
            c = client()
            if self.token(c, len(self.users) - 2) is None or self.token(c, len(self.users) - 1) is None:
                del self.users[-2:], self.roles[-2:]
                self.forget()
                continue
            added = True
        return added

    def add(self, c, made):
        """Call the function for a user on `c`'s database: True when it returned."""
        path = self.database_of(c)
        if path is None:
            return False
        done = None
        try:  # an app without the library a store needs, or a function that refuses: no user
            store, done = open_store(self.adder["store"], path)
            self.adder["func"](store, *made["args"], **made["kwargs"])
        except Exception:
            return False
        finally:
            if done is not None:
                with contextlib.suppress(Exception):
                    done()
        return True

    def fetch(self, c, user):
        if not self.add(c, user["__adder__"]):
            self.answered = None
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

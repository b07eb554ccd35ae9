"""Users made through the app's own ORM model when no route and no command makes them (a Flask-SQLAlchemy `User`
with a `set_password` method or a password hash column), then logged in through the app's login route: the tests
add them in the app context, as the app's maintainers' fixtures do."""

import re

from .forms import USERS
from .logins import TokenLogins
from .workspace import repo_modules

USER_MODEL = re.compile(r"user|member|account|staff|customer|person|employee|admin", re.I)
ROLE_COLUMN = re.compile(r"^(role|kind|type|group|rank|level)$", re.I)


def user_model(app):
    """{"cls", "db", "password", "setter", "role", "columns"} for the app's user model, or None: a model of the app's
    Flask-SQLAlchemy instance with a password column or a `set_password` method (one named for users first).
    `columns` are the ones a row needs a value for (not null, no default, not the key), with their kind."""
    db = (getattr(app, "extensions", None) or {}).get("sqlalchemy")
    if db is None:
        return None
    from sqlalchemy import inspect  # present whenever the app has Flask-SQLAlchemy
    model = getattr(db, "Model", None)
    registry = getattr(model, "registry", None)
    for mapper in sorted(getattr(registry, "mappers", ()), key=lambda m: (not USER_MODEL.search(m.class_.__name__),
                                                                           m.class_.__name__)):
        cls = mapper.class_  # a model named for users first; else any with a password (`Clerk`)
        columns = list(mapper.columns)
        password = next((c.key for c in columns if "password" in c.key.lower()), None)
        setter = next((name for name in ("set_password", "password_set") if callable(getattr(cls, name, None))), None)
        if password is None and setter is None:
            continue
        role = next((c for c in columns if ROLE_COLUMN.match(c.key) and c.type.python_type is str), None)
        needed = needed_columns(columns, password)
        parents = {}  # a column pointing to another model's row (`team_id`): that row is made first
        for c in columns:
            target = next(iter(c.foreign_keys), None) if c.key in needed else None
            if target is None:
                continue
            parent = next((m.class_ for m in getattr(registry, "mappers", ())
                           if getattr(m, "local_table", None) is target.column.table), None)
            if parent is not None and parent is not cls:
                parents[c.key] = {"cls": parent, "ref": target.column.key,
                                  "columns": needed_columns(list(inspect(parent).columns), None)}
                del needed[c.key]
        default = getattr(getattr(role, "default", None), "arg", None) if role is not None else None
        if db_module(db) is None:
            return None  # the tests could not reach the instance to add a user with
        return {"cls": cls, "db": db, "password": password, "setter": setter,
                "role": role.key if role is not None else None,
                "default_role": default if isinstance(default, str) else None, "columns": needed,
                "parents": parents}
    return None


def needed_columns(columns, password):
    """The columns a row needs a value for (not null, no default, not the key nor the password), with their kind."""
    return {c.key: c.type.python_type.__name__ for c in columns
            if not c.primary_key and not c.nullable and c.default is None and c.server_default is None
            and c.key != password}


def column_value(name, kind, who):
    """A value for a column the row needs, for test user `who`."""
    lowered = name.lower()
    if kind == "str":
        return f"{who}@example.com" if "mail" in lowered else f"{who}_user"
    if kind == "bool":
        return True
    if kind in ("int", "float", "Decimal"):
        return 1
    return None


class SeededLogins(TokenLogins):
    """Two users of each role, added through the app's user model (`User(...)`, `set_password`, commit) on each
    app that needs them, who log in through the app's login route."""

    def __init__(self, model, login, send, roles=()):
        super().__init__(None, login, send)
        self.model = model
        fields = [f["name"] for f in self.fills[id(login)]]
        self.users, self.roles = [], []
        plain = model["default_role"] or "user"  # what a user made without a role is
        for role in [plain, *roles]:
            for n in (1, 2):
                who = USERS[n - 1] if role == plain else re.sub(r"\W", "", f"{role}{n}")
                row = {name: column_value(name, kind, who) for name, kind in model["columns"].items()}
                if model["role"] and role != plain:
                    row[model["role"]] = role
                user = {f: row.get(f, f"pw-{who}-12345" if "pass" in f.lower() else f"{who}_user") for f in fields}
                for f in fields:  # the login names the user by a column the row has (`email`)
                    if f in row:
                        user[f] = row[f]
                password = next(user[f] for f in fields if "pass" in f.lower())
                parents = {key: {"module": parent["cls"].__module__, "cls": parent["cls"].__name__,
                                 "ref": parent["ref"],
                                 "row": {name: column_value(name, kind, who)
                                         for name, kind in parent["columns"].items()}}
                           for key, parent in model.get("parents", {}).items()}  # one of its own per user
                user["__model__"] = {"row": {k: v for k, v in row.items() if v is not None}, "password": password,
                                     **({"parents": parents} if parents else {})}
                self.users.append(user)
                self.roles.append(role)

    def observe(self, client):
        """Nothing: a login test would need the user added first, and one sent without it only shows that
        nobody logs in (a right password answered 401 would read as a finding it is not)."""
        raise LookupError("the users are added through the model, not by the login route's own tests")

    def fetch(self, c, user):
        """Add `user` through the model on `c`'s app, then log in: the token the login answers, or None."""
        if not self.seed(c.application, user["__model__"]):
            return None
        return super().fetch(c, {k: v for k, v in user.items() if k != "__model__"})

    def seed(self, app, made):
        model = self.model
        try:
            with app.app_context():
                values = dict(made["row"])
                for key, parent in made.get("parents", {}).items():
                    held = model["parents"][key]["cls"](**parent["row"])
                    model["db"].session.add(held)
                    model["db"].session.flush()
                    values[key] = getattr(held, parent["ref"])
                row = model["cls"](**values)
                if model["setter"]:
                    getattr(row, model["setter"])(made["password"])
                else:
                    from werkzeug.security import generate_password_hash
                    setattr(row, model["password"], generate_password_hash(made["password"], method="pbkdf2:sha256:1"))
                model["db"].session.add(row)
                model["db"].session.commit()
        except Exception:
            return False
        return True

    def credentials(self, c):
        creds = super().credentials(c)
        model = self.model
        for cred in creds:
            cred["login"]["model"] = {"module": model["cls"].__module__, "cls": model["cls"].__name__,
                                      "db_module": db_module(model["db"]), "setter": model["setter"],
                                      "password": model["password"]}
        return creds

    def source(self):
        return f"added through the app's {self.model['cls'].__name__} model and logged in through POST " \
            f"{self.login['path']}"


def db_module(db):
    """The module of the app's own that holds its Flask-SQLAlchemy instance (one named for it first:
    `extensions`, `db`), and the name it has there; None when none of the repo's modules holds it."""
    held = [{"module": name, "name": attr} for name, module in repo_modules()
            for attr, value in vars(module).items() if value is db]
    return next((h for h in held if re.search(r"ext|db|database", h["module"].rsplit(".", 1)[-1])),
                held[0] if held else None)

"""Token logins for JSON APIs: sign up and log in through the app's own routes, then send the token it answers.

A token belongs to the app (and database) it was issued by, so it is fetched per test client, when a request first
needs it. Until then a request carries a placeholder (`assay-login:0`), which `TokenLogins.rewrite` swaps for the
client's real token."""

import base64
import inspect
import re

from .credentials import is_basic
from .forms import AUTH_PATHS, USERS, user_values
from .workspace import cli_output, run_cli

PLACEHOLDER = "assay-login:"
LOGIN_PATH = AUTH_PATHS["login"] + r"|token|sessions?$|auth$"
TOKEN_FIELD = re.compile(r"^(access_?token|token|jwt|id_?token|auth_?token)$", re.I)
SECOND_TOKEN = re.compile(r"token|refresh|key|secret|session", re.I)
USER_FIELD = re.compile(r"user|email|login|name|account", re.I)


def credential_fields(route):
    return [f for f in route["body"] if re.search(r"pass", f["name"], re.I)]


def find_token_login(routes):
    """(register route or None, login route) of an API that logs in with a password posted to a route of its own
    (`POST /token`, `POST /login`), or None."""
    posts = [r for r in routes if r["method"] == "POST" and "{" not in r["path"] and credential_fields(r)]
    login = next((r for r in posts if re.search(LOGIN_PATH, r["path"].rsplit("/", 1)[-1], re.I)), None)
    if login is None:
        return None
    open_posts = [r for r in posts if r is not login and not r["auth"]]
    register = next((r for r in open_posts if re.search(AUTH_PATHS["register"] + r"|(users|accounts)/?$", r["path"],
                                                        re.I)), None)
    return register, login


def token_in(data):
    """The token a login answered: a string under a token-like key, or the whole answer when it is a string."""
    if isinstance(data, str) and len(data) >= 8:
        return data, None
    if isinstance(data, dict):
        for key, value in data.items():
            if TOKEN_FIELD.match(key) and isinstance(value, str) and value:
                return value, key
    return None, None


def filled(route):
    """The fields a user fills in on a sign-up or log-in route: the required ones, their name and password (not an
    OAuth2 form's optional `scope` or `client_id`)."""
    return [f for f in route["body"] if f.get("required", True) or "pass" in f["name"].lower()
            or (USER_FIELD.search(f["name"]) and not re.search(r"client|scope", f["name"]))]


class TokenLogins:
    """Two users who sign up and log in on each client that needs them."""

    def __init__(self, register, login, send):
        self.register, self.login, self.send = register, login, send
        self.fills = {id(r): filled(r) for r in (register, login) if r is not None}
        fields = {f["name"]: f for r in (register, login) if r is not None for f in self.fills[id(r)]}
        self.users = [user_values(list(fields.values()), who) for who in USERS[:2]]
        self.field = None
        self.status = None
        self.tokens = {}  # id(client) -> (client, [token per user]); the client is kept so its id stays its own
        self.roles = ["user"] * len(self.users)
        """The role each user signed up with: "user", or a value of the sign-up's role field (`seller`)."""
        self.align()

    def add_role(self, field, value):
        """Two more users who sign up with `field` set to `value` (a `role` of `seller`); their indexes."""
        fills = self.fills[id(self.register)]
        if not any(f["name"] == field["name"] for f in fills):
            fills.append(field)
        fields = {f["name"]: f for r in (self.register, self.login) if r is not None for f in self.fills[id(r)]}
        for n in (1, 2):
            user = user_values([f for f in fields.values() if f is not field], re.sub(r"\W", "", f"{value}{n}"))
            self.users.append(dict(user, **{field["name"]: value}))
            self.roles.append(str(value))
        self.align()
        return [len(self.users) - 2, len(self.users) - 1]

    def add_cli_role(self, command, role):
        """Two more users with `role`, made by the app's own CLI command (`flask add-agent EMAIL NAME
        --password PW`), or promoted by it after signing up (`flask make-moderator NAME`); their indexes."""
        fields = {f["name"]: f for r in (self.register, self.login) if r is not None for f in self.fills.get(id(r), [])}
        for n in (1, 2):
            who = re.sub(r"\W", "", f"{role}{n}")
            user = user_values(list(fields.values()), who)
            args, promote = cli_args(command, who, role)
            user["__cli__"] = {"args": args, "promote": promote}
            self.users.append(user)
            self.roles.append(role)
        return [len(self.users) - 2, len(self.users) - 1]

    def made_by(self, command):
        """The two users are made by the app's own CLI command (`flask create-user NAME PASSWORD`, its role left
        at its default), since no route signs them up; then one more pair per other role it can give. Those
        pairs' indexes."""
        choice = next((p for p in command.params if getattr(getattr(p, "type", None), "choices", None)), None)
        default = default_role(command)
        for who, user in zip(USERS, self.users, strict=False):
            user["__cli__"] = {"args": cli_args(command, who, default)[0], "promote": False}
        others = [str(c) for c in (choice.type.choices if choice is not None else []) if str(c) != default]
        others += [role for role in map(flag_role, command.params) if role]
        return [self.add_cli_role(command, role) for role in others]

    def made_by_cli(self, c, user):
        """Run the CLI command that makes (or promotes) `user`, signing up first when it promotes; True when it
        exited 0."""
        cli = user["__cli__"]
        if cli["promote"] and self.register is not None:
            self.send(c, self.register, self.body(self.register, user))
        return run_cli(c.application, cli["args"])

    def drop_role(self):
        """Take back the last two users `add_role` made (their role opened nothing)."""
        del self.users[-2:], self.roles[-2:]
        self.forget()

    def align(self):
        """An OAuth2 form's `username` is the email signed up with."""
        signed = {f["name"] for f in self.fills[id(self.register)]} if self.register is not None else set()
        email = next((n for n in signed if "mail" in n.lower()), None)
        for f in self.fills[id(self.login)] if email and self.login is not None else []:
            if f["name"] not in signed and re.search(r"user|login", f["name"], re.I):
                for user in self.users:
                    user[f["name"]] = user[email]

    issuer: str | None = None
    """The admin token that makes the users (IssuedKeys), or None: they sign up themselves."""

    cookie = None
    """The cookie a login sets that the app reads the session from (`APIKeyCookie`), when it answers no token."""

    def token(self, c, index):
        """User `index`'s token on client `c`, fetched the first time it is asked for."""
        held = self.tokens.setdefault(id(c), (c, [None] * len(self.users)))[1]
        held += [None] * (len(self.users) - len(held))
        if held[index] is None:
            held[index] = self.fetch(c, self.users[index])
        return held[index]

    def fetch(self, c, user):
        """Sign `user` up and log in on `c`: the token the answer holds, or None."""
        if "__cli__" in user and user["__cli__"].get("printed"):  # the command prints the new user's key
            words = (cli_output(c.application, user["__cli__"]["args"]) or "").split()
            return words[-1] if words and PRINTED_KEY.fullmatch(words[-1]) else None
        if "__cli__" in user:
            if not self.made_by_cli(c, user):
                return None
        elif self.register is not None:
            status, data = self.send(c, self.register, self.body(self.register, user))
            self.note_role(data)
        if self.login is not None:
            status, data = self.send(c, self.login, *self.login_request(user))
        self.answered = data
        token, field = self.token_of(data)
        if token is None and self.cookie and hasattr(c, "cookies"):  # a session cookie: sent back as a header
            token = c.cookies.get(self.cookie)
            c.cookies.clear()  # the client's jar would carry it on every later request, anonymous ones too
        self.status = self.status or (status if token else None)
        self.field = self.field or field
        return token

    answered = None
    """What the last login answered (its body)."""

    def login_request(self, user):
        """(body, headers) of `user`'s login request: name and password in the body."""
        return self.body(self.login, user), None

    def note_role(self, data):
        """Users who signed up as "user" have the role the sign-up answered (`"role": "customer"`), if any."""
        role = data.get("role") if isinstance(data, dict) else None
        if isinstance(role, str) and re.fullmatch(r"[\w-]{2,40}", role):
            self.roles = [role if r == "user" else r for r in self.roles]

    def token_of(self, data):
        """(token, the field it was under) in the answer that hands it out."""
        return token_in(data)

    def source_of(self, user):
        """How test user `user` comes to be, in words."""
        cli = user.get("__cli__") or {}
        if cli.get("printed"):
            return f"made by the app's `flask {cli['args'][0]}` command, which prints its key"
        if cli and not cli.get("promote") and self.login is not None:
            return f"made by the app's `flask {cli['args'][0]}` command and logged in through POST {self.login['path']}"
        return self.source()

    def source(self):
        """How the tests' users come to be, in words."""
        return (f"signed up through POST {self.register['path']} and " if self.register else "") + \
            f"logged in through POST {self.login['path']}"

    def forget(self):
        """The app's store started over: every client signs up and logs in again when next asked."""
        self.tokens.clear()

    def rewrite(self, c, headers):
        """`headers` with each placeholder replaced by this client's real token for that user."""
        out = {}
        for key, value in (headers or {}).items():
            match = re.fullmatch(r"(.*)" + re.escape(PLACEHOLDER) + r"(\d+)", value)
            if match:
                token = self.token(c, int(match.group(2)))
                value = match.group(1) + token if token else value
            out[key] = value
        return out

    def credentials(self, c):
        """The two users as credentials (placeholders), when a fresh client's log-in answers a token; else []."""
        if any(self.token(c, i) is None for i in range(len(self.users))):
            return []
        how = {"register": self.plain(self.register), "login": self.plain(self.login), "field": self.field,
               "users": self.users, "status": self.status, "issuer": self.issuer,
               **({"cookie": self.cookie} if self.cookie and not self.field else {})}
        return [{"token": PLACEHOLDER + str(i), "role": self.roles[i], "source": self.source_of(self.users[i]),
                 "login": dict(how, user=i, rank=self.roles[:i].count(self.roles[i]))}
                for i in range(len(self.users))]

    def body(self, route, user):
        return {f["name"]: user[f["name"]] for f in self.fills[id(route)] if f["name"] in user}

    def plain(self, route):
        if route is None:
            return None
        return {"path": route["path"], "kind": route.get("body_kind") or "json",
                "fields": [f["name"] for f in self.fills[id(route)]]}

    def observe(self, client):
        """What the login route answers: the right password (and the token field), a wrong one, an unknown user."""
        user = self.users[0]
        body = self.body(self.login, user)
        password = next(f["name"] for f in credential_fields(self.login))
        name = next((f for f in self.fills[id(self.login)] if f["name"] != password and f.get("required", True)
                     and USER_FIELD.search(f["name"])), None)  # not `grant_type`: the field that names the user
        out = {"path": self.login["path"], "body": body, "field": self.field,
               "kind": self.login.get("body_kind") or "json",
               "register": self.plain(self.register),
               "register_body": self.body(self.register, user) if self.register else None}
        nobody = user_values([name], USERS[2])[name["name"]] if name else None
        for label, key, value in (("ok", None, None), ("wrong_password", password, "not-the-password"),
                                  ("unknown_user", name["name"] if name else None, nobody)):
            if label != "ok" and key is None:
                continue
            c = client()
            if self.register is not None:
                self.send(c, self.register, out["register_body"])
            status, data = self.send(c, self.login, dict(body, **({key: value} if key else {})))
            token = token_in(data)[0]
            out[label] = {"status": status, "field": key, "value": value, "token": token is not None,
                          "answered_json": isinstance(data, dict),
                          "jwt": bool(token and re.fullmatch(r"[\w-]+\.[\w-]+\.[\w-]+", token))}
        return out


class BasicUsers(TokenLogins):
    """Two users who sign up through the app's own route and send their name and password as HTTP Basic
    credentials (there is no token to fetch: the sign-up is all a client needs)."""

    def __init__(self, register, send):
        self.register, self.login, self.send = register, None, send
        self.fills = {id(register): filled(register)}
        self.users = [user_values(self.fills[id(register)], who) for who in USERS[:2]]
        self.roles = ["user"] * len(self.users)
        self.field, self.status = None, None
        self.tokens = {}
        fields = [f["name"] for f in self.fills[id(register)]]
        self.password = next(f for f in fields if "pass" in f.lower())
        self.name = next((f for f in fields if USER_FIELD.search(f) and f != self.password), None)

    def fetch(self, c, user):
        """Sign `user` up on `c`: `name:password` once the app has them, else None."""
        if self.name is None:
            return None
        status, _ = self.send(c, self.register, self.body(self.register, user))
        if not (200 <= status < 300 or status == 409):  # made now, or made earlier on this store
            return None
        self.status = self.status or status
        return f"{user[self.name]}:{user[self.password]}"

    def rewrite(self, c, headers):
        out = {}
        for key, value in (headers or {}).items():
            match = re.fullmatch(r"Basic " + re.escape(PLACEHOLDER) + r"(\d+)", value)
            token = self.token(c, int(match.group(1))) if match else None
            out[key] = "Basic " + base64.b64encode(token.encode()).decode() if token else value
        return out

    def credentials(self, c):
        creds = super().credentials(c)
        for cred in creds:
            user = self.users[cred["login"]["user"]]
            cred["login"]["basic"] = {"name": user[self.name], "password": user[self.password]}
        return creds

    def source(self):
        return f"signed up through POST {self.register['path']}, sending its name and password as HTTP Basic"


def find_basic_signup(routes):
    """The open route users sign up through (a name and a password), when the app's routes take HTTP Basic."""
    if not any(is_basic(r["auth"]) for r in routes):
        return None
    posts = [r for r in routes if r["method"] == "POST" and "{" not in r["path"] and not r["auth"]
             and credential_fields(r) and any(USER_FIELD.search(f["name"]) and "pass" not in f["name"].lower()
                                              for f in r["body"])]
    return next((r for r in posts if re.search(AUTH_PATHS["register"] + r"|(users|accounts)/?$", r["path"], re.I)),
                None)


class BasicTokenLogins(TokenLogins):
    """Two users who sign up through the app's own route, then get a token from a route that takes their name and
    password as HTTP Basic (`POST /tokens`), and send that token with each request."""

    def __init__(self, register, login, send):
        super().__init__(register, None, send)
        self.login = login
        fields = [f["name"] for f in self.fills[id(register)]]
        self.password = next(f for f in fields if "pass" in f.lower())
        self.name = next((f for f in fields if re.search(r"mail", f, re.I)), None) or next(
            (f for f in fields if USER_FIELD.search(f) and f != self.password), None)

    def fetch(self, c, user):
        """Sign `user` up on `c`, then ask the token route with the user's name and password: its token, or None."""
        return None if self.name is None else super().fetch(c, user)

    def login_request(self, user):
        return None, self.basic(user)

    def basic(self, user):
        pair = f"{user[self.name]}:{user[self.password]}"
        return {"Authorization": "Basic " + base64.b64encode(pair.encode()).decode()}

    def plain(self, route):
        if route is not self.login:
            return super().plain(route)
        return {"path": route["path"], "kind": "json", "fields": [], "basic": [self.name, self.password]}

    def observe(self, client):
        """What the token route answers: the right password, a wrong one, no user of that name."""
        name = self.name
        if name is None:
            raise LookupError("the sign-up has no field that names the user")
        user = self.users[0]
        out = {"path": self.login["path"], "field": self.field, "register": self.plain(self.register),
               "register_body": self.body(self.register, user), "basic": True}
        nobody = user_values([{"name": name, "type": "string"}], USERS[2])[name]
        changes: list[tuple[str, dict[str, str]]] = [
            ("ok", {}), ("wrong_password", {self.password: "not-the-password"}), ("unknown_user", {name: nobody})]
        for label, changed in changes:
            c = client()
            self.send(c, self.register, out["register_body"])
            sent = dict(user, **changed)
            status, data = self.send(c, self.login, None, self.basic(sent))
            token = token_in(data)[0]
            out[label] = {"status": status, "pair": f"{sent[name]}:{sent[self.password]}",
                          "token": token is not None, "answered_json": isinstance(data, dict),
                          "jwt": bool(token and re.fullmatch(r"[\w-]+\.[\w-]+\.[\w-]+", token))}
        return out

    def source(self):
        return (f"signed up through POST {self.register['path']}, then given a token by POST {self.login['path']} "
                "for its name and password as HTTP Basic")


def find_basic_token_login(routes):
    """(register route, token route) of an API whose users sign up, then trade their name and password, sent as
    HTTP Basic, for a token (`POST /tokens`) that the other routes take; or None."""
    login = next((r for r in routes if r["method"] == "POST" and "{" not in r["path"] and is_basic(r["auth"])
                  and re.search(LOGIN_PATH, r["path"].rsplit("/", 1)[-1], re.I)), None)
    if login is None or not any(r["auth"] and not is_basic(r["auth"]) and r["auth"].get("type") != "session"
                                for r in routes):
        return None
    register = find_basic_signup(routes)
    return (register, login) if register is not None else None


CLI_MAKER = re.compile(r"^(add|create|make|new|promote|grant|set|issue|generate|mint|invite)[-_]?(\w+?)s?$", re.I)


def cli_commands(app):
    """The app's CLI commands that make a user of a role or give one a role: [(command, roles it can give)]."""
    out = []
    for name, command in sorted(getattr(getattr(app, "cli", None), "commands", {}).items()):
        match = CLI_MAKER.match(name)
        if not match and BARE_MAKER.match(name) and hasattr(command, "params"):  # `flask promote NAME`: the role
            roles = role_literals(getattr(command, "callback", None))        # its own code sets
            if roles:
                out.append((command, roles))
            continue
        if not match or not hasattr(command, "params"):
            continue
        roles = [match.group(2).lower().replace("-", "_")]
        for param in command.params:
            choices = getattr(getattr(param, "type", None), "choices", None)
            if choices and re.search(r"role|kind|type|group", param.name or "", re.I):
                roles = [str(c) for c in choices]
        roles += [role for role in map(flag_role, command.params) if role]
        out.append((command, roles))
    return out


BARE_MAKER = re.compile(r"^(promote|grant|elevate)$", re.I)
ROLE_LITERAL = re.compile(r"""\brole\b["']?\s*(?:=|:|,)\s*['"](\w+)['"]""", re.I)


def role_literals(callback):
    """The roles a command's own code sets (`SET role = 'storekeeper'`, `user.role = "admin"`), in order."""
    try:
        source = inspect.getsource(inspect.unwrap(callback))
    except (OSError, TypeError):
        return []
    return list(dict.fromkeys(ROLE_LITERAL.findall(source)))


NOT_A_ROLE = re.compile(r"^(commit|flush|send|notify|email|mail|verify|confirm|force|dry|skip|echo|debug|verbose|"
                        r"return|raise|strict|check|validate|hash|help|quiet|yes|overwrite|no_)", re.I)
"""A flag or a `False` default that switches what a maker does, not the role of whom it makes."""


def flag_role(param):
    """The role a command's flag gives (`--secretary`, `--is-admin`: "secretary", "admin"), else None."""
    if not getattr(param, "is_flag", False) or not param.name:
        return None
    name = re.sub(r"^(is|make|as)_", "", param.name.lower())
    return None if NOT_A_ROLE.match(name) else name


def default_role(command):
    """The role `command` gives when none is asked for: its role choice's default (or first choice), else None."""
    choice = next((p for p in command.params if getattr(getattr(p, "type", None), "choices", None)), None)
    if choice is None:
        return None
    return str(choice.default) if choice.default is not None else str(choice.type.choices[0])


def cli_maker(app):
    """The app's own CLI command that makes a user with a password (`flask create-user NAME PASSWORD --role R`),
    or None."""
    return next((command for command, _ in cli_commands(app) if any(
        "pass" in (p.name or "").lower() for p in command.params)), None)


GROUP_FIELD = re.compile(r"merchant|tenant|team|org|company|shop|store|workspace|group|club|school|project|site",
                         re.I)
"""A command's argument naming what the user belongs to (`flask add-key MERCHANT`), not the user."""


def group_value(name, who):
    """What test user `who` belongs to: the first user of each role shares the first group (`merchant-1`), the second
    another, so users of two roles meet in one group and the second users stand outside it."""
    number = re.search(r"(\d+)$", who)
    pair = int(number.group(1)) if number else USERS.index(who) + 1 if who in USERS else 1
    return f"{name.replace('_', '-')}-{pair}"


def cli_args(command, who, role):
    """The arguments that run `command` for test user `who` with `role`, and whether it promotes a user who must
    sign up first (it takes no password)."""
    args, promote = [command.name], True
    for param in command.params:
        name = param.name or ""
        choices = getattr(getattr(param, "type", None), "choices", None)
        if param.param_type_name == "argument":
            args.append(str(role if choices else group_value(name, who) if GROUP_FIELD.search(name) and not
                            USER_FIELD.search(name) else user_values([{"name": name}], who)[name]))
            promote = promote and "pass" not in name.lower()  # it takes a password: it makes the user
            continue
        if getattr(param, "is_flag", False) and param.opts and role is not None and flag_role(param) == role:
            args.append(param.opts[-1])  # `--secretary`: the flag gives the role
        if getattr(param, "is_flag", False) or not param.opts:
            continue
        if choices and role in [str(c) for c in choices]:
            args += [param.opts[-1], role]
        elif "pass" in name.lower():
            args += [param.opts[-1], user_values([{"name": name}], who)[name]]
            promote = False
        elif param.required or getattr(param, "prompt", None):
            args += [param.opts[-1], user_values([{"name": name}], who)[name]]
    return args, promote


PRINTED_KEY = re.compile(r"[A-Za-z0-9_\-.~+/=]{16,}")
"""A key as a command prints it: one long word of token characters."""


class PrintedKeys(TokenLogins):
    """Two users of a role made by the app's own CLI command that prints the new user's key (`flask
    create-librarian NAME EMAIL`), as its maintainers make their first users."""

    def __init__(self, command, role):
        self.register, self.login, self.send = None, None, None
        self.fills = {}
        self.users = []
        for n in (1, 2):
            args, _ = cli_args(command, re.sub(r"\W", "", f"{role}{n}"), role)
            self.users.append({"__cli__": {"args": args, "promote": False, "printed": True}})
        self.roles = [role] * len(self.users)
        self.field, self.status = None, None
        self.tokens = {}
        self.command = command

    def add_cli_role(self, command, role):
        """Two more users the command makes with `role` (`--role manager`), handed the keys it prints."""
        first, second = super().add_cli_role(command, role)
        for user in self.users[first:]:
            user["__cli__"]["printed"] = True
        return [first, second]

    def source(self):
        return self.source_of(self.users[0])


def first_accepted(app, client, accepted, make):
    """The users `make(command, role)` builds (or None) from the first CLI command of the app whose first user the
    app accepts (`accepted(c, token)`: a guarded route does not refuse it as it refuses no credential), else None."""
    for command, roles in cli_commands(app):
        users = make(command, roles[0])
        c = client()
        token = users.token(c, 0) if users is not None else None
        if token is not None and accepted(c, token):
            users.forget()
            return users
    return None


def find_printed_keys(app, client, accepted):
    """The users of a CLI command that makes a user of a role and prints its key, when the app accepts that key,
    else None. A command that sets a password makes users who log in: they are not handed a key."""
    return first_accepted(app, client, accepted, lambda command, role: None if any(
        "pass" in (p.name or "").lower() for p in command.params) else PrintedKeys(command, role))


class CliBasicUsers(BasicUsers):
    """Two users the app's own CLI command makes with a password (`flask create-user NAME --password PW`), who send
    their name and password as HTTP Basic credentials with each request, as its maintainers' users do."""

    def __init__(self, command, role):
        self.register, self.login, self.send = None, None, None
        self.fills, self.tokens = {}, {}
        self.field, self.status = None, None
        self.users, self.roles = [], []
        params = [p for p in command.params if not getattr(getattr(p, "type", None), "choices", None)]
        self.password = next((p.name for p in params if "pass" in (p.name or "").lower()), None)
        arguments = [p.name for p in params if p.param_type_name == "argument"]
        self.name = next((n for n in arguments if USER_FIELD.search(n or "")), arguments[0] if arguments else None)
        for n in (1, 2):
            who = re.sub(r"\W", "", f"{role}{n}")
            args, _ = cli_args(command, who, role)
            user = user_values([{"name": p.name} for p in params if p.name], who)
            self.users.append(dict(user, __cli__={"args": args, "promote": False}))
            self.roles.append(role)

    def fetch(self, c, user):
        """Make `user` with the command on `c`'s app: `name:password` when it exited 0, else None."""
        if self.name is None or self.password is None or not self.made_by_cli(c, user):
            return None
        return f"{user[self.name]}:{user[self.password]}"

    def source(self):
        return f"made by the app's `flask {self.users[0]['__cli__']['args'][0]}` command, sending its name and " \
            "password as HTTP Basic"


def find_cli_basic(app, client, accepted):
    """Users of a CLI command that makes a user with a password, for an app whose routes take HTTP Basic and that
    has no sign-up route, when the app accepts their name and password (`name:password`), else None."""
    def make(command, role):
        users = CliBasicUsers(command, role)
        return users if users.name is not None and users.password is not None else None
    return first_accepted(app, client, accepted, make)


ISSUING_PATH = re.compile(r"(users|accounts|members|clients|customers|api[-_]?keys|keys|tokens)/?$", re.I)
ISSUED_FIELD = re.compile(r"^(api_?key|key|secret|access_?token|token|auth_?token)$", re.I)


class IssuedKeys(TokenLogins):
    """Two users an admin makes through the API (`POST /users` with the admin's key answers the new user's own key),
    made on each client that needs them, as TokenLogins signs users up."""

    def __init__(self, route, field, admin, send):
        self.register, self.login, self.send = route, None, send
        self.issuer = admin
        self.fills = {id(route): filled(route)}
        self.users = [ordinary(route, user_values(self.fills[id(route)], who)) for who in USERS[:2]]
        self.roles = ["user"] * len(self.users)
        self.field, self.status = field, None
        self.tokens = {}

    def token_of(self, data):
        value = data.get(self.field) if isinstance(data, dict) else None
        return (value if isinstance(value, str) and value else None), self.field

    def issued_by(self, keys):
        """The users of `keys` (PrintedKeys) join these as the admins who make them: the issuer is the first."""
        self.issuer = PLACEHOLDER + str(len(self.users))
        self.users += keys.users
        self.roles += keys.roles

    def source(self):
        who = "an admin" if self.issuer is not None else "itself"
        return f"made by {who} through POST {self.register['path']}, which answers its key"


def ordinary(route, user):
    """A made user's values with every yes/no field off: not an admin, not staff."""
    off = {f["name"] for f in route["body"] if f.get("type") == "boolean"}
    return {k: False if k in off else v for k, v in user.items()}


def find_issuer(routes, try_route, open_routes=False, any_path=False):
    """(route, key field) of a route an admin makes users through that answers the new user's key, or None.
    `try_route(route, body)` sends one request as the admin and gives back its answer. With `open_routes`, a route
    anyone may call that makes a user and answers its key (`POST /students`); with `any_path`, a guarded route
    judged by its answer alone too (the caller checks the key works)."""
    for route in routes:
        if route["method"] != "POST" or "{" in route["path"] or bool(route["auth"]) == open_routes or \
                not (open_routes or any_path or ISSUING_PATH.search(route["path"])):
            continue  # an open route is judged by its answer alone: a key of the new user's own
        body = ordinary(route, user_values(filled(route), USERS[2]))
        status, data = try_route(route, body)
        if 200 <= status < 300 and isinstance(data, dict):
            field = next((k for k, v in data.items() if ISSUED_FIELD.match(k) and k not in body
                          and isinstance(v, str) and len(v) >= 12), None)
            if field:
                return route, field
    return None


def token_exchanges(made, routes, client):
    """What the routes that take a second token the login answers (`refresh_token`, to `POST /auth/refresh` or
    `POST /auth/logout`) do with it, each on a fresh login: [{"path", "kind", "body_fields", "first", "again",
    "newer", "after": {path: status}}]. `again` is the same token sent a second time; `newer` the token the first
    exchange answered, sent after that reuse; `after` each other such route sent the first token once this one took
    it."""

    def logged_in():
        """A fresh client and what its login answered, or (None, None) when it answered no token."""
        c = client()
        if made.fetch(c, made.users[0]) is None or not isinstance(made.answered, dict):
            return None, None
        return c, made.answered

    _, answered = logged_in()
    if answered is None:
        return []
    held = {k for k, v in answered.items() if isinstance(v, str) and len(v) >= 8 and k != made.field
            and SECOND_TOKEN.search(k)}
    takers = [r for r in routes if r["method"] == "POST" and "{" not in r["path"] and r is not made.login
              and r is not made.register and r["body"] and all(f["name"] in held for f in r["body"]
                                                               if f.get("required", True))
              and any(f["name"] in held for f in r["body"])]
    out = []
    for route in takers[:3]:
        c, answered = logged_in()
        if answered is None:
            continue
        body = {f["name"]: answered[f["name"]] for f in route["body"] if f["name"] in held}
        first, answer = made.send(c, route, body)
        again, _ = made.send(c, route, body)
        newer = None
        if isinstance(answer, dict) and all(isinstance(answer.get(k), str) for k in body):
            newer = made.send(c, route, {k: answer[k] for k in body})[0]
        after = {}
        for other in takers:
            c, answered = logged_in() if other is not route else (None, None)
            if answered is None:
                continue
            made.send(c, route, {k: answered[k] for k in body})
            after[other["path"]] = made.send(c, other, {f["name"]: answered[f["name"]] for f in other["body"]
                                                        if f["name"] in held})[0]
        out.append({"path": route["path"], "kind": route.get("body_kind") or "json", "body_fields": sorted(body),
                    "first": first, "again": again, "newer": newer, "after": after})
    return out

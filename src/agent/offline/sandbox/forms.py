"""Flask form apps: register/login/logout through the app's own forms and session, and observations of
collection and item routes as a logged-in user, a second user and an anonymous client."""

import contextlib
import functools
import json
import re
from typing import Any

from .samples import fill_path, sample
from .workspace import run_cli

AUTH_PATHS = {"register": r"register|sign-?up|sign_up|join", "login": r"log-?in|sign-?in|log_in|sign_in",
              "logout": r"log-?out|sign-?out|log_out|sign_out"}


USERS = ("alice", "bob", "carol")
"""The test users, in the order they are made: the first signs in, the second owns nothing of hers, the third
never signs up."""


def user_values(fields, who):
    """What test user `who` (one of `USERS`) fills in: a password long enough for the usual minimums, values
    distinct per user and within each field's pattern and length."""
    values = {}
    for f in fields:
        name = f["name"].lower()
        if "pass" in name or "confirm" in name:
            value = f"pw-{who}-12345"
        elif "email" in name:
            value = f"{who}@example.com"
        elif "pattern" in f:
            fits = [v for v in (f"{who}_user", f"{who}user", who) if re.fullmatch(f["pattern"], v)]
            value = fits[0] if fits else sample(f, (USERS.index(who) if who in USERS else sum(map(ord, who)) % 89) + 7)
        else:
            value = f"{who}_user"
        values[f["name"]] = value[: f["maxLength"]] if "maxLength" in f else value
    return repeated(values, fields)


def repeated(values, fields):
    """`values` with each field that must repeat another (`confirm` = `password`, WTForms' `EqualTo`) set to it."""
    for f in fields:
        if f.get("equal_to") in values:
            values[f["name"]] = values[f["equal_to"]]
    return values


def subset(values, fields):
    return {f["name"]: values[f["name"]] for f in fields if f["name"] in values}


TOKEN_FIELD = re.compile(r"csrf|xsrf|authenticity|(^|_)token$", re.I)
INPUT_TAG = re.compile(r"<input\b[^>]*>", re.I)
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def hidden_inputs(html, names):
    """{name: value} of the hidden inputs in `html` whose name is one of `names`."""
    found = {}
    for tag in INPUT_TAG.findall(html or ""):
        attrs = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
                 for m in ATTRIBUTE.finditer(tag)}
        if (attrs.get("type") or "").lower() == "hidden" and attrs.get("name") in names:
            found[attrs["name"]] = attrs.get("value") or ""
    return found


@functools.cache
def form_token_fields():
    """Names of the hidden token fields the app's templates put in its forms (`<input type="hidden"
    name="csrf_token" value="{{ csrf_token() }}">`): a form post must carry them, as a browser's does. The
    templates are read once."""
    from .workspace import read, walk

    names = set()
    for rel in walk(lambda name: name.endswith((".html", ".htm", ".jinja", ".jinja2", ".j2"))):
        for tag in INPUT_TAG.findall(read(rel)):
            attrs = {m.group(1).lower(): m.group(2) or m.group(3) or "" for m in ATTRIBUTE.finditer(tag)}
            if attrs.get("type", "").lower() == "hidden" and TOKEN_FIELD.search(attrs.get("name", "")):
                names.add(attrs["name"])
    return tuple(sorted(names))


def form_pages(routes):
    """Pages that may show a form, to read a token from when the posted URL shows none: the sign-in pages first
    (open to anyone), then the app's other pages without a placeholder."""
    pages = [r["path"] for r in routes if r["method"] == "GET" and "{" not in r["path"]]
    return sorted(pages, key=lambda p: not any(re.search(pattern, p, re.I) for pattern in AUTH_PATHS.values()))[:8]


def token_client(base, names, pages=()):
    """A subclass of the Flask test client `base` whose form posts carry the hidden token fields `names`, read
    from the page at the posted URL (else the home page, else `pages`) just before, as a browser sends what the
    form held."""
    class FormTokenClient(base):  # type: ignore[valid-type,misc]
        carries_form_tokens = True

        def open(self, *args, **kwargs):
            data = kwargs.get("data")
            path = args[0] if args and isinstance(args[0], str) else kwargs.get("path", "/")
            if str(kwargs.get("method", "GET")).upper() == "POST" and isinstance(data, dict) and \
                    not any(name in data for name in names):
                for page in dict.fromkeys([path.split("?")[0], "/", *pages]):
                    found = hidden_inputs(super().open(page, method="GET").get_data(as_text=True), names)
                    if found:
                        kwargs["data"] = {**found, **data}
                        break
            return super().open(*args, **kwargs)
    return FormTokenClient


def carry_form_tokens(app, routes):
    """Make `app`'s test clients post the hidden token its forms hold, when its templates have one. Once per app:
    a module's own app is built again and again, and a client class wrapped each time would nest without end."""
    tokens = form_token_fields()
    if tokens and not getattr(app.test_client_class, "carries_form_tokens", False):
        from flask.testing import FlaskClient

        app.test_client_class = token_client(app.test_client_class or FlaskClient, tokens, form_pages(routes))


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

    def __init__(self, routes, maker=None):
        posts = [r for r in routes if r["method"] == "POST" and "{" not in r["path"] and r["body"]]
        self.login: Any = next((r for r in posts if re.search(AUTH_PATHS["login"], r["path"], re.I)), None)
        self.register: Any = next((r for r in posts if re.search(AUTH_PATHS["register"], r["path"], re.I)), None)
        self.logout: Any = next((r for r in routes if re.search(AUTH_PATHS["logout"], r["path"], re.I)
                            and not r["body"]), None)
        self.protected: Any = next((r for r in routes if r["method"] == "GET" and r["auth"] and "{" not in r["path"]),
                              None)
        self.maker = maker if self.register is None and self.login is not None else None
        """The app's own CLI command that makes users with a password (`flask add-user NAME --password PW`), when no
        route signs them up; each user then holds the arguments that make it under "command"."""
        fields = (self.register or self.login or {}).get("body", [])
        self.users = {who: self.made_by_maker(user_values(fields, who), who) for who in USERS[:2]}
        self.roles: dict[str, dict[str, Any]] = {}
        """Users of a role the app's own CLI command gives (`flask make-moderator NAME`): {role: {"who", "command",
        "promote"}}, each user in `users` under its `who`."""

    @property
    def usable(self):
        return self.login is not None and (self.register is not None or self.maker is not None)

    def made_by_maker(self, user, who):
        """`user` with the arguments that make it by the CLI maker (its role left at the command's default)."""
        if self.maker is None:
            return user
        from .logins import cli_args, default_role

        return dict(user, command=cli_args(self.maker, who, default_role(self.maker))[0])

    def make(self, c, who):
        """Make user `who` on `c`'s app: sign up through the register form, or run the CLI maker (a user it cannot
        make is an error: every test would fail to log in)."""
        user = self.users[who]
        if self.maker is None:
            form_call(c, "POST", self.register["path"], subset(user, self.register["body"]),
                      self.register["body_kind"])
        elif not run_cli(c.application, user["command"]):
            raise RuntimeError(f"`flask {' '.join(user['command'])}` did not exit 0")

    def add_role(self, role, command):
        """A user of `role`, made or promoted by the app's CLI `command` (see `logins.cli_args`)."""
        from .logins import cli_args

        who = re.sub(r"\W", "", f"{role}1")
        self.users[who] = self.made_by_maker(user_values((self.register or self.login)["body"], who), who)
        args, promote = cli_args(command, who, role)
        self.roles[role] = {"who": who, "command": args, "promote": promote}

    def drop_role(self, role):
        del self.users[self.roles.pop(role)["who"]]

    def who_for(self, route, who="alice"):
        """The user a route's requests go as: one of its role when it needs one the CLI gives."""
        role = self.roles.get(str(route.get("role")))
        return role["who"] if role and who == "alice" else who

    def log_in(self, c, who):
        user = self.users[who]
        role = next((r for r in self.roles.values() if r["who"] == who), None)
        if role is None or role["promote"]:
            self.make(c, who)
        if role is not None:
            run_cli(c.application, role["command"])
        return form_call(c, "POST", self.login["path"], subset(user, self.login["body"]), self.login["body_kind"])

    def switch(self, c, who):
        """Log out whoever is logged in on `c` (a login form may send a logged-in user away), then log in `who`."""
        if self.logout is not None:
            form_call(c, self.logout["method"], self.logout["path"])
        return self.log_in(c, who)

    def protected_status(self, c):
        if self.protected is None:
            return None
        status, location, _ = form_call(c, "GET", self.protected["path"])
        return {"status": status, "location": location}

    def observe(self, client):
        """What registering, logging in (right and wrong) and logging out answer."""
        reg, login = self.register, self.login
        alice = self.users["alice"]
        out = {"register": reg and reg["path"], "login": login["path"], "register_kind": reg and reg["body_kind"],
               "register_fields": [f["name"] for f in reg["body"]] if reg else [], "login_kind": login["body_kind"],
               "login_fields": [f["name"] for f in login["body"] if f["name"] in alice], "users": self.users,
               "logout": {"method": self.logout["method"], "path": self.logout["path"]} if self.logout else None,
               "protected": self.protected["path"] if self.protected else None,
               "maker": self.maker.name if self.maker is not None else None}
        out["register_empty"] = {}
        if reg is not None:
            self.observe_register(client, out)
        c = client()
        out["anonymous"] = self.protected_status(c)
        status, location, _ = self.log_in(c, "alice")
        out["login_ok"] = {"status": status, "location": location}
        out["logged_in"] = self.protected_status(c)
        if self.logout:
            form_call(c, self.logout["method"], self.logout["path"])
            out["logged_out"] = self.protected_status(c)
        password = next((f["name"] for f in login["body"] if "pass" in f["name"].lower()), None)
        names = [f["name"] for f in login["body"] if "pass" not in f["name"].lower() and f.get("type", "string")
                 == "string"]  # who logs in: the email or user name, not a keep-me-signed-in flag
        name = next((n for n in names if re.search(r"mail|user|login|name", n, re.I)), names[0] if names else None)
        for label, field, value in (("wrong_password", password, "not-the-password"), ("unknown_user", name,
                                                                                        "nobody-user")):
            if field is None:
                continue
            c = client()
            self.make(c, "alice")
            data = dict(subset(alice, login["body"]), **{field: value})
            status, location, text = form_call(c, "POST", login["path"], data, login["body_kind"])
            out[label] = {"field": field, "value": value, "status": status, "location": location,
                          "messages": shown(login["messages"], text), "after": self.protected_status(c)}
        tokens = form_token_fields()
        for label in ("forged", "missing") if tokens else ():  # the log-in form with a token its page never held,
            c = client()                                        # and without one: what a forged post gets
            self.make(c, "alice")
            data = subset(alice, login["body"])
            if label == "forged":
                data[tokens[0]] = "not-the-token"
            else:
                from flask.testing import FlaskClient
                c = FlaskClient(c.application, c.response_wrapper)  # a client that adds no token
            status, location, _ = form_call(c, "POST", login["path"], data, login["body_kind"])
            if not succeeded(status, location) or status != out["login_ok"]["status"]:
                out[label] = {"field": tokens[0], "status": status, "after": self.protected_status(c)}
        return out

    def observe_register(self, client, out):
        """What registering answers: a new user, the same user twice, and each required field left empty."""
        reg, alice = self.register, self.users["alice"]
        c = client()
        status, location, _ = form_call(c, "POST", reg["path"], subset(alice, reg["body"]), reg["body_kind"])
        out["register_ok"] = {"status": status, "location": location}
        status, location, text = form_call(c, "POST", reg["path"], subset(alice, reg["body"]), reg["body_kind"])
        if differs(status, location, out["register_ok"]) or shown(reg["messages"], text):
            out["register_twice"] = {"status": status, "location": location, "messages": shown(reg["messages"], text)}
        for f in reg["body"]:
            if not f["required"]:
                continue
            data = dict(subset(self.users["bob"], reg["body"]), **{f["name"]: ""})
            status, location, text = form_call(client(), "POST", reg["path"], data, reg["body_kind"])
            if differs(status, location, out["register_ok"]):
                out["register_empty"][f["name"]] = {"status": status, "location": location,
                                                    "messages": shown(reg["messages"], text)}


def characterise_forms(builder, routes):
    """Characterise a Flask app that speaks HTML forms and sessions. Returns the session flow's observations."""
    from .web import form_length_edges, form_listing_probes, pair_edges  # web builds on this module

    def client():
        app = builder.build()
        app.config["TESTING"] = True
        app.config["PROPAGATE_EXCEPTIONS"] = False  # a crash in a view is a 500 answer, not every route lost
        carry_form_tokens(app, routes)  # a form post carries the hidden token the page's form holds
        return app.test_client()

    from .logins import cli_maker

    flow = SessionFlow(routes, cli_maker(client().application))
    session = None
    if flow.usable:
        try:
            session = flow.observe(client)
        except Exception as exc:
            session = None
            for route in (flow.login, flow.register):
                if route is not None:
                    route["observed"] = {"error": f"{type(exc).__name__}: {exc}"}
    if session and flow.maker is not None and (not succeeded(session["login_ok"]["status"], session["login_ok"][
            "location"]) or (session["protected"] and session.get("logged_in") == session.get("anonymous"))):
        session = None  # the users the command made did not get in: no test can log in as they do
    if session and flow.register is not None:
        session["length_edges"] = form_length_edges(flow.register, subset(flow.users["bob"], flow.register["body"]),
                                                    lambda route: client())
    skip = {id(r) for r in (flow.login, flow.register, flow.logout) if r is not None}
    if session:  # a view that checks the session itself (no decorator): an anonymous call is sent to log in
        for route in routes:
            if route["auth"] or id(route) in skip:
                continue
            with contextlib.suppress(Exception):
                data = form_values(route) if route["method"] != "GET" and route["body"] else None
                status, location, _ = form_call(client(), route["method"], fill_path(route["path"], 1), data,
                                                route.get("body_kind") or "form")
                if (300 <= status < 400 and loginish(location)) or status == 401:
                    route["auth"] = {"type": "session"}

    def user_client(route, who="alice"):
        c = client()
        if route["auth"] and session:
            flow.log_in(c, flow.who_for(route, who))
        return c

    if session:
        session_roles(flow, routes, client)
        session["roles"] = {role: dict(how, user=flow.users[how["who"]]) for role, how in flow.roles.items()}

    creator = None
    for route in sorted(routes, key=lambda r: (r["method"] != "POST" or "{" in r["path"], r["path"])):
        if id(route) in skip:
            route["observed"] = {"flow": True}
            continue
        result: dict[str, Any] = {"token": None, "ok": None, "session": bool(route["auth"] and session)}
        try:
            if "{" not in route["path"]:
                observe_collection(route, result, user_client)
                if result.get("ok_failed_status") == 403 and session and not route.get("role"):
                    role_by_command(flow, route, result, user_client, client, session)
                if route["method"] == "POST" and result["ok"]:
                    result["length_edges"] = form_length_edges(route, result["ok"]["body"], user_client)
                    with contextlib.suppress(Exception):
                        result["pair_edges"] = pair_edges(functools.partial(poster, user_client, route), route,
                                                          result["ok"]["body"])
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


def session_roles(flow, routes, client):
    """A user for each role a route needs (`@moderator_required`) that the app's own CLI command gives, kept when
    that user, logged in, is not refused the route as a plain user is."""
    from .logins import cli_commands

    for role in dict.fromkeys(str(r["role"]) for r in routes if r.get("role") and r["auth"]):
        command = next((cmd for cmd, roles in cli_commands(client().application) if role in roles), None)
        route = next(r for r in routes if str(r.get("role")) == role)
        if command is None:
            continue
        flow.add_role(role, command)
        answers = []
        path, body = fill_path(route["path"], 1), form_values(route) if route["body"] else None
        for who in ("alice", flow.roles[role]["who"]):
            c = client()
            flow.log_in(c, who)
            answers.append(form_call(c, route["method"], path, body, route.get("body_kind") or "form")[0])
        if answers[0] in (401, 403) and answers[1] not in (401, 403):
            flow.roles[role]["refused"] = {"method": route["method"], "path": path, "body": body,
                                           "kind": route.get("body_kind") or "form", "status": answers[0]}
        else:
            flow.drop_role(role)


def poster(user_client, route):
    """A `post(body) -> status` for `route` on one signed-in client: records made one after the other."""
    c = user_client(route)
    return lambda body: form_call(c, route["method"], route["path"], body, route.get("body_kind") or "form")[0]


def role_by_command(flow, route, result, user_client, client, session):
    """A create a signed-in user is refused (403) tried as a user of each role the app's own CLI command gives
    (`flask promote NAME storekeeper`): the first that goes through is the role the route needs, kept with the
    request the plain user was refused."""
    from .logins import cli_commands

    for command, roles in cli_commands(client().application):
        for role in roles:
            if role in flow.roles:
                continue
            flow.add_role(role, command)
            route["role"] = role
            tried: dict[str, Any] = {"token": None, "ok": None, "session": True}
            observe_collection(route, tried, user_client)
            if tried["ok"]:
                result.clear()
                result.update(tried)
                body = form_values(route) if route["body"] else None
                flow.roles[role]["refused"] = {"method": route["method"], "path": route["path"], "body": body,
                                               "kind": route.get("body_kind") or "form", "status": 403}
                session["roles"] = {r: dict(how, user=flow.users[how["who"]]) for r, how in flow.roles.items()}
                return
            flow.drop_role(role)
            route["role"] = None


def form_values(route, tag=""):
    return repeated({f["name"]: form_value(f, tag, route.get("body_kind") == "json") for f in route["body"]},
                    route["body"])


def form_value(field, tag="", typed=False):
    """A form field's text: a number where the view reads one (`type=int`, `int(...)`), else a tagged sample. In a
    JSON body (`typed`) numbers stay numbers, and flags, lists and objects keep their kind."""
    from .characterise import vary

    value = sample(field)
    if field.get("type") in ("integer", "number"):
        return value + (1 if tag else 0) if typed else str(value + (1 if tag else 0))
    if not isinstance(value, str) or not tag:
        return value
    return vary({field["name"]: value}, tag.lstrip("-"))[field["name"]]  # a date stays a date, an address one


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
                    "shows": [k for k, v in texts(body).items() if len(v) > 3 and v in text]}
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


def texts(body):
    """The text fields of a body (a JSON body also carries numbers, flags and lists): what a page can show."""
    return {k: v for k, v in (body or {}).items() if isinstance(v, str)}


def json_changes(before, after):
    """Plain fields a JSON answer shows changed from the record as made (`"done": true` after finishing it)."""
    try:
        made, now = json.loads(before), json.loads(after)
    except (TypeError, ValueError):
        return {}
    if not (isinstance(made, dict) and isinstance(now, dict)):
        return {}
    return {k: v for k, v in now.items() if k in made and made[k] != v and type(v) in (bool, int, str, type(None))
            and not stamped(v)}


def record_counters(body, sent, answer):
    """The whole numbers a body carries that the record answered and its create did not send (`version`), at the
    record's values: what an update must send back when the code checks it is changing the record it read."""
    if isinstance(answer, str):
        try:
            answer = json.loads(answer)
        except ValueError:
            return {}
    if not isinstance(answer, dict):
        return {}
    return {k: answer[k] for k in body or {} if k not in (sent or {}) and type(answer.get(k)) is int
            and answer[k] != body[k]}


def stamped(value):
    """True for a timestamp (`2030-01-15T10:00:00`): it tells when the test ran, not what the code did."""
    return isinstance(value, str) and bool(re.match(r"\d{4}-\d\d-\d\dT", value))


def made_key(path, location, sent, answer=""):
    """The key of the record a create made, read off where it sent the browser: a number, or a slug made of a
    value the form sent (`/posts/my-title` fills `/posts/{slug}/edit`); else the field of a JSON answer named for
    the placeholder (`{"slug": "acme"}` fills `/t/{slug}`); 1, the fresh database's first record, when the answer
    names none."""
    head = path.split("}", 1)[0] + "}"
    param = re.findall(r"\{(\w+)\}", head)[-1]
    try:
        data = json.loads(answer) if answer and answer.lstrip()[:1] == "{" else {}
    except ValueError:
        data = {}
    named = next((data[k] for k in (param, "id", param.removesuffix("_id")) if isinstance(data, dict)
                  and isinstance(data.get(k), (str, int)) and not isinstance(data.get(k), bool)), None)
    pattern = re.sub(r"\\\{\w+\\\}", "([^/?#]+)", re.escape(head))
    match = re.match(pattern + r"(?:$|[/?#])", location or "")
    key = match.group(1) if match else ""
    slugs = [re.sub(r"[^a-z0-9]+", "-", v.lower()).strip("-") for v in texts(sent).values()]
    if key.isdigit() or any(s and s in key for s in slugs):
        return key
    return named if named is not None else 1


def bound_edges(route, path, body, fresh, creator, created):
    """A posted number's declared bounds (a form's `NumberRange(min=1, max=10)`) tried from both sides on a new
    record, one request after the other as the test sends them: each pair the action answers differently."""
    edges = []
    for f in route["body"]:
        pairs = [(f["minimum"] - 1, f["minimum"])] if isinstance(f.get("minimum"), int) else []
        pairs += [(f["maximum"], f["maximum"] + 1)] if isinstance(f.get("maximum"), int) else []
        for low, high in pairs:
            c = fresh()
            form_call(c, "POST", creator["path"], created, creator["body_kind"])
            answers = []
            for value in (low, high):
                status, location, _ = form_call(c, route["method"], path, dict(body or {}, **{f["name"]: str(value)}),
                                                route["body_kind"])
                answers.append({"status": status, "location": location})
            if answers[0] != answers[1]:
                edges.append({"field": f["name"], "values": [low, high], "answers": answers})
    return edges[:4]


def observe_item(route, result, creator, user_client, routes, flow):
    """An item route (`/<int:id>/update`) on the record a fresh app's first create makes (id 1)."""
    maker = creator if creator["auth"] else route  # whoever may make the record reads it
    c = user_client(maker)
    result["session"] = result["session"] or bool(creator["auth"] and flow is not None and flow.usable)
    created = form_values(creator)
    status, location, made = form_call(c, "POST", creator["path"], created, creator["body_kind"])
    if not succeeded(status, location):
        return
    item = made_key(route["path"], location, created, made)
    path = fill_path(route["path"], item)
    edits = route["method"] in ("PUT", "PATCH") or {f["name"] for f in route["body"]} & set(created)
    body = form_values(route, "-changed" if edits else "") if route["body"] else None  # an edit, or a record under it
    page = creator["observed"]["ok"]["page"]
    status, location, text = form_call(c, route["method"], path, body, route["body_kind"])
    current = record_counters(body, created, made) if status in (400, 409, 412, 422) else None
    if current:  # the record's own counter sent back (`version`): an optimistic update of the record as it is
        body = dict(body or {}, **current)
        status, location, text = form_call(c, route["method"], path, body, route["body_kind"])
    if not succeeded(status, location):
        result["ok_failed_status"] = status
        return
    result["ok"] = {"status": status, "location": location, "body": body, "created": created,
                    "creator": creator["path"], "item_id": item, "changes": json_changes(made, text)}
    if route["method"] == "POST":  # an action done twice (finish a finished task): what the second answers
        again, _, _ = form_call(c, route["method"], path, body, route["body_kind"])
        if again != status and 400 <= again < 500:
            result["again_status"] = again
        other = {k: v + (-1 if v > 1 else 1) for k, v in (body or {}).items() if type(v) is int}
        if other:  # and done again with another choice (one pick per user, whichever it is)
            changed = dict(body or {}, **other)
            c = user_client(maker)
            form_call(c, "POST", creator["path"], created, creator["body_kind"])
            form_call(c, route["method"], path, body, route["body_kind"])
            again, _, _ = form_call(c, route["method"], path, changed, route["body_kind"])
            if again != status and 400 <= again < 500:
                result["again_other"] = {"body": changed, "status": again}
        result["bound_edges"] = bound_edges(route, path, body, lambda: user_client(maker), creator, created)
    if route["method"] == "GET":
        result["ok"]["shows"] = [k for k, v in texts(created).items() if len(v) > 3 and v in text]
    else:
        shown, _, listing = form_call(c, "GET", page)
        listing = listing if shown < 400 else None  # no page lists the records (a JSON API's POST-only path)
        result["ok"]["page"] = page
        result["ok"]["shows"] = [k for k, v in texts(body).items() if listing is not None and v in listing]
        result["ok"]["gone"] = [k for k, v in texts(created).items() if listing is not None and v not in listing
                                and not body]
        readers = [r for r in routes if r["method"] == "GET" and "{" in r["path"]]
        if not body and readers:
            status, _, _ = form_call(c, "GET", fill_path(readers[0]["path"], item))
            result["ok"]["read_after"] = {"path": readers[0]["path"], "status": status}
    if route["auth"] and result["session"]:
        c = user_client(maker)  # the record made as the test makes it, then another user's turn
        form_call(c, "POST", creator["path"], created, creator["body_kind"])
        flow.switch(c, "bob")  # same app and database, bob's session: alice's record is id 1
        status, location, _ = form_call(c, route["method"], path, body, route["body_kind"])
        result["other_user"] = {"status": status, "location": location}
    status, location, _ = form_call(user_client(route), route["method"], fill_path(route["path"], 999999), body,
                                    route["body_kind"])
    result["missing_status"] = status

"""Oracles for JSON APIs: what the current code answers per route (status, body, effects read back,
pagination, query limits, ownership and role checks) with valid requests."""

import contextlib
import copy
import datetime as dt
import functools
import re
import urllib.parse
from typing import Any

from .adders import AddedLogins, find_adder
from .credentials import (
    IDENTITY_SOURCE,
    auth_headers,
    calibrate_auth,
    is_basic,
    pick_token,
    refused_secrets,
    route_headers,
    same_role_other_token,
    session_cookie,
    session_guarded,
    wrong_pair,
)
from .forms import AUTH_PATHS, carry_form_tokens, record_counters, stamped
from .logins import (
    PLACEHOLDER,
    BasicTokenLogins,
    BasicUsers,
    IssuedKeys,
    TokenLogins,
    cli_commands,
    cli_maker,
    find_basic_signup,
    find_basic_token_login,
    find_cli_basic,
    find_issuer,
    find_printed_keys,
    find_token_login,
    token_exchanges,
)
from .samples import ID_NAME, PATTERNS, UNDER, fill_item, fill_path, padded_example, pattern_example, sample
from .seeds import SeededLogins, user_model
from .workspace import CLIENTS, SETUPS

OWNER_FIELDS = ("owner", "owner_id", "customer", "customer_id", "user", "user_id", "username", "author",
                "author_id", "created_by", "account", "account_id")


IDENTITIES: set[str] = set()
"""Names the logged-in test users signed up with: a record that carries one is stamped with its owner."""


def owned(created, body):
    """True when the server stamped the created record with its owner (a field the client did not send, named
    like an owner or holding the name the user signed up with)."""
    return isinstance(created, dict) and any(
        key not in (body or {}) and created[key] not in (None, "") and (
            key.lower() in OWNER_FIELDS or (isinstance(created[key], str) and created[key] in IDENTITIES))
        for key in created)


ROLE_FIELD = re.compile(r"role|kind|type|account|group|profile", re.I)


def signup_roles(made, register, routes, client, call):
    """Users who sign up as another value of the sign-up's role field (`"role": "seller"`), where that opens
    routes a plain user is refused with 403; each route so opened needs that role. True when any did."""
    fields = [f for f in register["body"] if f.get("enum") and ROLE_FIELD.search(f["name"])]
    if not fields:  # no role to choose: ask nothing (each question signs users up on a client of its own)
        return False
    return roles_opening(made, [(value, functools.partial(made.add_role, field, value)) for field in fields
                                for value in field["enum"]], routes, client, call)


def roles_opening(made, candidates, routes, client, call):
    """Of `candidates` ([(role, add)], `add()` making two users of the role and answering their indexes), keep the
    roles whose users are let into routes `made`'s first user is refused with 403; each route so opened needs that
    role. True when any did."""
    def status_as(route, index):
        body: dict[str, Any] | None = {} if route["method"] in ("POST", "PUT", "PATCH") else None
        return call(client(), route["method"], fill_path(route["path"], 999999), body,
                    auth_headers(route["auth"], PLACEHOLDER + str(index)))[0]

    guarded = [r for r in routes if r["auth"] and r["auth"].get("type") != "session" and not r.get("role")]
    refused = [r for r in guarded if status_as(r, 0) == 403]
    found = False
    for role, add in candidates:
        if not refused:
            return found
        first, _ = add()
        opened = [r for r in refused if status_as(r, first) != 403]
        if not opened:
            made.drop_role()
            continue
        found = True
        for route in opened:
            route["role"] = str(role)
        refused = [r for r in refused if r not in opened]
    return found


def cli_roles(made, routes, client):
    """Users of each role a route needs that no signed-up user has, made by the app's own CLI command
    (`flask add-agent`), when the users it makes log in. True when any were made."""
    needed = [role for role in dict.fromkeys(str(r["role"]) for r in routes if r.get("role"))
              if role not in made.roles]
    if not needed or isinstance(made, BasicUsers):
        return False
    found = False
    for role in needed:
        command = next((cmd for cmd, roles in cli_commands(client().application) if role in roles), None)
        if command is None:
            continue
        first, _ = made.add_cli_role(command, role)
        if made.token(client(), first) is None:
            made.drop_role()
            continue
        found = True
    return found


def session_cookie_users(made, routes, client, users_of, headers_only):
    """`made`'s users when their login keeps them in Flask's signed session cookie: the routes that read the
    session take that cookie as their credential, sent as a `Cookie` header as a browser sends it, from a test
    client that keeps no cookies of its own (`headers_only`); [] (and all as it was) when the login sets none."""
    sessions = [r for r in routes if (r["auth"] or {}).get("type") == "session"]
    if not sessions:
        return []
    name = client().application.config.get("SESSION_COOKIE_NAME") or "session"
    before = [r["auth"] for r in sessions]
    for route in sessions:
        route["auth"] = {"type": "apiKey", "in": "cookie", "name": name}
    headers_only[0] = True
    made.cookie = name
    made.token_of = lambda data: (set_cookie(ANSWERED.get("set-cookie"), name), None)
    made.forget()
    users = users_of(made)
    if not users:
        headers_only[0] = False
        made.cookie = None
        del made.token_of
        for route, auth in zip(sessions, before, strict=True):
            route["auth"] = auth
    return users


def set_cookie(header, name):
    """The value a `Set-Cookie` header gives cookie `name`, or None."""
    first = (header or "").split(";", 1)[0]
    key, _, value = first.partition("=")
    return value if key.strip() == name and value else None


def characterise(builder, framework, routes, creds):
    from .clock import clock_edges, find_clock  # the clock builds on this module
    from .web import (  # web builds on this module
        action_sequences,
        api_listing_order,
        case_duplicate,
        filter_probes,
        follow_probes,
        json_web_probes,
        limit_edges,
        pair_edges,
        poster,
        sort_probes,
        state_walks,
    )

    headers_only = [False]
    """Whether Flask's test client keeps no cookies (the session cookie goes as a header, which it would drop)."""
    if framework != "flask":  # FastAPI and Starlette: the same test client
        from starlette.testclient import TestClient

        opened = {}

        def client():
            app = builder.build()
            key = (id(app), builder.generation)  # a new database that only start-up sees needs a new start-up
            if key not in opened:  # entering runs the app's startup events / lifespan, as `with` does in tests
                # a crash in a handler is a 500 answer, as a server gives, not a route lost to discovery
                opened[key] = CLIENTS.enter_context(TestClient(app, raise_server_exceptions=False))
            return opened[key]
    else:
        def client():
            app = builder.build()
            app.config["TESTING"] = True
            app.config["PROPAGATE_EXCEPTIONS"] = False  # a crash in a view is a 500 answer, not every route lost
            carry_form_tokens(app, routes)  # a form post carries the hidden token the page's form holds
            return app.test_client(use_cookies=not headers_only[0])

    def send(c, method, path, body=None, headers=None, kind="json"):
        kwargs = {"headers": headers or {}}
        if body is not None:
            kwargs["data" if kind == "form" else "json"] = body
        if framework != "flask":  # each request carries its own credentials: a cookie a login left is not one
            c.cookies.clear()
        resp = c.open(path, method=method, **kwargs) if framework == "flask" else c.request(method, path, **kwargs)
        ANSWERED.clear()
        ANSWERED.update((k.lower(), v) for k, v in resp.headers.items())
        try:
            data = resp.get_json() if framework == "flask" else resp.json()
        except Exception:
            data = None
        return resp.status_code, data

    logins = None

    precondition: dict[str, Any] = {}
    """The last change that answered 428 Precondition Required and went through with `If-Match`: where its ETag
    was read (`self`: the record's own URL, `parent`: the one above it) and what it answered without one."""

    references: dict[str, dict[str, Any]] = {}
    """Per collection, the records its new records point to ({field: ref}), once its own probing is done. A later
    POST sending the same id (an item's set-up, paging, a walk) gets a new referenced record of its own, as each
    such line of a generated test does: a book already lent cannot be lent again."""

    nested: dict[str, dict[str, Any]] = {}
    """Collections whose records are made under another's (`/bookings` by `POST /rooms/{room_id}/bookings`), by
    the collection's own path: a POST to it makes a parent record first and posts under it, as the tests do."""

    def call(c, method, path, body=None, headers=None, refs=True):
        """Send a request as the tests do. With `refs` (a replayed set-up), a POST sending the id of a record it
        pointed to when it was observed makes that record anew first; without, the body is sent as it is."""
        if method == "POST" and path in nested:
            under = nested[path]
            parent_body, parent_headers, _ = creates[under["parent"]]
            status, parent = call(c, "POST", under["parent"], vary(parent_body, str(next(SETUPS))), parent_headers)
            key = id_key(under["path"].rsplit("/", 1)[0], parent)
            if not 200 <= status < 300 or key is None:
                return status, parent
            filled = fill_path(under["path"], parent[key])
            for step in under.get("funded") or []:  # the caller pays in first, as the record was first made
                for _ in range(step["times"]):
                    call(c, "POST", step["path"], step["body"], headers)
            if "{" in path:  # a collection under the parent's path: its records are read there
                UNDER[path] = filled
            path = filled
        if logins is not None and headers:
            headers = logins.rewrite(c, headers)
        if refs and method == "POST" and isinstance(body, dict) and path in references:
            body = dict(body)
            for field, ref in references[path].items():
                within = ref.get("within")
                holders = [i for i in body.get(within) or [] if isinstance(i, dict)] if within else [body]
                if any(h.get(field) == ref["id"] for h in holders):
                    status, made = call(c, "POST", ref["path"], vary(ref["body"], str(next(SETUPS))), ref["headers"])
                    if 200 <= status < 300 and isinstance(made, dict) and ref["id_field"] in made:
                        if within:
                            body[within] = [dict(i, **{field: made[ref["id_field"]]}) if isinstance(i, dict) and
                                            i.get(field) == ref["id"] else i for i in body[within]]
                        else:
                            body[field] = made[ref["id_field"]]
        status, data = send(c, method, path, body, headers)
        if status == 428 and not any(k.lower() == "if-match" for k in headers or {}):
            for level, read in (("self", path), ("parent", path.rsplit("/", 1)[0])):
                etag = c.get(read, headers=headers or {}).headers.get("ETag")
                if etag:
                    precondition.update(read=level, without=status)
                    stale = dict(headers or {}, **{"If-Match": '"assay-stale"'})
                    precondition["stale"] = send(c, method, path, body, stale)[0]
                    return send(c, method, path, body, dict(headers or {}, **{"If-Match": etag}))
        return status, data

    def users_of(made):
        """The two users `made` (a TokenLogins) gives on a fresh client, each carrying the header the app reads the
        token from, as the tests must send it; `made` forgets them when the store starts over."""
        users = made.credentials(client())
        guarded = [r["auth"] for r in routes if r["auth"] and r is not made.login]
        if getattr(made, "issuer", None) is not None:  # a key an admin made is not sent as the admin sends theirs
            issuer = (getattr(made, "register", None) or {}).get("auth")
            guarded = [a for a in guarded if a != issuer] or guarded
        counts = [guarded.count(a) for a in guarded]  # the way most routes take it first (not a staff key's)
        guarded = [a for _, a in sorted(zip(counts, guarded, strict=True), key=lambda pair: -pair[0])]
        carrier = next((a for a in guarded if is_basic(a) == isinstance(made, BasicUsers)), None) or next(
            iter(guarded), None)  # the way users send what they got (an admin's HTTP Basic is not theirs)
        for cred in users:
            cred["login"]["header"] = auth_headers(carrier, "TOKEN")
        probe = next((r for r in routes if r["auth"] == carrier and not r.get("role") and r["method"] == "GET"),
                     None) if carrier and not is_basic(carrier) else None
        if probe is not None:  # a user the app answers as it answers a wrong token was never let in
            path = fill_path(probe["path"], 1)
            refused = send(client(), "GET", path, None, auth_headers(carrier, "wrong-token"))[0]
            for cred in users:
                c = client()
                if send(c, "GET", path, None, made.rewrite(c, auth_headers(carrier, cred["token"])))[0] == refused:
                    cred["unproven"] = True
        if users and hasattr(builder, "on_fresh"):
            builder.on_fresh.append(made.forget)
        return users

    CHOICES.clear()
    UNDER.clear()
    for route in routes:
        for f in route["body"]:
            if f.get("enum"):
                CHOICES.setdefault(f["name"], set()).update(v for v in f["enum"] if isinstance(v, str))
    calibrate_auth(client, call, routes, creds)
    if framework != "flask":
        session_guarded(client, call, routes, session_cookie(client().app))
    for cred in refused_secrets(client, call, routes, creds):
        creds.remove(cred)
    pairs = [c for c in creds if c.get("basic_pair")]  # an admin's name and password from settings: no user
    has_users = len(creds) > len(pairs)
    flow = find_token_login(routes) if not has_users and any(r["auth"] for r in routes) else None
    traded = find_basic_token_login(routes) if not has_users else None
    basic = find_basic_signup(routes) if not has_users and traded is None else None
    if traded is not None:  # users sign up, then trade their name and password (HTTP Basic) for a token
        flow = traded
    elif basic is not None:  # HTTP Basic: users sign up, then send their name and password with each request
        flow = (basic, None)
    if flow is not None:  # users sign up (and log in) through the app's own routes

        def post(c, route, body, headers=None):
            return send(c, "POST", route["path"], body, headers, route.get("body_kind") or "json")

        signed_up = BasicUsers(basic, post) if basic is not None else BasicTokenLogins(flow[0], flow[1], post) \
            if traded is not None else TokenLogins(flow[0], flow[1], post)
        cookie = next((r["auth"]["name"] for r in routes if (r["auth"] or {}).get("in") == "cookie"), None)
        signed_up.cookie = cookie  # the session cookie a login sets, when it answers no token
        creds[:] = users_of(signed_up)
        model = user_model(client().application) if not creds and flow[0] is None and basic is None and \
            traded is None and framework == "flask" else None
        if model is not None:  # no route signs users up: they are added through the app's own model
            roles = [r for r in dict.fromkeys(str(r["role"]) for r in routes if r.get("role"))
                     if r != (model["default_role"] or "user")] if model["role"] else []
            signed_up = SeededLogins(model, flow[1], post, roles)
            creds[:] = users_of(signed_up)
            if not creds:  # a login that answers no token but keeps the user in Flask's session cookie
                creds[:] = session_cookie_users(signed_up, routes, client, users_of, headers_only)
                builder.cookie_header = headers_only[0]
        adder = find_adder() if not creds and flow[0] is None and basic is None and traded is None and \
            flow[1] is not None else None
        if adder is not None:  # no route signs users up: a function of the app's own adds them
            signed_up = AddedLogins(adder, flow[1], post, builder.database_file)
            signed_up.cookie = cookie
            creds[:] = users_of(signed_up)
            if creds and signed_up.add_roles(client):
                signed_up.forget()
                creds[:] = users_of(signed_up)
            if not creds and framework == "flask":
                creds[:] = session_cookie_users(signed_up, routes, client, users_of, headers_only)
                builder.cookie_header = headers_only[0]
        maker = cli_maker(client().application) if not creds and framework == "flask" and flow[0] is None and \
            basic is None and traded is None and flow[1] is not None else None
        if maker is not None:  # no route signs users up: the app's own command makes them, with each role
            signed_up = TokenLogins(None, flow[1], post)
            signed_up.cookie = cookie
            for pair in reversed(signed_up.made_by(maker)):  # a role whose users cannot log in is dropped
                if signed_up.token(client(), pair[0]) is None:
                    del signed_up.users[pair[0]:pair[1] + 1], signed_up.roles[pair[0]:pair[1] + 1]
            signed_up.forget()
            creds[:] = users_of(signed_up)
            if not creds:
                creds[:] = session_cookie_users(signed_up, routes, client, users_of, headers_only)
                builder.cookie_header = headers_only[0]
        logins = signed_up if creds else None
        if logins is not None and flow[0] is not None and signup_roles(signed_up, flow[0], routes, client, call):
            signed_up.forget()
            creds[:] = users_of(signed_up)
        if logins is not None and framework == "flask" and cli_roles(signed_up, routes, client):
            signed_up.forget()
            creds[:] = users_of(signed_up)
        creds[:0] = pairs
        IDENTITIES.update(v for user in (logins.users if logins else []) for k, v in user.items()
                          if "pass" not in k and isinstance(v, str))
    elif creds and all(c["role"] == "admin" for c in creds):  # users an admin makes through the API
        admin = creds[0]["token"]

        def as_admin(c, route, body):
            return send(c, "POST", route["path"], body, auth_headers(route["auth"], admin))

        issuer = find_issuer(routes, lambda route, body: as_admin(client(), route, body))
        if issuer is not None:
            route, field = issuer
            issued = IssuedKeys(route, field, admin, as_admin)
            made = users_of(issued)
            creds += made
            logins = issued if made else None
    reader = next((r for r in routes if r["auth"] and r["method"] == "GET"), None)
    if logins is None and framework == "flask" and not has_users and reader is not None:

        def accepted(c, key):  # a guarded read does not answer the key as it answers no key
            path = fill_path(reader["path"], 1)
            return send(c, "GET", path, None, auth_headers(reader["auth"], key))[0] not in (
                send(c, "GET", path, None, {})[0], 401)

        printed = find_printed_keys(client().application, client, accepted)
        if printed is not None:  # users the app's own command makes, handed the key it prints

            def as_printed(c, route, body):
                return send(c, "POST", route["path"], body,
                            printed.rewrite(c, auth_headers(route["auth"], PLACEHOLDER + "0")))

            issuer = find_issuer(routes, lambda route, body: as_printed(client(), route, body), any_path=True)
            if issuer is not None:  # and they make the other users, who are answered their keys
                chained = IssuedKeys(issuer[0], issuer[1], None, None)
                chained.issued_by(printed)  # the printed users join it: its own placeholder names the issuer
                chained.send = lambda c, route, body: send(c, "POST", route["path"], body, chained.rewrite(
                    c, auth_headers(route["auth"], str(chained.issuer))))
                c = client()
                if chained.token(c, 0) is not None and accepted(c, chained.token(c, 0)):
                    chained.forget()
                    printed = chained
            creds[:] = pairs + users_of(printed)
            logins = printed if len(creds) > len(pairs) else None
            command = getattr(printed, "command", None)
            named = getattr(command, "name", None)
            others: list[str] = next((roles[1:] for cmd, roles in cli_commands(client().application)
                                      if cmd.name == named), [])
            if logins is not None and command is not None and roles_opening(printed, [(role, functools.partial(
                    printed.add_cli_role, command, role)) for role in others], routes, client, call):
                printed.forget()  # users of the command's other roles, where a route is theirs alone
                creds[:] = pairs + users_of(printed)
    if logins is None and framework == "flask" and not has_users and reader is not None and is_basic(reader["auth"]):
        made = find_cli_basic(client().application, client, accepted)
        if made is not None:  # HTTP Basic users the app's own command makes, with a password
            creds[:] = pairs + users_of(made)
            logins = made if len(creds) > len(pairs) else None
    if logins is None and any(r["auth"] for r in routes):  # users who make themselves and are answered their key

        def as_anyone(c, route, body):
            return send(c, "POST", route["path"], body, {})

        issuer = find_issuer(routes, lambda route, body: as_anyone(client(), route, body), open_routes=True)
        if issuer is not None:
            issued = IssuedKeys(issuer[0], issuer[1], None, as_anyone)
            made = users_of(issued)
            if made:  # a key the app answers beats a made-up name in a header it may only look up
                creds[:] = [c for c in creds if c["source"] != IDENTITY_SOURCE]
            creds += made
            logins = issued if made else None
    held = {c["role"] for c in creds}
    for route in routes:  # a role guessed from the code that no test user holds: asked as a plain user instead
        if route.get("role") and creds and route["role"] not in held:
            route["role"] = None
    creates: dict[str, Any] = {}
    # records pointed to are made first, actions on records after their collections, and a DELETE of something
    # that is no record of a collection (`DELETE /users/me` ends the account the tokens belong to) and a logout
    # (it ends the session the tokens are) last
    for route in sorted(routes, key=lambda r: (bool(re.search(AUTH_PATHS["logout"], r["path"])),
                                               r["method"] != "POST", r["method"] == "POST" and "{" in r["path"],
                                               r["method"] == "DELETE" and "{" not in r["path"],
                                               names_records(r), r["path"])):
        token = pick_token(creds, route["role"], route["auth"]) if route["auth"] else None
        headers = auth_headers(route["auth"], token)
        result = {"token": token, "ok": None}
        if logins is not None and flow is not None and route is flow[1]:
            with contextlib.suppress(Exception):
                result = {"token": None, "ok": None, "login": logins.observe(client)}
            with contextlib.suppress(Exception):  # its own: a failure here keeps the login's answers
                login = result.get("login")
                if isinstance(login, dict):
                    login["exchanges"] = token_exchanges(logins, routes, client)
            route["observed"] = result
            continue
        try:
            if route["auth"] and route["auth"].get("type") != "session":
                status, _ = call(client(), route["method"], fill_path(route["path"], 1),  # as the test sends it
                                 {} if route["method"] in ("POST", "PUT", "PATCH") else None)
                result["unauth_status"] = status
                if token:
                    wrong = {k: "wrong-" + v[-6:] for k, v in headers.items()}
                    if is_basic(route["auth"]):  # as the test sends it
                        wrong = auth_headers(route["auth"], wrong_pair(token))
                    body = {f["name"]: sample(f) for f in route["body"]} if route["body"] else None
                    status, _ = call(client(), route["method"], fill_path(route["path"], 1), body, wrong)
                    result["wrong_token_status"] = status
                    partial = {k: v[:-2] for k, v in headers.items() if len(v) > 4}
                    status, _ = call(client(), route["method"], fill_path(route["path"], 1), body, partial)
                    if status == result["wrong_token_status"] and PLACEHOLDER not in token:
                        result["partial_token"] = True
            if route["method"] == "POST" and "{" not in route["path"]:
                for attempt in range(7):  # then every number 1 (a rate, a share); then only what is required;
                    # then numbers on the limits the view compares them with (`5 <= minutes <= 90`); last, only
                    # what is required again, its moments with an offset (an aware datetime)
                    body = {f["name"]: sample(f, attempt % 5) for f in route["body"]
                            if f["required"] or attempt not in (4, 6)}
                    body = ones(body) if attempt == 3 else body
                    if attempt == 5:

                        def takes_anew(tried, route=route, headers=headers):  # on its own client
                            c, tried = client(), vary(tried, "lim")
                            referenced(c, call, route, tried, creates)
                            answer = call(c, "POST", route["path"], tried, headers)
                            return answer if 200 <= answer[0] < 300 else None
                        body = within_limits(body, route.get("number_limits") or [], takes_anew)
                        if body is None:
                            continue
                    c = client()
                    refs = referenced(c, call, route, body, creates)
                    status, data = call(c, "POST", route["path"], body, headers)
                    if status == 403 and token and not route.get("role"):  # refused, so nothing made: other roles
                        status, data, token, headers = as_another_role(c, call, route, route["path"], body, creds,
                                                                       token, result) or (status, data, token, headers)
                    for other in pulled_apart(body, route.get("pairs")) if status in (400, 422) else []:
                        again, answer = call(c, "POST", route["path"], other, headers)  # `early_price < price`
                        if 200 <= again < 300:
                            body, status, data = other, again, answer
                            break
                    if attempt == 3 and 200 <= status < 300:  # numbers other than 1 where the app takes them

                        def takes(tried, c=c, path=route["path"], headers=headers):
                            answer = call(c, "POST", path, tried, headers)
                            return answer if 200 <= answer[0] < 300 else None
                        body, (status, data) = loosened(body, takes, (status, data))
                    if 200 <= status < 300:
                        result["ok"] = made = {"body": body, "status": status, "response": data}
                        if refs:
                            result["refs"] = refs
                        creates[route["path"]] = (body, headers, data)
                        if token and not route.get("role") and refused_to_others(client, call, route, body, creds,
                                                                                 token):
                            route["role"] = next(c["role"] for c in creds if c["token"] == token)
                        result["related"] = related_effects(client, call, route, body, headers, routes, creds)
                        with contextlib.suppress(Exception):
                            json_web_probes(client, call, route, body, headers, creds, result)
                        twice, same = vary(body, "2"), client()  # one app: a factory's next app is a new store
                        if refs:  # records of its own to point to, as the test's one set-up makes
                            referenced(same, call, route, twice, creates)
                            made["unknown_refs"] = unknown_references(client, call, route, body, headers, refs,
                                                                      creates)
                        first, answer = call(same, "POST", route["path"], twice, headers)
                        again, _ = call(same, "POST", route["path"], twice, headers)
                        if 200 <= first < 300:
                            made["server_set"] = server_set(body, data, answer)
                            made["defaults"] = omitted_defaults(same, call, route, body, headers)
                        if 200 <= first < 300 and not 200 <= again < 300:
                            result["duplicate_status"] = again
                            if not refs:
                                with contextlib.suppress(Exception):
                                    made["case_duplicate"] = case_duplicate(client, call, route, body, headers)
                        made["count_limits"] = count_limits(builder, client, call, route, body, headers, refs, creates,
                                                            routes)
                        if not refs:
                            with contextlib.suppress(Exception):
                                made["bound_accepts"] = bound_accepts(builder, client, call, route, body, headers)
                        with contextlib.suppress(Exception):
                            made["idempotency"] = idempotency(client, call, route, body, headers, creds, token)
                        break
                else:
                    result["ok_failed_status"] = status
            elif route["method"] in ("GET", "DELETE", "PUT", "PATCH", "POST"):
                c = client()
                path, setup, record = route["path"], None, None
                if "{" in path:
                    collection = path.rsplit("/{", 1)[0]
                    collection = collection if collection in creates else collection + "/"
                    if collection in creates:
                        made_body, create_headers, _ = creates[collection]
                        body, status, data = make_new(c, call, collection, made_body, create_headers, "")
                        if status == 409 and builder.fresh():  # a quota the probes before used up: an empty store
                            c = client()
                            body, status, data = make_new(c, call, collection, made_body, create_headers, "")
                        id_field = id_key(path, data)
                        if id_field is None:
                            raise LookupError(f"created resource has no id ({status}: {str(data)[:200]})")
                        new_id, record = data[id_field], data
                        setup = {"path": collection, "body": body, "id_field": id_field}
                        path = fill_item(path, new_id)
                        doer = next((r for r in routes if r["method"] == "POST" and r["path"] == route["path"]
                                     and r is not route), None)
                        if doer is not None and route["method"] in ("DELETE", "PUT", "PATCH") and not doer["body"]:
                            doer_headers = route_headers(creds, doer)
                            if doer_headers == headers and 200 <= call(c, "POST", path, None, headers)[0] < 300:
                                setup["prior"] = True
                    else:
                        path = fill_path(path, 1)
                payload = None
                if route["method"] in ("PUT", "PATCH"):
                    payload = away_from(route, {f["name"]: changed(f, sample(f)) for f in route["body"]}, record)
                elif route["method"] == "POST":
                    payload = {f["name"]: sample(f) for f in route["body"]}
                if setup and token and route["auth"].get("type") != "session" and not route.get("role"):
                    opener = role_that_opens(client, call, route, setup, creates, creds, token, payload)
                    if opener is not None:  # the view checks the role itself: the route needs that role
                        token, route["role"] = opener["token"], opener["role"]
                        headers = auth_headers(route["auth"], token)
                        result["token"] = token
                        result["role_request"] = {"setup": setup, "body": payload}  # what the others were refused
                if setup and token and route["auth"].get("type") != "session":
                    result["other_user"] = other_user_status(client, call, route, setup, creates, creds, token,
                                                             payload)
                its_own = record if isinstance(record, dict) else {}
                asked = {p["name"]: its_own[p["name"]] if p["name"] in its_own else sample(p) for p in route["params"]
                         if p.get("location") == "query" and p.get("required")}
                if asked and setup:  # required query values: the record's own where it has one (`?version=3`)
                    result["query"] = {k: "record" if k in its_own else v for k, v in asked.items()}
                    for k, v in asked.items():
                        if k in its_own and type(v) is int:  # another value than the record's
                            stale = call(c, route["method"], f"{path}?{urllib.parse.urlencode({**asked, k: v + 1})}",
                                         payload, headers)[0]
                            if 400 <= stale < 500:
                                result["query_stale"] = {"param": k, "status": stale}
                            break
                    path = f"{path}?{urllib.parse.urlencode(asked)}"
                precondition.clear()
                status, data = call(c, route["method"], path, payload, headers)
                if status in (404, 409) and setup and route["method"] != "GET":  # not in this state: an action first
                    moved = after_an_action(builder, client, call, route, routes, setup, create_headers, creds,
                                            payload, headers)
                    if moved is not None:  # what another user got was asked before the action: not comparable
                        (status, data), c, path, setup["after_action"] = moved
                        result.pop("other_user", None)
                if status == 402 and setup:  # payment required: the caller pays in through its own account first
                    funded = pay_in(c, call, routes, route, headers,
                                    lambda c=c, path=path, payload=payload, headers=headers, route=route:
                                    call(c, route["method"], path, payload, headers))
                    if funded is not None:
                        (status, data), setup["funded"] = funded
                current = record_counters(payload, setup and setup["body"], record) \
                    if status in (400, 409, 412, 422) and route["method"] in ("PUT", "PATCH") else None
                if current:  # the record's own counter sent back (`version`), as an optimistic update must
                    payload = dict(payload or {}, **current)
                    status, data = call(c, route["method"], path, payload, headers)
                if status in (400, 422) and route["method"] in ("PUT", "PATCH") and payload and \
                        ones(payload) != payload:  # every number 1: a rate, a share
                    again, answer = call(c, route["method"], path, ones(payload), headers)
                    if 200 <= again < 300:
                        status, data, payload = again, answer, ones(payload)
                if status in (400, 422) and route["method"] in ("PUT", "PATCH") and payload and \
                        route.get("number_limits"):  # numbers on the limits the view compares them with

                    def takes_here(tried, c=c, path=path, route=route, headers=headers):
                        answer = call(c, route["method"], path, tried, headers)
                        return answer if 200 <= answer[0] < 300 else None
                    within = within_limits(payload, route["number_limits"], takes_here)
                    if within is not None:
                        payload = within
                        status, data = call(c, route["method"], path, payload, headers)
                if status == 422 and route["method"] == "POST" and payload:  # the next samples (moments with offset)
                    other = {f["name"]: sample(f, 1) for f in route["body"]}
                    if other != payload:
                        again, answer = call(c, route["method"], path, other, headers)
                        if 200 <= again < 300:
                            status, data, payload = again, answer, other
                if status == 403 and token and not route.get("role"):  # refused, so nothing changed: other roles
                    status, data, token, headers = as_another_role(c, call, route, path, payload, creds, token,
                                                                   result) or (status, data, token, headers)
                for field in route["body"] if status in (400, 409, 422) else []:
                    for value in (field.get("enum") or [])[1:6]:  # the first value may be where the record is
                        if 200 <= status < 300:
                            break
                        tried = dict(payload or {}, **{field["name"]: value})
                        status, data = call(c, route["method"], path, tried, headers)
                        if 200 <= status < 300:
                            payload = tried
                            if result.get("other_user"):  # asked again with the request that goes through
                                result["other_user"] = other_user_status(client, call, route, setup, creates, creds,
                                                                         token, payload)
                if 200 <= status < 300:
                    if precondition and setup:
                        result["if_match"] = dict(precondition)
                    answered = answered_update(payload, record, data) \
                        if setup and route["method"] in ("PUT", "PATCH") else {}
                    kept = read_back(c, call, route, routes, path, record, data, creds) \
                        if setup and route["method"] in ("PUT", "PATCH", "POST") and isinstance(record, dict) else None
                    result["ok"] = {"status": status, "setup": setup, "body": payload,
                                    "response_is_list": isinstance(data, list), "items_key": listed(data)[1],
                                    "response_keys": sorted(data)[:20] if isinstance(data, dict) else [],
                                    **answered, **({"kept": kept} if kept else {})}
                    if setup and route["method"] in ("POST", "PUT", "PATCH") and payload:  # on a new record each

                        def under_new(route=route, setup=setup, headers=headers):
                            fresh, parent = client(), creates[setup["path"]]
                            _, _, made = make_new(fresh, call, setup["path"], parent[0], parent[1], "pair")
                            return poster(fresh, call, fill_item(route["path"], made[setup["id_field"]]), headers,
                                          route["method"])
                        with contextlib.suppress(Exception):
                            result["limit_edges"] = limit_edges(under_new, route, payload)
                        with contextlib.suppress(Exception):
                            result["pair_edges"] = pair_edges(under_new, route, payload) \
                                if route["method"] == "POST" else []
                    if setup and route["method"] == "POST":
                        answers = [status]  # again and again, until the record runs out (copies, seats)
                        while len(answers) < 6 and answers[-1] == status:
                            answers.append(call(c, "POST", path, payload, headers)[0])
                        if answers[-1] != status:
                            result["again_status"], result["again_after"] = answers[-1], len(answers) - 1
                        own = "/" + route["path"].rsplit("/", 1)[-1]  # records made under another's, kept elsewhere
                        if not any(r["path"].startswith(own + "/{") for r in routes):
                            own = route["path"]  # or read under the parent's path (`/boards/{board_id}/cards/{n}`)
                        item = next((r for r in routes if r["path"].startswith(own + "/{")), None)
                        if route["path"].count("{") == 1 and own not in creates and payload is not None and \
                                item is not None and id_key(item["path"], data):
                            nested[own] = {"path": route["path"], "parent": setup["path"],
                                           "parent_id": setup["id_field"],
                                           **({"funded": setup["funded"]} if setup.get("funded") else {})}
                            creates[own] = (payload, headers, data)
                            result["makes"] = {"collection": own, **nested[own]}
                    if setup and route["method"] in ("DELETE", "PUT", "PATCH"):  # gone, or a version now stale
                        again, _ = call(c, route["method"], path, payload, headers)
                        if again != status and 400 <= again < 500:
                            result["again_status"], result["again_after"] = again, 1
                    if setup and route["method"] != "GET":
                        with contextlib.suppress(Exception):
                            result["own_effects"] = own_effects(builder, client, call, route, routes, setup,
                                                                create_headers, headers, payload)
                    if setup and route["method"] in ("PUT", "PATCH"):
                        result["update_effects"] = update_effects(client, call, route, routes, creates, creds,
                                                                  headers)
                    if route["method"] == "GET" and setup and route["path"].count("{") == 1 and \
                            listed(data)[0] is not None:  # a listing under a record (`/accounts/{id}/transfers`)
                        with contextlib.suppress(Exception):
                            result["pages"] = nested_pagination(builder, client, call, route, routes, setup, creates,
                                                                creds)
                    if route["method"] == "GET" and "{" not in route["path"] and listed(data)[0] is not None:
                        result["pages"] = pagination(builder, client, call, route, creates)
                        result["query_limits"] = query_limits(client, call, route, headers)
                        with contextlib.suppress(Exception):
                            result["filters"] = filter_probes(builder, client, call, route, routes, creates)
                        with contextlib.suppress(Exception):
                            result["sorts"] = sort_probes(builder, client, call, route, routes, creates)
                        with contextlib.suppress(Exception):
                            result["order"] = api_listing_order(client, call, route, creates, headers)
                else:
                    result["ok_failed_status"] = status
                if "{" in route["path"]:
                    status, _ = call(client(), route["method"], fill_path(route["path"], 999999), payload, headers)
                    result["missing_status"] = status
        except Exception as exc:
            result["error"] = f"{type(exc).__name__}: {exc}"
        route["observed"] = result
        refs = result.get("refs")
        if isinstance(refs, dict) and refs:
            references[route["path"]] = {field: dict(ref, headers=creates[ref["path"]][1])
                                         for field, ref in refs.items()}
    with contextlib.suppress(Exception):
        follow_probes(client, call, routes, creates, creds)
    with contextlib.suppress(Exception):
        action_sequences(builder, client, call, routes, creates, creds)
    with contextlib.suppress(Exception):
        state_walks(builder, client, call, routes, creates, creds)
    with contextlib.suppress(Exception):
        role_refusals(client, call, routes, creds)

    def relogged(c):
        """Whether client `c`'s users log in anew on their next request (their tokens forgotten)."""
        return getattr(logins, "tokens", {}).pop(id(c), None) is not None

    clock = find_clock(client().application if framework == "flask" else client().app, framework)
    if clock is not None:
        builder.spec["clock"] = clock
        with contextlib.suppress(Exception):
            clock_edges(builder, client, call, routes, creates, creds, clock, relogged)
    if builder.spec["kind"] == "factory" and not builder.shown_args:
        with contextlib.suppress(Exception):
            builder.spec["fresh_factory"] = factory_starts_empty(client, call, routes, creates, creds)
    with contextlib.suppress(Exception):
        rate_limits(builder, client, call, routes)


def role_refusals(client, call, routes, creds):
    """What a caller of another role is answered on each route a role needs, sent the request the tests' forbidden
    check sends (on a record made as the tests make it): `observed["other_role_status"]`. The check is written only
    where that is 403: a guard that also lets the record's own maker through (`driver or admin`) is no role rule."""
    by_key = {(r["method"], r["path"]): r for r in routes}
    for route in routes:
        observed = route.get("observed")
        if not route.get("role") or not route["auth"] or not isinstance(observed, dict):
            continue
        other = next((cred for cred in creds if cred["role"] != route["role"]), None)
        if other is None:
            continue
        ok = observed.get("ok") or observed.get("role_request") or {}
        c = client()
        path = fill_path(route["path"], 1)
        if ok.get("setup"):
            setup = ok["setup"]
            create = by_key.get(("POST", setup["path"]))
            token = ((create or {}).get("observed") or {}).get("token")
            headers = auth_headers(create["auth"], token) if create and create["auth"] and token else {}
            status, made = call(c, "POST", setup["path"], setup["body"], headers)
            key = setup.get("id_field", "id")
            if not (200 <= status < 300 and isinstance(made, dict) and key in made):
                continue
            path = fill_path(route["path"], made[key])
        body = ok.get("body") if route["method"] in ("POST", "PUT", "PATCH") else None
        observed["other_role_status"] = call(c, route["method"], path, body,
                                             auth_headers(route["auth"], other["token"]))[0]


RATE_TRIES = 120
"""How many times one read is asked in a row to find a limit on requests (`30 per minute`)."""


def rate_limits(builder, client, call, routes):
    """The first read of a collection that answered 200, asked again and again on a fresh store until its answer
    changes (429 Too Many Requests): {"after", "status"} in its `rate_limit`, when that happens within
    RATE_TRIES."""
    for route in routes:
        observed = route.get("observed") or {}
        if route["method"] != "GET" or "{" in route["path"] or (observed.get("ok") or {}).get("status") != 200:
            continue
        if not builder.fresh():
            return
        c = client()
        headers = auth_headers(route["auth"], observed.get("token")) if route["auth"] and observed.get("token") \
            else {}
        for n in range(RATE_TRIES):
            status = call(c, "GET", route["path"], None, headers)[0]
            if status != 200:
                if n >= 2 and 400 <= status < 500:
                    observed["rate_limit"] = {"after": n, "status": status}
                return
        return


def factory_starts_empty(client, call, routes, creates, creds):
    """Whether each app the factory builds starts on an empty store: a record made on one app is not listed by the
    next one (its store lives in the app, not in a module or a file both share)."""
    for route in routes:
        ok = (route.get("observed") or {}).get("ok") or {}
        if route["method"] != "GET" or "{" in route["path"] or route["path"] not in creates or \
                not (ok.get("response_is_list") or ok.get("items_key")):
            continue
        body, create_headers, _ = creates[route["path"]]
        status, created = call(client(), "POST", route["path"], vary(body, "fresh"), create_headers)
        key = id_key(route["path"] + "/{id}", created)
        if not 200 <= status < 300 or key is None:
            continue
        headers = route_headers(creds, route)
        status, data = call(client(), "GET", route["path"], None, headers)
        items, _ = listed(data)
        if status == 200 and items is not None:
            return not any(isinstance(i, dict) and i.get(key) == created[key] for i in items)
    return False


def omitted_defaults(c, call, route, body, headers):
    """For each optional field the create was sent: what the record holds when it is left out, where that differs
    from what was sent (`copies` 1, `status` "open"), with the body that left it out. At most four."""
    out: list[dict[str, Any]] = []
    for f in route["body"]:
        name = f["name"]
        if f.get("required") or name not in body or len(out) >= 4:
            continue
        sent = {k: v for k, v in vary(body, f"d{len(out)}").items() if k != name}
        status, data = call(c, "POST", route["path"], sent, headers)
        if 200 <= status < 300 and isinstance(data, dict) and name in data and data[name] != body[name] \
                and isinstance(data[name], (str, int, float, bool, type(None))):
            out.append({"field": name, "body": sent, "status": status, "value": data[name]})
    return out


def server_set(body, created, again):
    """The plain values the server set on a new record (not sent, not its id or a time) that a second record
    created with other text got too: a status, a flag, a total computed from the numbers sent."""
    if not (isinstance(created, dict) and isinstance(again, dict)):
        return {}
    return {k: v for k, v in created.items() if k not in body and k != "id" and not k.endswith("_id") and
            again.get(k, object()) == v and type(v) in (bool, int, float, str, type(None)) and
            not (isinstance(v, str) and (len(v) > 40 or re.match(r"\d{4}-\d\d-\d\d", v)))}


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


CHOICES: dict[str, set[Any]] = {}
"""Body keys the routes accept only a few values of, with those values: `vary` keeps them as they are."""


MOMENT = r"\d{4}-\d\d-\d\d(T[\d:]+(Z|[+-]\d\d:\d\d)?)?"
TIME_ZONE = re.compile(r"time_?zone|tz|tz_?name|zone", re.I)


def vary(body, tag):
    """`body` with its free-text values made unique (a second record that no unique constraint refuses)."""
    out = {}
    for key, value in body.items():
        if isinstance(value, str) and value in CHOICES.get(key, ()):
            out[key] = value
        elif key in PATTERNS and isinstance(value, str):
            number = sum(ord(ch) for ch in str(tag)) % 97 + 2
            out[key] = padded_example(PATTERNS[key], number, len(value)) or value
        elif isinstance(value, str) and value.startswith("https://"):
            out[key] = f"{value}-{tag}"
        elif isinstance(value, str) and (re.fullmatch(r"[\d:]+|-?\d+\.\d+", value) or TIME_ZONE.fullmatch(key)):
            out[key] = value  # a time of day, an amount written out, a time zone: there is no unique one to make
        elif isinstance(value, str) and re.fullmatch(MOMENT, value):
            out[key] = later_by(value, sum(ord(ch) for ch in str(tag)) % 360 + 1)  # a time nobody holds yet
        elif isinstance(value, str) and "@" in value:
            out[key] = f"{tag}-{value}"
        elif isinstance(value, str) and not key.lower().endswith(("type", "status", "kind", "currency", "role")):
            out[key] = f"{value}-{tag}"
        else:
            out[key] = value
    return out


def later_by(value, days):
    """A date or date-time text `days` days later, written the same way."""
    return shifted(value, days * 86400)


def shifted(value, seconds):
    """A date or date-time text `seconds` later, written the same way (None when a date cannot hold it)."""
    if "T" not in value:
        return (dt.date.fromisoformat(value) + dt.timedelta(seconds=seconds)).isoformat() \
            if seconds % 86400 == 0 else None
    moment = dt.datetime.fromisoformat(value) + dt.timedelta(seconds=seconds)
    text = moment.isoformat(timespec="minutes" if len(value.split("T", 1)[1]) == 5 else "seconds")
    return text[:-6] + "Z" if value.endswith("Z") and text.endswith("+00:00") else text


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
    if isinstance(value, str) and re.fullmatch(MOMENT, value):  # a moment: a day later
        return "2031-02-20" + value[10:]
    if isinstance(value, str) and "pattern" in field:
        return pattern_example(field["pattern"], 7) or value
    if isinstance(value, str):
        text = value + "-changed"
        return text[: field["maxLength"]] if "maxLength" in field else text
    return value


def answered_update(payload, record, answer):
    """What an update's answer shows: the sent values it echoes, and the record's counters one higher than at
    creation (`revision`)."""
    if not isinstance(answer, dict) or not isinstance(record, dict):
        return {}
    counted = sorted(k for k, v in record.items() if type(v) is int and type(answer.get(k)) is int
                     and answer[k] == v + 1 and (payload or {}).get(k) != answer[k])
    echoed = sorted(k for k, v in (payload or {}).items() if k in answer and answer[k] == v and k not in counted)
    return {"echoed": echoed, "counted": counted}


def away_from(route, payload, record):
    """`payload` with each flag or choice that equals the record's own (`done` already false) changed: an update
    must be seen to change what it sends."""
    if not isinstance(record, dict):
        return payload
    out = dict(payload)
    for f in route["body"]:
        name = f["name"]
        if name in out and record.get(name) == out[name] and (isinstance(out[name], bool) or "enum" in f):
            out[name] = changed(f, out[name])
    return out


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
    read_headers = route_headers(creds, reader)
    full = {f["name"]: changed(f, sample(f)) for f in route["body"]}
    variants = [("all", full)]
    if route["method"] == "PATCH" and len(full) > 1:
        first = next((f["name"] for f in route["body"] if not f.get("required")), next(iter(full)))  # not `revision`
        variants.append(("one", {first: full[first]}))
    effects = []
    c = client()
    for kind, payload in variants:
        created_body = vary(body, "4" if kind == "all" else "5")
        status, created = call(c, "POST", collection, created_body, create_headers)
        key = id_key(route["path"], created)
        if not (200 <= status < 300) or key is None:
            continue
        payload = away_from(route, payload, created)
        status, _ = call(c, route["method"], fill_item(route["path"], created[key]), payload, headers)
        current = record_counters(payload, created_body, created) if status in (400, 409, 412, 422) else None
        if current:  # the record's own counter sent back (`version`), as an optimistic update must
            payload = dict(payload, **current)
            status, _ = call(c, route["method"], fill_item(route["path"], created[key]), payload, headers)
        if not 200 <= status < 300:
            continue
        _, after = call(c, "GET", fill_item(reader["path"], created[key]), None, read_headers)
        counted = answered_update(payload, created, after).get("counted", [])
        expected = dict(created, **{k: v for k, v in payload.items() if k in created})
        expected.update({k: created[k] + 1 for k in counted})
        if after == expected:
            effects.append({"kind": kind, "create_body": created_body, "payload": payload, "id_field": key,
                            "changed": [k for k in payload if k in created and k not in counted],
                            "counted": counted,
                            "kept": [k for k in created if k not in payload and k != key and k not in counted],
                            "read_path": reader["path"], "read_token": pick_token(creds, reader["role"], reader["auth"])
                            if reader["auth"] else None})
    return effects


PAGE_OFFSET = re.compile(r"^(offset|skip|start)$")
PAGE_LIMIT = re.compile(r"^(limit|size|per_page|page_size|count)$")


PAGE_NUMBER = re.compile(r"^(page|page_number|page_no|p)$")
PAGE_CURSOR = re.compile(r"cursor|^(after|before|starting_after|page_token|next_token|since_id)$")
PAGE_HEADER = re.compile(r"total|count|^link$|next|page")
"""Response headers that tell about a listing's pages (`X-Total-Count`, `Link`)."""
ANSWERED: dict[str, str] = {}
"""The headers of the last answer the probe got (names in lower case)."""


def page_headers():
    return {k: v for k, v in ANSWERED.items() if PAGE_HEADER.search(k) and k != "content-length"}


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


def page_params(route):
    """The query parameters a listing pages with: (offset, page number, page size, cursor) names, or None each."""
    numbers = [p["name"] for p in route["params"] if p.get("location") == "query" and p.get("type") == "integer"]
    offset = next((n for n in numbers if PAGE_OFFSET.match(n.lower())), None)
    number = next((n for n in numbers if PAGE_NUMBER.match(n.lower())), None)
    limit = next((n for n in numbers if PAGE_LIMIT.match(n.lower())), None)
    cursor = next((p["name"] for p in route["params"] if p.get("location") == "query" and
                   PAGE_CURSOR.search(p["name"].lower())), None)
    return offset, number, limit, cursor


def pagination(builder, client, call, route, creates):
    """On a fresh store: create three records, then ask for the second one alone (offset/limit or page/size), for
    a last page that is exactly full, page by page through a cursor, and for the records whose text field equals
    the second's (a filter in the query). Note which come back. A paged listing of another path (`/feed`) is tried
    with the records of each collection in turn until it lists them."""
    offset, number, limit, cursor = page_params(route)
    own = route["path"] if route["path"] in creates else route["path"].rstrip("/") \
        if route["path"].rstrip("/") in creates else None
    if own is not None:
        candidates = [own] if ((offset or number) and limit) or route["params"] else []
    else:
        candidates = [p for p in creates if "{" not in p][:3] if (offset or number or cursor) and limit else []
    for collection in candidates:
        if not builder.fresh():
            return None
        out = paged(client, call, route, collection, creates, offset, number, limit, cursor)
        if out is not None:
            return out
    return None


def nested_pagination(builder, client, call, route, routes, setup, creates, creds):
    """`pagination` for a listing under a record whose records are made by a POST on the same path
    (`POST /projects/{key}/issues`): on a fresh store, one parent record, three records under it, the pages of its
    listing. The answer also names the parent's set-up (`parent`), and its `collection` is the route's path."""
    poster = next((r for r in routes if r["method"] == "POST" and r["path"] == route["path"] and
                   isinstance(((r.get("observed") or {}).get("ok") or {}).get("body"), dict)), None)
    offset, number, limit, cursor = page_params(route)
    if poster is None or not limit or not (offset or number or cursor) or not builder.fresh():
        return None
    c = client()
    parent_body, parent_headers, _ = creates[setup["path"]]
    sent, status, made = make_new(c, call, setup["path"], parent_body, parent_headers, "")
    if not 200 <= status < 300 or not isinstance(made, dict) or setup["id_field"] not in made:
        return None
    filled = fill_path(route["path"], made[setup["id_field"]])
    poster_headers = auth_headers(poster["auth"], pick_token(creds, poster["role"], poster["auth"])) \
        if poster["auth"] else {}
    out = paged(client, call, route, filled, {filled: (poster["observed"]["ok"]["body"], poster_headers, None)},
                offset, number, limit, cursor, c=c, listing=filled)
    if out is not None:
        out.update(collection=route["path"], parent={"path": setup["path"], "body": sent,
                                                     "id_field": setup["id_field"]})
    return out


def paged(client, call, route, collection, creates, offset, number, limit, cursor, c=None, listing=None):
    """`pagination` with the records of `collection`, listed at `listing` (the route's own path by default)."""
    body, create_headers, _ = creates[collection]
    c = c or client()
    listing = listing or route["path"]
    ids, key, bodies = [], None, [vary(body, f"p{n}") for n in range(3)]
    for param in route["params"]:  # a filter on a field of few values: the second record alone has another
        values = sorted(CHOICES.get(param["name"], ()), key=str)
        if param.get("location") == "query" and param["name"] in body and len(values) >= 2:
            other = next(v for v in values if v != body[param["name"]])
            bodies[1] = dict(bodies[1], **{param["name"]: other})
    for n, one in enumerate(bodies):
        status, created = call(c, "POST", collection, one, create_headers)
        if not 200 <= status < 300 and one != vary(body, f"p{n}"):  # the other value is refused: as it was
            bodies[n] = one = vary(body, f"p{n}")
            status, created = call(c, "POST", collection, one, create_headers)
        key = id_key(collection + "/{id}", created)
        if not (200 <= status < 300) or key is None:
            return None
        ids.append(created[key])
    out = {"collection": collection, "bodies": bodies, "id_field": key, "queries": []}
    queries = []
    if (offset or number) and limit:  # the middle record, and a last page that is exactly full
        queries.append(("page", {offset: 1, limit: 1} if offset else {number: 2, limit: 1}))
        queries.append(("last page", {offset: 2, limit: 1} if offset else {number: 3, limit: 1}))
    for param in route["params"]:
        if param.get("location") == "query" and param.get("type") == "string" and param["name"] in body and \
                isinstance(bodies[1][param["name"]], str):
            queries.append(("filter", {param["name"]: bodies[1][param["name"]]}))
    for kind, params in queries:
        query = "&".join(f"{k}={v}" for k, v in params.items())
        status, data = call(c, "GET", f"{listing}?{query}", None, create_headers)
        items, items_key = listed(data)
        if status != 200 or items is None or not all(isinstance(i, dict) for i in items):
            continue
        got = [ids.index(i.get(key)) if i.get(key) in ids else None for i in items]
        if None in got:
            continue
        scalars = {k: v for k, v in data.items() if k != items_key and type(v) in (int, str, bool, type(None))} \
            if isinstance(data, dict) else {}
        out["queries"].append({"kind": kind, "params": params, "items_key": items_key, "positions": got,
                               "scalars": scalars, "headers": page_headers()})
    if cursor and limit:
        out["cursor"] = cursor_walk(c, call, listing, cursor, limit, ids, key, create_headers)
    return out if out["queries"] or out.get("cursor") else None


def cursor_walk(c, call, path, cursor, limit, ids, key, headers):
    """Pages of one record each, following the cursor the listing answers (`next_cursor`) until it gives none:
    {"param", "limit", "answer_key", "items_key", "pages": [positions of the records on each page]}, or None when
    the answers name no cursor or a record comes back that was not made."""
    status, data = call(c, "GET", f"{path}?{limit}=1", None, headers)
    items, items_key = listed(data)
    if status != 200 or not isinstance(data, dict) or items is None:
        return None
    answer_key = next((k for k, v in data.items() if isinstance(v, (str, int)) and not isinstance(v, bool) and
                       re.search(r"cursor|next|token", k.lower())), None)
    pages: list[list[int | None]] = []
    while answer_key is not None and len(pages) < 5:
        got = [ids.index(i.get(key)) if isinstance(i, dict) and i.get(key) in ids else None for i in items or []]
        if None in got:
            return None
        pages.append(got)
        following = data.get(answer_key)
        if following in (None, ""):
            return {"param": cursor, "limit": limit, "answer_key": answer_key, "items_key": items_key,
                    "pages": pages}
        status, data = call(c, "GET", f"{path}?{limit}=1&{cursor}={urllib.parse.quote(str(following))}", None,
                            headers)
        items = listed(data)[0]
        if status != 200 or not isinstance(data, dict) or items is None:
            return None
    return None


def read_back(c, call, route, routes, path, record, answer, creds):
    """After a change to a record (`PUT /items/1`, `POST /items/1/hide`) answered 2xx: the record read back through
    its own GET, and what changed since it was made, kept only where the read shows it. {"read": "self" or
    "parent", "same": [keys whose read value equals the change's answer], "values": {key: value} for the other
    keys that changed (no times)}, or None. A change answered but never committed reads back as it was."""
    read = "self" if route["method"] in ("PUT", "PATCH") else "parent"
    template = route["path"] if read == "self" else route["path"].rsplit("/", 1)[0]
    reader = next((r for r in routes if r["method"] == "GET" and r["path"] == template), None)
    if reader is None or not template.endswith("}"):
        return None
    url = path if read == "self" else path.rsplit("/", 1)[0]
    headers = auth_headers(reader["auth"], pick_token(creds, reader["role"], reader["auth"])) if reader["auth"] else {}
    status, data = call(c, "GET", url, None, headers)
    again = call(c, "GET", url, None, headers)[1]
    if status != 200 or not isinstance(data, dict) or data != again:
        return None
    changed = [k for k, v in data.items() if k in record and record[k] != v and not k.endswith("_at")
               and not (isinstance(v, str) and re.fullmatch(MOMENT, v))]
    same = [k for k in changed if isinstance(answer, dict) and answer.get(k) == data[k]]
    values = {k: data[k] for k in changed if k not in same and type(data[k]) in (int, str, bool, float)}
    return {"read": read, "same": same[:6], "values": dict(list(values.items())[:6])} if same or values else None


def idempotency(client, call, route, body, headers, creds, token):
    """A create that reads an idempotency key header, asked twice with one key and the same payload, then with the
    key and another payload, and by another user of the same role with the key: {"header", "key", "first",
    "again", "same_record", "other", "other_body", "id_field", "stranger_token", "stranger", "stranger_new"}."""
    header = next((p["name"] for p in route["params"] if p.get("location") == "header" and
                   re.search(r"idempoten", p["name"], re.I)), None)
    if header is None:
        return None
    c, key, other_body = client(), "assay-key-1", vary(body, "idem")
    keyed = dict(headers or {}, **{header: key})
    first, made = call(c, "POST", route["path"], body, keyed)
    id_field = id_key(route["path"] + "/{id}", made)
    if not 200 <= first < 300 or id_field is None:
        return None
    again, replayed = call(c, "POST", route["path"], body, keyed)
    other = call(c, "POST", route["path"], other_body, keyed)[0]
    out = {"header": header, "key": key, "first": first, "again": again, "other": other, "other_body": other_body,
           "id_field": id_field, "same_record": isinstance(replayed, dict) and replayed.get(id_field) == made[id_field]}
    stranger = same_role_other_token(creds, token) if token and route["auth"] else None
    if stranger is not None:
        status, theirs = call(c, "POST", route["path"], body, dict(auth_headers(route["auth"], stranger),
                                                                     **{header: key}))
        out.update(stranger_token=stranger, stranger=status, stranger_new=isinstance(theirs, dict) and
                   theirs.get(id_field) not in (None, made[id_field]))
    return out


def count_limits(builder, client, call, route, body, headers, refs, creates, routes=()):
    """On a fresh store: records made one after another (each with its own text, the same records pointed to) until
    the app refuses one, as far as a little past the numbers the view compares with (`if open_loans >= MAX_LOANS`).
    With two records pointed to or more, again keeping one of them and pointing each new record to new others
    (three loans of one member, each of another book: a per-member limit a book's copies would hide). Each is
    {"after", "status", "made", "steps": [{"body", "fresh": {field: {"path", "body", "id_field", "value"}}}],
    "kept"} when at least two records were made before a 4xx; those that stop where another does are left out."""
    most = min(max([n for n in (route.get("number_limits") or []) + (route.get("limits") or [])
                    if 2 <= n <= 12] or [4]) + 2, 14)
    plain = [f for f, ref in (refs or {}).items() if not ref.get("within")]
    out: list[dict[str, Any]] = []
    for kept in [None, *(plain if len(plain) >= 2 else [])]:
        found = count_limit(builder, client, call, route, body, headers, refs, creates, most,
                            [f for f in plain if kept is not None and f != kept], routes)
        if found is not None and all(found["after"] != f["after"] for f in out):
            out.append(dict(found, kept=kept))
    return out


def count_limit(builder, client, call, route, body, headers, refs, creates, most, fresh, routes=()):
    """One walk of `count_limits`: each new record points to new records of its own in the `fresh` fields."""
    if not builder.fresh():
        return None
    c, sent = client(), copy.deepcopy(body)
    if refs and referenced(c, call, route, sent, creates) and sent != body:
        return None  # the records pointed to got other keys on the fresh store: the test could not name them
    steps, statuses, first = [], [], None
    for n in range(most):
        one, made = vary(sent, f"c{n}"), {}
        for field in fresh:
            ref = refs[field]
            ref_body = vary(ref["body"], f"c{n}")
            answer, record = call(c, "POST", ref["path"], ref_body, creates[ref["path"]][1])
            if not 200 <= answer < 300 or not isinstance(record, dict) or ref["id_field"] not in record:
                return None
            one[field] = record[ref["id_field"]]
            made[field] = {"path": ref["path"], "body": ref_body, "id_field": ref["id_field"], "value": one[field]}
        status, answer = call(c, "POST", route["path"], one, headers)
        statuses.append(status)
        steps.append({"body": one, "fresh": made})
        if n == 0 and isinstance(answer, dict):
            first = answer
        if not 200 <= statuses[-1] < 300:
            break
    after = len(steps) - 1
    freed = freed_by_an_action(c, call, route, routes, first if after >= 2 else None, steps[-1]["body"], headers) \
        if 400 <= statuses[-1] < 500 and not fresh else None
    builder.fresh()  # the records made here would take the keys later set-ups make up (a store a module keeps)
    if after < 2 or not 400 <= statuses[-1] < 500:
        return None
    alone = first_on_fresh(builder, client, call, route, body, headers, refs, creates, steps[-1])
    if alone is None or not 200 <= alone < 300:
        return None  # refused on its own too: its own values are what the app refuses, not the count
    return {"after": after, "status": statuses[-1], "made": statuses[0], "steps": steps,
            **({"freed": freed} if freed else {})}


def freed_by_an_action(c, call, route, routes, first, refused, headers):
    """After a create is refused for the records already made (a quota of open ones): the first of the record's own
    bodiless actions (`withdraw`, `close`), taken in turn on the first record, that lets the refused create
    through: {"paths" taken, "id_field", "status"}, or None."""
    if not isinstance(first, dict):
        return None
    taken = []
    for action in [r for r in routes if r["method"] == "POST" and not r["body"] and r["path"].count("{") == 1 and
                   r["path"].startswith(route["path"].rstrip("/") + "/{")][:4]:
        key = id_key(action["path"].rsplit("/", 1)[0], first)
        if key is None or not 200 <= call(c, "POST", fill_item(action["path"], first[key]), None, headers)[0] < 300:
            continue
        taken.append(action["path"])  # in turn, as the record's life goes (submitted, then withdrawn)
        status, _ = call(c, "POST", route["path"], refused, headers)
        if 200 <= status < 300:
            return {"paths": taken, "id_field": key, "status": status}
    return None


def first_on_fresh(builder, client, call, route, body, headers, refs, creates, step):
    """What the app answers a step of `count_limit` sent first, on a fresh store (None when it cannot be asked)."""
    if not builder.fresh():
        return None
    try:
        c, sent = client(), copy.deepcopy(body)
        if refs and referenced(c, call, route, sent, creates) and sent != body:
            return None
        one = dict(step["body"])
        for field, made in step["fresh"].items():
            answer, record = call(c, "POST", made["path"], made["body"], creates[made["path"]][1])
            if not 200 <= answer < 300 or not isinstance(record, dict) or made["id_field"] not in record:
                return None
            one[field] = record[made["id_field"]]
        return call(c, "POST", route["path"], one, headers)[0]
    finally:
        builder.fresh()  # what was made here would take keys later set-ups make up


def query_limits(client, call, route, headers):
    """What the listing answers for a query number just past each declared bound (`value`, `status`, `side`), and
    at the bound itself (`edge`, `edge_status`): both sides of the line the code draws."""
    out = []
    for param in route["params"]:
        if param.get("location") != "query" or param.get("type") != "integer":
            continue
        for side, bound, step in (("maximum", param.get("maximum"), 1), ("minimum", param.get("minimum"), -1)):
            if not isinstance(bound, int) or isinstance(bound, bool):
                continue
            status, _ = call(client(), "GET", f"{route['path']}?{param['name']}={bound + step}", None, headers)
            edge, _ = call(client(), "GET", f"{route['path']}?{param['name']}={bound}", None, headers)
            out.append({"name": param["name"], "value": bound + step, "status": status, "side": side,
                        "edge": bound, "edge_status": edge})
    return out


def points_to(field, path):
    """Whether the body field `field` holds the id of a record of the collection at `path`: `product_id` ->
    /products, `source_account_id` -> /accounts."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    stem = field.removesuffix("_id")
    return any(last in (noun + "s", noun + "es") for noun in (stem, stem.rsplit("_", 1)[-1]))


def referenced(c, call, route, body, creates):
    """Records the body points to, made first on client `c` and their keys put in `body`: a field (or a field of
    each item of a list) naming a record of another collection (`source_account_id` -> a new record of POST
    /accounts, `sku` -> a product made with one, `discount_code` -> the `code` of a new discount). {field: {"path",
    "body", "id_field", "id", "within" (the list, for an item's field)}}. A field no collection matches keeps its
    sample."""
    refs = {}

    def point(name, in_items):
        for path in creates:
            made_body, made_headers, answer = creates[path]
            key = record_key(name, path, made_body, answer, in_items) if path != route["path"] else None
            if key is None:
                continue
            made_body, status, data = make_new(c, call, path, made_body, made_headers, f"{name}-")
            key = id_key(path + "/{id}", data) if key == "id" and isinstance(data, dict) else key
            if 200 <= status < 300 and isinstance(data, dict) and key and data.get(key) not in (None, ""):
                refs[name] = {"path": path, "body": made_body, "id_field": key, "id": data[key]}
            return
    for field in route["body"]:
        if field["name"] != "id" and field["name"] in body and (field["name"].endswith("_id") or ITEM_KEY.search(
                field["name"])):
            point(field["name"], False)
            if field["name"] in refs:
                body[field["name"]] = refs[field["name"]]["id"]
    for holder in route["body"]:  # `items: [{"sku": ..., "quantity": 1}]`: each item names a record made elsewhere
        items = body.get(holder["name"])
        props = (holder.get("items") or {}).get("properties") or [] if holder.get("type") == "array" else []
        if not props or not isinstance(items, list) or not items or not all(isinstance(i, dict) for i in items):
            continue
        for name in [p["name"] for p in props if ITEM_KEY.search(p["name"]) and p["name"] not in refs]:
            point(name, True)
            if name in refs:
                refs[name]["within"] = holder["name"]
                items = body[holder["name"]] = [dict(i, **{name: refs[name]["id"]}) for i in items]
    return refs


def record_key(name, path, made_body, answer, in_items):
    """The key of a record made through POST `path` that a field called `name` holds, or None: `product_id` ->
    /products' id ("id"), `discount_code` -> the `code` a record of /discounts answers, and in a list's items `sku`
    -> the `sku` the record was made with and answers (at the top level a bare `code` is as likely the new record's
    own)."""
    if not isinstance(answer, dict):
        return None
    if name.endswith("_id"):
        return "id" if points_to(name, path) else None
    if in_items and answer.get(name) not in (None, "") and name in made_body:
        return name
    stem, _, key = name.rpartition("_")
    return key if stem and points_to(stem + "_id", path) and answer.get(key) not in (None, "") else None


def number_paths(value, at=()):
    """Where the numbers in a body are (paths of keys and indexes), ids left out."""
    if isinstance(value, dict):
        return [p for k, v in value.items() if not ID_NAME.search(k) for p in number_paths(v, (*at, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in number_paths(v, (*at, i))]
    return [at] if type(value) in (int, float) else []


def with_number(value, at, number):
    """A copy of `value` with `number` at path `at`."""
    if not at:
        return number
    copied = copy.deepcopy(value)
    holder = copied
    for step in at[:-1]:
        holder = holder[step]
    holder[at[-1]] = number
    return copied


def pulled_apart(body, pairs):
    """Bodies in which two numbers the code compares with each other and that were sent equal differ: one, then
    the other, made larger."""
    out = []
    for pair in pairs or []:
        a, b = pair["names"]
        value = body.get(a)
        if type(value) in (int, float) and type(body.get(b)) is type(value) and body[b] == value:
            out += [dict(body, **{a: value * 2 + 1}), dict(body, **{b: value * 2 + 1})]
    return out[:6]


def ones(body):
    """`body` with each number in it 1 (1.0 for a float; ids left alone), in nested lists and objects too."""
    for at in number_paths(body):
        current = body
        for step in at:
            current = current[step]
        body = with_number(body, at, type(current)(1))
    return body


def loosened(body, takes, answer):
    """From a body taken with every number 1: each number in turn set to 2, else 0.5, where the app still takes it
    (a 1 hides a multiplication, a share of 1 a discount). `takes(body)` answers (status, data) or None: (the body,
    the last answer it took)."""
    for at in number_paths(body):
        for number in (2, 0.5):
            tried = with_number(body, at, number)
            took = takes(tried)
            if took is not None:
                body, answer = tried, took
                break
    return body, answer


def within_limits(body, limits, takes, most=40):
    """`body` with its numbers moved onto the limits the view compares them with, where the app takes it: first one
    number at a time on L-1, L or L+1 of each limit (one field out of range), then every number on the same value;
    None when nothing is taken within `most` tries. `takes(body)` answers (status, data) or None."""
    values = sorted({n for limit in limits for n in (limit - 1, limit, limit + 1) if n >= 0})
    paths = number_paths(body)
    tries = [with_number(body, at, n) for at in paths for n in values]
    for n in values:
        every = body
        for at in paths:
            every = with_number(every, at, n)
        tries.append(every)
    for tried in [t for t in tries if t != body][:most]:
        if takes(tried) is not None:
            return tried
    return None


def names_records(route):
    """Whether the route's body names records made elsewhere: a `*_id` or `*_code` field (a bare `code` is the new
    record's own), or list items with a key field."""
    return any(f["name"].endswith("_id") or ("_" in f["name"] and ITEM_KEY.search(f["name"])) or any(
        ITEM_KEY.search(p["name"]) for p in (f.get("items") or {}).get("properties") or []) for f in route["body"])


def bound_accepts(builder, client, call, route, body, headers):
    """A number's declared bounds (`ge=1, le=50000`) sent as they are, each on an empty store: the ones a create
    takes, [{"field", "side", "value", "body", "status"}]. Pinned, so a bound that turns exclusive fails a test."""
    out: list[dict[str, Any]] = []
    for f in route["body"]:
        if f.get("type") not in ("integer", "number") or f["name"] not in body:
            continue
        for side in ("minimum", "maximum"):
            value = f.get(side)
            if type(value) not in (int, float) or value == body[f["name"]]:
                continue
            value = int(value) if f["type"] == "integer" and float(value).is_integer() else value  # `ge=1`, not 1.0
            if not builder.fresh():
                return out
            sent = dict(vary(body, f"b{side[:3]}"), **{f["name"]: value})
            status, _ = call(client(), "POST", route["path"], sent, headers)
            if 200 <= status < 300:
                out.append({"field": f["name"], "side": side, "value": value, "body": sent, "status": status})
    return out[:4]


def after_an_action(builder, client, call, route, routes, setup, create_headers, creds, payload, headers):
    """A request on a new record that its state refuses (404: not shown yet, 409) sent again after one of the
    record's own bodiless actions is taken first by whoever may take it (an applicant submits before a reviewer
    decides): ((status, answer), client, path, {"path", "token"}) for the first action that lets it through."""
    item = route["path"].split("}", 1)[0] + "}"
    actions = [r for r in routes if r is not route and r["method"] == "POST" and not r["body"] and
               r["path"].startswith(item + "/") and r["path"].count("{") == 1]
    for action in actions[:4]:
        c, status, made = made_on_a_client(builder, client, call, setup["path"], setup["body"], create_headers)
        if not 200 <= status < 300 or not isinstance(made, dict) or setup["id_field"] not in made:
            return None
        token = pick_token(creds, action["role"], action["auth"]) if action["auth"] else None
        key = made[setup["id_field"]]
        if not 200 <= call(c, "POST", fill_item(action["path"], key), None, auth_headers(action["auth"], token))[0] \
                < 300:
            continue
        path = fill_item(route["path"], key)
        answer = call(c, route["method"], path, payload, headers)
        if 200 <= answer[0] < 300:
            return answer, c, path, {"path": action["path"], "token": token}
    return None


OWN_ACCOUNT = re.compile(r"(^|/)(me|my|self|account|profile|wallet|balance)(/|$)")


def own_effects(builder, client, call, route, routes, setup, create_headers, headers, payload):
    """What an action on a record changes on the caller's own account (`GET /members/me`: credit, counts): the
    set-up replayed as the test makes it (the record, any paying in), the account read before and after. The
    plain fields that changed, at their new values: [{"path", "before", "after"}]."""
    readers = [r for r in routes if r["method"] == "GET" and "{" not in r["path"] and r["auth"] and
               OWN_ACCOUNT.search(r["path"])]
    if not readers:
        return []
    c, status, made = made_on_a_client(builder, client, call, setup["path"], setup["body"], create_headers)
    if not 200 <= status < 300 or not isinstance(made, dict) or setup["id_field"] not in made:
        return []
    if setup.get("prior"):
        call(c, "POST", fill_item(route["path"], made[setup["id_field"]]), None, headers)
    if setup.get("after_action"):
        action = next(r for r in routes if r["method"] == "POST" and r["path"] == setup["after_action"]["path"])
        call(c, "POST", fill_item(action["path"], made[setup["id_field"]]), None,
             auth_headers(action["auth"], setup["after_action"]["token"]))
    for step in setup.get("funded") or []:
        for _ in range(step["times"]):
            call(c, "POST", step["path"], step["body"], headers)
    before = {r["path"]: call(c, "GET", r["path"], None, headers) for r in readers}
    status, _ = call(c, route["method"], fill_item(route["path"], made[setup["id_field"]]), payload, headers)
    if not 200 <= status < 300:
        return []
    out = []
    for path, (was, old) in before.items():
        now, new = call(c, "GET", path, None, headers)
        if was == now == 200 and isinstance(old, dict) and isinstance(new, dict):
            changed = {k: v for k, v in new.items() if k in old and old[k] != v and
                       type(v) in (int, float, str, bool, type(None)) and not stamped(v)}
            if changed:
                out.append({"path": path, "before": {k: old[k] for k in changed}, "after": changed})
    return out


PAY_IN = re.compile(r"top-?up|deposit|credit|fund|wallet|balance|recharge|pay-?in", re.I)


def pay_in(c, call, routes, route, headers, again):
    """A request answered 402 sent again after the caller pays in: each route of the caller's own account (`POST
    /members/me/topup`, `/wallet/deposit`) that went through with its valid body, up to three times. ((status,
    answer), [{"path", "body", "times"}]) once it goes through, else None."""
    for payer in routes:
        ok = (payer.get("observed") or {}).get("ok") or {}
        if payer["method"] != "POST" or "{" in payer["path"] or payer is route or not isinstance(
                ok.get("body"), dict) or not (re.search(r"/me(/|$)", payer["path"]) or PAY_IN.search(payer["path"])):
            continue
        for times in range(1, 4):
            call(c, "POST", payer["path"], ok["body"], headers)
            status, data = again()
            if status != 402:
                return ((status, data), [{"path": payer["path"], "body": ok["body"], "times": times}]) \
                    if 200 <= status < 300 else None
    return None


def made_on_a_client(builder, client, call, path, body, headers):
    """A new client and what POST `path` answered on it: on an empty store again when the store the probes share
    refuses it (409, a quota they used up). (client, status, answer)."""
    c = client()
    status, data = call(c, "POST", path, body, headers)
    if status == 409 and builder.fresh():
        c = client()
        status, data = call(c, "POST", path, body, headers)
    return c, status, data


def make_new(c, call, path, body, headers, tag):
    """A new record made through POST `path` from `body` with its free text made unique: (body sent, status,
    answer). Made again under another made-up value when the first is taken (409): a key made up from a pattern
    may already be in a store the probes share."""
    for _ in range(3):
        sent = vary(body, f"{tag}{next(SETUPS)}")
        status, data = call(c, "POST", path, sent, headers)
        if status != 409:
            break
    return sent, status, data


ITEM_KEY = re.compile(r"(^|_)(id|sku|code|slug|key|number|ref)$")
"""Fields of a list's items that name a record by its key (`product_id`, `sku`)."""


def unknown_references(client, call, route, body, headers, refs, creates):
    """What the app answers when one field points to a record that does not exist (the others to real ones), per
    field: a 4xx keeps a loan from naming a member nobody made."""
    out = {}
    for field, ref in refs.items():
        if ref.get("within"):
            continue
        c = client()
        sent = dict(body)
        referenced(c, call, route, sent, creates)
        value = 999999 if isinstance(ref["id"], int) else f"no-such-{field}".replace("_", "-")
        status, _ = call(c, "POST", route["path"], {**sent, field: value}, headers)
        if 400 <= status < 500:
            out[field] = {"value": value, "status": status}
    return out


def related_effects(client, call, route, body, headers, routes, creds):
    """Numbers on a referenced record (`product_id` -> GET /products) that a create changes, e.g. stock taken.

    When the change equals a numeric field of the request (quantity), also what the app answers when that
    field asks for more than is left: the limit a create must respect.
    """
    effects = []
    for ref in (f["name"] for f in route["body"] if f["name"].endswith("_id") and f["name"] != "id"):
        listing = next((r for r in routes if r["method"] == "GET" and "{" not in r["path"]
                        and points_to(ref, r["path"])), None)
        if listing is None or not isinstance(body.get(ref), int):
            continue
        c = client()
        list_headers = route_headers(creds, listing)

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
            effect = {"listing": listing["path"], "listing_token": pick_token(creds, listing["role"], listing["auth"])
                      if listing["auth"] else None, "ref": ref, "field": key, "delta": new - old}
            amount = next((f for f, v in body.items() if type(v) is int and f != ref and v == old - new), None)
            if amount:
                over = dict(body, **{amount: new + 1})
                effect["amount_field"] = amount
                effect["over_status"], _ = call(c, "POST", route["path"], over, headers)
                if 400 <= effect["over_status"] < 500 and new > 0:  # and all that is left, the other side
                    effect["exact_status"], _ = call(c, "POST", route["path"], dict(body, **{amount: new}), headers)
            effects.append(effect)
    return effects


def as_another_role(c, call, route, path, body, creds, token, result):
    """The request a user's role was refused (403) sent as each other role in turn: (status, data, token, headers)
    of the first that goes through, which the route then needs (its role, and the token its tests send), or None."""
    for cred in first_of_other_roles(creds, token):
        headers = auth_headers(route["auth"], cred["token"])
        status, data = call(c, route["method"], path, body, headers)
        if 200 <= status < 300:
            route["role"], result["token"] = cred["role"], cred["token"]
            return status, data, cred["token"], headers
    return None


def refused_to_others(client, call, route, body, creds, token):
    """True when every other role is refused (403) the request `token`'s role made: the route needs that role."""
    others = first_of_other_roles(creds, token)
    return bool(others) and all(
        call(client(), route["method"], route["path"], vary(body, "role"), auth_headers(route["auth"], o["token"]))[0]
        == 403 for o in others)


def first_of_other_roles(creds, token):
    """The first credential of each role other than `token`'s."""
    mine = next((c["role"] for c in creds if c["token"] == token), None)
    others: dict[str, dict[str, Any]] = {}
    for cred in creds:
        if cred["role"] != mine:
            others.setdefault(cred["role"], cred)
    return list(others.values())


def role_that_opens(client, call, route, setup, creates, creds, token, payload):
    """The credential of another role that a route on a user's own record takes when the user's is refused with
    403 (the view checks the role itself: an agent moves a ticket on, its customer may not), or None."""
    others = first_of_other_roles(creds, token)
    if not others:
        return None
    body, create_headers, _ = creates[setup["path"]]

    def answer(as_token):
        c = client()
        status, created = call(c, "POST", setup["path"], vary(body, str(next(SETUPS))), create_headers)
        key = id_key(route["path"], created)
        if not 200 <= status < 300 or key is None:
            return None
        return call(c, route["method"], fill_item(route["path"], created[key]), payload,
                    auth_headers(route["auth"], as_token))[0]

    if answer(token) != 403:
        return None
    answers = [(cred, answer(cred["token"])) for cred in others]
    return next((c for c, status in answers if status and 200 <= status < 300), None) or next(
        (c for c, status in answers if status in (400, 409, 422)), None)  # let in, refused for the record's state


def other_user_status(client, call, route, setup, creates, creds, token, payload):
    """What another user of the same role gets for a record the first one created (None: nothing to compare)."""
    other = same_role_other_token(creds, token)
    if other is None:
        return None
    body, create_headers, _ = creates[setup["path"]]
    c = client()
    status, created = call(c, "POST", setup["path"], body, create_headers)
    key = id_key(route["path"], created)
    if not (200 <= status < 300) or key is None:
        return None
    status, _ = call(c, route["method"], fill_item(route["path"], created[key]), payload,
                     auth_headers(route["auth"], other))
    if not owned(created, body) and status not in (403, 404):  # no owner shown, and open to others: no rule
        return None
    return {"token": other, "status": status}

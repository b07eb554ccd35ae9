"""Credentials: tokens found in settings and constants, the role each belongs to, the headers that carry them,
and calibration of which credential a route really accepts."""

import base64
import builtins
import json
import re
from typing import Any

from .routes import IDENTITY_HEADER
from .samples import fill_path
from .workspace import ROLE_WORDS, import_module, module_name, python_files, read


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


IDENTITY_SOURCE = "a caller the identity header names"


def identity_callers(routes):
    """Two callers for an app that takes the caller's identity from a header (`X-User-Id`) it trusts: any value
    names a user, so two made-up names are two users."""
    if not any((r.get("auth") or {}).get("identity") or IDENTITY_HEADER.fullmatch(r.get("auth_header") or "")
               for r in routes):
        return []
    return [{"token": name, "role": "user", "source": IDENTITY_SOURCE}
            for name in ("caller-1", "caller-2")]


def role_of(info):
    text = json.dumps(info, default=str).lower() if not isinstance(info, str) else info.lower()
    for word in ROLE_WORDS:
        if word in text:
            return word
    return None


def auth_headers(auth, token):
    if not auth or token is None:
        return {}
    if auth.get("type") == "apiKey" and auth.get("in") == "header":
        return {auth.get("name") or "X-API-Key": token}
    if auth.get("type") == "apiKey" and auth.get("in") == "cookie":  # a session cookie, as a browser sends it
        return {"Cookie": f"{auth.get('name')}={token}"}
    if is_basic(auth):  # `name:password`, base64 as HTTP Basic sends it
        return {"Authorization": "Basic " + (token if ":" not in token or token.startswith("assay-login:")
                                             else base64.b64encode(token.encode()).decode())}
    return {"Authorization": f"{auth.get('prefix') or 'Bearer'} {token}"}


def wrong_pair(token):
    """An HTTP Basic name and password the app must refuse: a known name (from settings) with a wrong password,
    which also catches a check of the name alone; else a name nobody signed up with."""
    name, _, _ = str(token).partition(":")
    known = ":" in str(token) and not str(token).startswith("assay-login:")
    return f"{name}:not-the-password" if known else "nobody:not-the-password"


def is_basic(auth):
    """True for HTTP Basic auth: a name and password with each request, no token."""
    return str((auth or {}).get("scheme") or "").lower() == "basic"


def fits(auth, cred):
    """True when `cred` can go in the way `auth` takes credentials: HTTP Basic takes a name and password (from a
    setting pair, or users who sign up for Basic), and a name and password from settings go nowhere else."""
    basic_pair = bool(cred.get("basic_pair"))
    if is_basic(auth):
        return basic_pair or bool((cred.get("login") or {}).get("basic"))
    return not basic_pair


def route_headers(creds, route):
    """The headers that carry the token `pick_token` gives `route`'s role, the way the route takes it ({} for an
    open route)."""
    return auth_headers(route["auth"], pick_token(creds, route["role"], route["auth"])) if route["auth"] else {}


def pick_token(creds, role, auth=None):
    if auth is not None:
        creds = [c for c in creds if fits(auth, c)] or creds
    if not creds:
        return None
    if role:
        match = [c for c in creds if c["role"] == role]
        return match[0]["token"] if match else None
    users = [c for c in creds if c["role"] == "user"]  # a plain user first, then any role but admin
    non_admin = [c for c in creds if c["role"] != "admin"]
    return (users or non_admin or creds)[0]["token"]


def same_role_other_token(creds, token):
    """A second credential with the same role as `token`: another user who should not see the first one's data."""
    role = next((c["role"] for c in creds if c["token"] == token), None)
    others = [c["token"] for c in creds if c["role"] == role and c["token"] != token]
    return others[0] if others else None


def other_role_token(creds, role):
    others = [c for c in creds if c["role"] != role]
    return others[0]["token"] if others else None


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
                route["auth"] = ({"type": "http", "scheme": "basic"} if route.get("auth_basic") else
                                 {"type": "http", "scheme": "bearer", "prefix": route.get("auth_prefix")}
                                 if header.lower() == "authorization"
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


def refused_secrets(client, call, routes, creds):
    """The credentials found in settings that the app answers exactly as it answers a made-up token on each of
    its guarded reads (401 both times: not let in; a 403 may be a role): a key that signs sessions is no key a
    caller sends."""
    guarded = [r for r in routes if r["auth"] and r["auth"].get("type") != "session" and not is_basic(r["auth"])]
    reads = [r for r in guarded if r["method"] == "GET" and not r.get("role")]
    if not reads or {carried_by(r["auth"]) for r in reads} != {carried_by(r["auth"]) for r in guarded}:
        return []  # a way in (an admin's header) with no plain read to ask: the secret may be for it
    reads = [r for r in reads if "{" not in r["path"]] or reads
    reads = list({carried_by(r["auth"]): r for r in reversed(reads)}.values())[:3]  # one per way in
    refused = []
    for cred in creds:
        if cred.get("candidate") or cred.get("basic_pair") or cred.get("login") or cred["source"] == IDENTITY_SOURCE:
            continue
        answers = []
        for route in reads:
            path = fill_path(route["path"], 1)
            answers.append((call(client(), "GET", path, None, auth_headers(route["auth"], cred["token"]))[0],
                            call(client(), "GET", path, None, auth_headers(route["auth"], "wrong-token"))[0]))
        if all(mine == wrong == 401 for mine, wrong in answers):
            refused.append(cred)
    return refused


def carried_by(auth):
    """Where a credential goes: (kind, place, name or scheme)."""
    return auth.get("type"), auth.get("in"), auth.get("name") or str(auth.get("scheme") or "").lower()


def session_cookie(app):
    """The name of the cookie Starlette's `SessionMiddleware` keeps the session in, when the app has one."""
    for cls, _, kwargs in getattr(app, "user_middleware", None) or []:
        if getattr(cls, "__name__", "") == "SessionMiddleware":
            return kwargs.get("session_cookie") or "session"
    return None


def session_guarded(client, call, routes, cookie):
    """Routes no declared guard covers that refuse an anonymous call with 401, in an app that keeps a session
    cookie (`SessionMiddleware`): they read the signed-in user from the session (through a helper of the app's
    own), so their credential is that cookie."""
    if cookie is None or any(r["auth"] for r in routes):
        return []
    guarded, others = [], []
    for route in routes:
        if any("pass" in f["name"].lower() for f in route["body"]):
            continue  # a login: a wrong name and password is what it answers 401 to
        body: dict[str, Any] | None = {} if route["method"] in ("POST", "PUT", "PATCH") else None
        if call(client(), route["method"], fill_path(route["path"], 1), body)[0] == 401:
            guarded.append(route)
        else:
            others.append(route)
    helpers = set.intersection(*(set(r.get("calls") or ()) for r in guarded)) if len(guarded) >= 2 else set()
    helpers = {h for h in helpers if h[:1].islower() and not hasattr(builtins, h)}  # the app's own, not `int`
    if helpers:  # a handler that refuses a bad body before it asks who is signed in, by the helpers all others call
        guarded += [r for r in others if helpers <= set(r.get("calls") or ())]
    for route in guarded:
        route["auth"] = {"type": "apiKey", "in": "cookie", "name": cookie}
    return guarded

"""Turn a discovery inventory into readable pytest files.

Each planned test is a `Case`: a name, a docstring saying what it proves, the scenario, and
its body lines. `rule` cases state what the contract should be (4xx on invalid input, 401
without credentials); a rule case that fails on the current code is a finding. `observed`
cases pin behaviour the discovery saw (success answers, side effects); if one fails, it is
dropped, because the engine's own assumption was wrong, not the code.
"""

from __future__ import annotations

import base64
import datetime
import json
import re
import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from agent.offline.clock import (
    anchor_words,
    clock_fixture,
    clock_modules,
    mark_assertion,
    moment_call,
    when_words,
)
from agent.outcome import Scenario
from agent.request import parse_request

if TYPE_CHECKING:
    from agent.offline.forms import FormPlan
from agent.templating import environment

DOMAIN_WORDS = ("quantity", "qty", "amount", "price", "stock", "count", "cost", "balance", "units")
_TEMPLATES = environment("offline")


@dataclass
class Case:
    """One generated test."""

    name: str
    doc: str
    scenario: Scenario
    lines: list[str]
    kind: str = "observed"
    """`rule` (the contract; a failure is a finding), `observed` (pinned behaviour; a failure drops it, with a gap)
    or `guess` (what the app may refuse, kept only where it does: a failure drops it quietly)."""
    finding: str = ""
    """What a failure of a rule case means, e.g. `POST /orders accepted quantity=-1 with 201`."""
    xfail_reason: str | None = None
    args: str = "client"
    """The test function's parameters (its fixtures)."""


def unique_names(cases: list[Case]) -> list[Case]:
    """`cases`, a name met again given a number (a second `def` of a name would hide the first test)."""
    taken: set[str] = set()
    for case in cases:
        name, number = case.name, 1
        while case.name in taken:
            number += 1
            case.name = f"{name}_{number}"
        taken.add(case.name)
    return cases


FAST_HASH = "pbkdf2:sha256:1"
"""Werkzeug's hash method for the passwords of users the tests add themselves: the login's check reads the method
from the hash, so it runs as written, without a slow hash per test."""


class Raw:
    """Source text written as it is (`parent.id`), not as a literal."""

    def __init__(self, text: str) -> None:
        self.text = text


@dataclass
class TestFile:
    """One file to write."""

    __test__ = False

    path: str
    header: str
    cases: list[Case] = field(default_factory=list)
    dropped: dict[str, str] = field(default_factory=dict)
    """Name -> why it was dropped."""
    layer: str = "integration"
    """The layer its tests sit at: HTTP tests through the app, or `unit` for direct calls."""

    def render(self) -> str:
        for case in [c for c in self.cases if not compiles(c)]:  # one such test would stop the whole file
            self.cases.remove(case)
            self.dropped[case.name] = "its code does not compile inside a test function"
        return self.header + "".join(_TEMPLATES.get_template("case.py.j2").render(c=c) for c in self.cases)


def compiles(case: Case) -> bool:
    """Whether the case's lines compile as a function body (`from m import *` does not)."""
    body = "".join(f"    {line}\n" for line in case.lines) or "    pass\n"
    try:
        compile(f"def _case():\n{body}", "<case>", "exec")
    except SyntaxError:
        return False
    return True


ORDINALS = {2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}


def same(value: Any) -> str:
    """The comparison a reader expects for `value`: `is` for True, False and None, `==` for the rest."""
    return "is" if value is None or isinstance(value, bool) else "=="


def py(value: Any) -> str:
    """A Python literal for JSON-like data, double-quoted like the rest of the file."""
    if isinstance(value, dict) and set(value) == {"__set__"}:
        return "{" + ", ".join(py(v) for v in value["__set__"]) + "}" if value["__set__"] else "set()"
    if isinstance(value, dict) and set(value) == {"__object__", "module", "fields"}:
        return made(value)
    if isinstance(value, dict) and set(value) == {"__pairs__"}:  # keys that are objects or numbers
        return "{" + ", ".join(f"{py(k)}: {py(v)}" for k, v in value["__pairs__"]) + "}"
    return _literal(value)


def made(value: dict[str, Any]) -> str:
    """`Name(key=value, ...)` for an object the test makes, `NAME` for one the module holds."""
    if value["fields"] is None:
        return str(value["__object__"])
    return str(value["__object__"]) + "(" + ", ".join(f"{k}={py(v)}" for k, v in value["fields"].items()) + ")"


def _literal(value: Any) -> str:
    if isinstance(value, dict) and set(value) == {"__decimal__"}:
        return f'Decimal("{value["__decimal__"]}")'
    if isinstance(value, dict) and set(value) == {"__fraction__"}:
        return "Fraction({}, {})".format(*value["__fraction__"])
    if isinstance(value, dict) and set(value) == {"__bytes__"}:
        return repr(str(value["__bytes__"]).encode("latin-1"))
    if isinstance(value, dict) and set(value) == {"__date__"}:
        return "date({}, {}, {})".format(*(int(part) for part in value["__date__"].split("-")))
    if isinstance(value, dict) and set(value) == {"__datetime__"}:
        moment = datetime.datetime.fromisoformat(value["__datetime__"])
        if moment.tzinfo is not None or moment.microsecond:
            return f'datetime.fromisoformat("{value["__datetime__"]}")'
        return f"datetime({moment.year}, {moment.month}, {moment.day}, {moment.hour}, {moment.minute}, {moment.second})"
    if isinstance(value, dict) and set(value) == {"__timedelta__"}:
        parts = [f"{unit}={amount}" for unit, amount in zip(("days", "seconds", "microseconds"), value["__timedelta__"],
                                                            strict=True) if amount]
        return f"timedelta({', '.join(parts) or '0'})"
    if isinstance(value, dict) and set(value) == {"__text__"}:
        return py(value["__text__"])  # an object known by its text: `pinned` compares `str(...)` with it
    if isinstance(value, dict) and set(value) == {"__double__"}:
        return str(value["__double__"])  # a stand-in function the test module defines (`returns_ok`)
    if isinstance(value, dict) and set(value) == {"__tuple__"}:
        items = [py(v) for v in value["__tuple__"]]
        return f"({items[0]},)" if len(items) == 1 else "(" + ", ".join(items) + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{py(k)}: {py(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(py(v) for v in value) + "]"
    if isinstance(value, str):  # JSON's escapes are Python's: quotes, backslashes, newlines and control characters
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def spelled(value: Any) -> bool:
    """True for an observation of objects known by their text (`{"__text__": "4/7"}`, or a list of them)."""
    items = value.get("__tuple__") if isinstance(value, dict) and "__tuple__" in value else value
    if isinstance(items, list):
        return bool(items) and all(spelled(item) for item in items)
    return isinstance(value, dict) and set(value) == {"__text__"}


def pinned(expression: str, value: Any, approx: bool = False) -> str:
    """The assertion that `expression` gives the observed `value`: `is` for None and booleans, the text for an
    object that spells itself (`str(...)`), approximately for floats when `approx`."""
    if value is None or isinstance(value, bool):
        return f"assert {expression} is {value!r}"
    if spelled(value):
        if isinstance(value, dict) and "__text__" in value:
            return f"assert str({expression}) == {py(value)}"
        items = value["__tuple__"] if isinstance(value, dict) else value
        return f"assert [str(item) for item in {expression}] == {py(items)}"
    if approx and isinstance(value, float):
        return f"assert {expression} == pytest.approx({value!r})"
    return f"assert {expression} == {py(value)}"


def braces(label: str) -> str:
    """`label` escaped for use inside an f-string (route paths carry `{id}` placeholders)."""
    return label.replace("{", "{{").replace("}", "}}")


def spelled_span(span: float, unit: int) -> str:
    """A span in words: "12 hours", "3 days", "12 hours 1 minute", or a plain number."""
    if unit == 1:
        return f"{span:g}"
    parts, left = [], int(span)
    for size, word in ((86400, "day"), (3600, "hour"), (60, "minute"), (1, "second")):
        count, left = divmod(left, size)
        if count:
            parts.append(f"{count} {word}{'s' if count != 1 else ''}")
    return " ".join(parts) or "0 seconds"


def pay_in_lines(steps: list[dict[str, Any]], headers: str) -> list[str]:
    """The requests that pay in through the caller's own account before a request answered 402 goes through."""
    lines = []
    for step in steps:
        pay = f"client.post({py(step['path'])}, json={py(step['body'])}, headers={headers})"
        lines += [pay] if step["times"] == 1 else [f"for _ in range({step['times']}):", f"    {pay}"]
    return lines


def order_case(name: str, label: str, prep: list[str], posts: list[str], read: str, order: dict[str, Any]) -> Case:
    """Three records made in one order and listed in another: the order the listing shows them in, told by each
    one's own text. `posts` make them (one line each, in the order made); `read` is the listing's text as code."""
    markers = [order["markers"][n] for n in order["order"]]
    by = order.get("by")
    if by is None:
        how = "newest first" if order["order"] == [2, 1, 0] else "in the order the app keeps"
    else:
        fields = " and ".join(f"`{f}`" for f in by["fields"][:2])
        first = {"moment": ("earliest", "latest"), "number": ("smallest", "largest"), "text": ("A", "Z")}[by["kind"]]
        how = f"by {fields}, {first[1] if by['descending'] else first[0]} first"
    lines = [*prep, *posts, f"page = {read}", "assert " + " < ".join(f"page.index({py(m)})" for m in markers)]
    tail = slug(by["fields"][0]) if by else "newest_first" if order["order"] == [2, 1, 0] else "in_its_own_order"
    return Case(f"test_{name}_lists_records_{'by_' if by else ''}{tail}",
                f"{label} lists three records made in another order {how}.", "success", lines)


def pair_cases(target: str, prep: list[str], edges: list[dict[str, Any]], name: str, label: str,
               send: str = "json", headers: str | None = None) -> list[Case]:
    """Two inputs the code compares with each other: equal, swapped, a span apart, and a second record right
    after the first or inside it. `target` is the URL as code, after the `prep` lines; bodies go as `send`
    (`json`, or `data` for a form) with the `headers` expression, when there is one."""
    cases = []
    extra = f", headers={headers}" if headers is not None else ""
    for edge in edges:
        early, late = edge["fields"]
        post = f"resp = client.post({target}, {send}={py(edge['body'])}{extra})"
        lines = [*prep, post, f"assert resp.status_code == {edge['status']}"]
        if edge["variant"] == "equal":
            words, tail = f"`{late}` equal to `{early}`", f"{slug(late)}_equal_to_{slug(early)}"
        elif edge["variant"] == "swapped":
            words, tail = f"`{late}` before `{early}`", f"{slug(late)}_before_{slug(early)}"
        elif edge["variant"] == "span":
            span = spelled_span(edge["span"], edge["unit"])
            words, tail = f"`{late}` {span} after `{early}`", f"{slug(late)}_{slug(span)}_after_{slug(early)}"
        else:
            first = f"made = client.post({target}, {send}={py(edge['first'])}{extra})"
            lines = [*prep, first, f"assert made.status_code == {edge['made']}", *lines[len(prep):]]
            where = {"after": "starting when another ends", "before": "ending when another starts"}.get(
                edge["variant"], "starting inside another")
            words, tail = f"a record {where}", f"a_record_{slug(where)}"
        cases.append(Case(f"test_{name}_with_{tail}_answers_{edge['status']}",
                          f"{label} with {words} answers {edge['status']}.", "boundary", lines))
    return cases


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "root"


def route_slug(path: str) -> str:
    """`/orders/{order_id}` -> `order_by_id`; `/orders` -> `orders`."""
    parts = [p for p in path.strip("/").split("/") if p]
    if parts and parts[-1].startswith("{"):
        base = [p for p in parts[:-1] if not p.startswith("{")]
        return _singular(slug("_".join(base))) + "_by_id" if base else "item_by_id"
    return slug("_".join(p for p in parts if not p.startswith("{")))


def _singular(word: str) -> str:
    """`batches` -> `batch`, `categories` -> `category`, `orders` -> `order`."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("oes", "sses", "xes", "ches", "shes")):
        return word[:-2]
    return word.removesuffix("s")


def _stem(word: str) -> str:
    """A word without its plural or -ing ending (`widgets`, `creating`, `create` -> `widget`, `creat`, `creat`)."""
    word = word.rstrip("s")
    word = word.removesuffix("ing") if len(word) > 5 else word
    return word.removesuffix("e") if len(word) > 3 else word


def match_targets(routes: list[dict[str, Any]], request: str) -> tuple[list[dict[str, Any]], bool]:
    """Routes the request names (by path words or the name of the module that holds the view, singular or plural,
    `creating` for `/create`); all routes when none match, or when a listed behaviour names something no route's
    words show ("the staff moderation pages"): a part of the request must not be silently left out."""
    words = {_stem(w) for w in re.findall(r"[a-z]+", request.lower()) if len(w) > 2}
    matched = [r for r in routes if _route_words(r) & words - {"id"}]
    if not matched:
        return routes, False
    for item in parse_request(request):
        stems = {_stem(k) for k in item.keywords} - _CRUD_STEMS
        if item.kind == "behaviour" and stems and not any(_route_words(r) & stems for r in routes):
            return matched + [r for r in routes if r not in matched], True  # the named ones first
    return matched, True


_CRUD_STEMS = frozenset(_stem(w) for w in ("create", "creating", "list", "listing", "read", "reading", "get",
    "getting", "update", "updating", "edit", "editing", "delete", "deleting", "remove", "removing", "add", "adding",
    "fetch", "fetching", "show", "showing", "new", "one", "all", "each", "every", "item", "record"))
"""Words that say what is done to a resource, not which resource: a behaviour of only these is placed."""


def _route_words(route: dict[str, Any]) -> set[str]:
    """Stems of a route's path words and of the name of the module that holds its view."""
    module = _stem(str(route.get("module") or "").rsplit(".", 1)[-1].lower())
    return {_stem(seg) for seg in re.findall(r"[a-z]+", route["path"].lower())} | ({module} - {""})


# ---------------------------------------------------------------------------- HTTP apps


class HttpPlan:
    """Cases for the target routes of an HTTP app."""

    def __init__(self, inventory: dict[str, Any], targets: list[dict[str, Any]]) -> None:
        self.app = inventory["app"]
        self.framework = self.app["framework"]
        self.routes = inventory["routes"]
        self.targets = targets
        self.creds = inventory["credentials"]
        self.by_key = {(r["method"], r["path"]): r for r in self.routes}
        self.under: list[str] = []
        """Collections read under their parent's path (`/boards/{board_id}/cards`): a test's `parent_id`."""
        for r in self.routes:  # records made under another's (`POST /rooms/{room_id}/bookings` makes /bookings)
            makes = (r.get("observed") or {}).get("makes")
            if makes:
                self.by_key.setdefault(("POST", makes["collection"]), r)
                if "{" in makes["collection"]:
                    self.under.append(makes["collection"])
        self.gaps: list[tuple[str, str]] = []
        self.roles: dict[str, str] = {}
        self.logins: dict[str, dict[str, Any]] = {}
        self.clock_used = False
        """Whether a case moves the app's clock (the file then has the `clock` fixture)."""
        self.relogged: set[str] = set()
        """Login fixtures a test calls again once it moved the clock (their login is a function too)."""
        self.added_by: list[dict[str, Any]] = []
        """The functions of the app's own that add the users the login tests log in as."""
        self.forms: FormPlan | None = None
        if inventory.get("forms"):
            from agent.offline.forms import FormPlan

            self.forms = FormPlan(inventory, targets)

    @property
    def fresh_database(self) -> bool:
        """True when the generated fixture hands the app factory a per-test temporary database path or config;
        an app object imported as is keeps whatever state it has between tests."""
        return (self.app.get("kind") == "factory" and bool(self.app.get("factory_args"))) or bool(
            self.app.get("databases")) or bool(self.app.get("state")) or bool(self.app.get("fresh_env")) or bool(
            self.app.get("fresh_factory"))

    def _relocates_instance(self) -> bool:
        """Flask computes the instance folder when the app object is made: only a factory's can be moved."""
        return bool(self.app.get("instance_path")) and self.framework == "flask" and self.app.get("kind") == "factory"

    def client_doc(self) -> str:
        """What the `client` fixture sets up, in words that are true of the code it renders."""
        parts = []
        if self.app.get("databases"):
            parts.append("its own temporary SQLite database (the app's engine replaced, its tables created)")
        elif self.app.get("fresh_env"):
            parts.append("its own temporary SQLite database (" + ", ".join(self.app["fresh_env"]["vars"]) +
                         " pointed at a file under tmp_path, the cached settings and engines made again, the "
                         "app's own start-up run)")
        elif self.app.get("kind") == "factory" and self.app.get("factory_args"):
            parts.append("an app built by the factory against its own temporary database path")
        elif self.app.get("fresh_factory"):
            parts.append("a new app from the factory, whose store starts empty (discovery checked: a record made "
                         "on one app was not listed by the next)")
        if self.app.get("state"):
            parts.append("a fresh copy of the module-level store (" + ", ".join(
                f"{r['module']}.{r['attr']}" for r in self.app["state"]) + ")")
        if self.app.get("setup_commands"):
            parts.append("the schema made by the app's own " + ", ".join(
                f"`flask {c}`" for c in self.app["setup_commands"]) + " command")
        if self._relocates_instance():
            parts.append("an instance folder under tmp_path")
        return "; ".join(parts) or "the app as imported"

    def isolation_text(self, reuse_client: str | None = None) -> str:
        """What the generated fixture does about data between tests, as a clause that is true of the code."""
        if reuse_client:
            return f"through the `client` fixture of the repo's own {reuse_client}"
        if self.fresh_database:
            return "with a test client per test on " + self.client_doc()
        return ("with one app object shared by every test (it takes no database setting the engine could point at "
                "a temporary file), so data written by one test is visible to the next")

    @property
    def query_arg(self) -> str:
        """The test client's keyword for query parameters (Flask's `query_string`, httpx's `params`)."""
        return "query_string" if self.framework == "flask" else "params"

    def item_url(self, path: str, name: str = "item_id") -> str:
        """`path` for an f-string on a record the test made: its id in `name`, and the parent's in `parent_id`
        when the record lives under its parent's path (`/boards/{parent_id}/cards/{item_id}`)."""
        for collection in self.under:
            if path.startswith(collection + "/{"):
                return re.sub(r"\{[^}]+\}", "{parent_id}", collection) + re.sub(
                    r"\{[^}]+\}", "{" + name + "}", path[len(collection):])
        return re.sub(r"\{[^}]+\}", "{" + name + "}", path)

    def json_of(self, resp: str) -> str:
        return f"{resp}.get_json()" if self.framework == "flask" else f"{resp}.json()"

    def headers_name(self, token: str | None) -> str:
        if token is None:
            return "{}"
        cred = next(c for c in self.creds if c["token"] == token)
        if cred.get("login"):
            return self.login_fixture(cred)
        name = slug(cred["role"]).upper() + "_HEADERS"
        self.roles[name] = token
        return name

    def other_headers_name(self, token: str) -> str:
        """Headers of a second user with the same role (the owner-boundary cases)."""
        cred = next(c for c in self.creds if c["token"] == token)
        if cred.get("login"):
            return self.login_fixture(cred)
        name = "OTHER_" + slug(cred["role"]).upper() + "_HEADERS"
        self.roles[name] = token
        return name

    def login_fixture(self, cred: dict[str, Any]) -> str:
        """The fixture that signs a user up and logs in on the test's client (a token belongs to its app)."""
        role = slug(cred["role"])
        role = f"role_{role}" if role[:1].isdigit() else role  # a fixture name cannot start with a digit
        name = f"{role}_headers" if not cred["login"].get("rank", cred["login"]["user"]) else f"other_{role}_headers"
        self.logins[name] = cred
        return name

    def login_cases(self, login: dict[str, Any], name: str, label: str) -> list[Case]:
        """The login route: the right password answers a token; a wrong password and an unknown user do not. The
        name and password go in the body, or as HTTP Basic to a token route (`basic`)."""
        basic = bool(login.get("basic"))
        arg = "data" if login.get("kind") == "form" else "json"
        setup = []
        if login["register"]:
            sent_as = "data" if login["register"]["kind"] == "form" else "json"
            setup = [f'client.post({py(login["register"]["path"])}, {sent_as}={py(login["register_body"])})']
        if login.get("adder"):  # no route signs users up: the app's own function adds the one who logs in
            setup = [line.removeprefix("    ") for line in self.adder_lines(login["adder"], login["added"])]
            self.added_by.append(login["adder"])
        sent = " as HTTP Basic" if basic else ""
        cases = []
        for label_key, title in (("ok", "the_right_password"), ("wrong_password", "a_wrong_password"),
                                 ("unknown_user", "an_unknown_user")):
            seen = login.get(label_key)
            if not seen:
                continue
            if basic:
                encoded = base64.b64encode(seen["pair"].encode()).decode()
                request = (f'resp = client.post({py(login["path"])}, headers={{"Authorization": "Basic {encoded}"}})'
                           f'  # {seen["pair"]}')
            else:
                body = dict(login["body"], **({seen["field"]: seen["value"]} if seen["field"] else {}))
                request = f"resp = client.post({py(login['path'])}, {arg}={py(body)})"
            lines = [*setup, request, f"assert resp.status_code == {seen['status']}"]
            if label_key == "ok" and seen["token"] and login["field"]:
                token = f"{self.json_of('resp')}[{py(login['field'])}]"
                lines += [f"assert isinstance({token}, str)"]
                kind = "a token"
                if seen.get("jwt"):
                    lines += [f'assert {token}.count(".") == 2']
                    kind = "a JWT (three dot-separated parts)"
                doc = f"{label} logs in: the password a user signed up with{sent} answers {seen['status']} and {kind}."
            elif label_key == "ok":
                doc = f"{label} with the password a user signed up with{sent} answers {seen['status']}."
            elif seen["token"]:
                continue  # a login that hands out a token for a wrong password is pinned by nothing here
            else:
                what = "a wrong password" if label_key == "wrong_password" else "a user nobody signed up"
                doc = f"{label} with {what}{sent} answers {seen['status']}."
                if seen.get("answered_json") and login["field"]:
                    lines.append(f"assert {py(login['field'])} not in {self.json_of('resp')}")
                    doc = f"{label} with {what}{sent} answers {seen['status']} and no token."
            scenario: Scenario = "success" if label_key == "ok" else "unauthorized"
            cases.append(Case(f"test_{name}_login_with_{title}", doc, scenario, lines,
                              args="client, tmp_path" if login.get("adder") else "client"))
        if not basic and (login.get("ok") or {}).get("token"):
            cases += self.exchange_cases(login, setup, f"client.post({py(login['path'])}, {arg}={py(login['body'])})")
        return cases

    def exchange_cases(self, login: dict[str, Any], setup: list[str], log_in: str) -> list[Case]:
        """Routes that take a second token the login answers (`refresh_token`): the same token twice, the newer
        one it was exchanged for after that reuse, and another such route after this one took it (a logout, then
        a refresh), each as observed on a fresh login."""
        cases = []
        by_path = {e["path"]: e for e in login.get("exchanges") or []}
        args = "client, tmp_path" if login.get("adder") else "client"

        def sent(fields: list[str], answer: str) -> str:  # the body of such a route: fields of an answer
            return "{" + ", ".join(f"{py(f)}: {answer}[{py(f)}]" for f in fields) + "}"
        for e in by_path.values():
            if not 200 <= e["first"] < 300:
                continue
            label, name = f"POST {e['path']}", slug(e["path"].strip("/").replace("/", "_"))
            sent_as = "data" if e["kind"] == "form" else "json"
            body = sent(e["body_fields"], "answered")
            fields = " and ".join(f"`{f}`" for f in e["body_fields"])
            start = [*setup, f"answered = {self.json_of(log_in)}",
                     f"resp = client.post({py(e['path'])}, {sent_as}={body})",
                     f"assert resp.status_code == {e['first']}"]
            lines = [*start, f"again = client.post({py(e['path'])}, {sent_as}={body})",
                     f"assert again.status_code == {e['again']}"]
            doc = f"{label} with the {fields} the login answered answers {e['first']}; the same again answers " \
                f"{e['again']}"
            if e["newer"] is not None:
                newer = sent(e["body_fields"], self.json_of("resp"))
                lines += [f"newer = client.post({py(e['path'])}, {sent_as}={newer})",
                          f"assert newer.status_code == {e['newer']}"]
                doc += f", and the one the first exchange answered, sent after that, answers {e['newer']}"
            cases.append(Case(f"test_post_{name}_with_the_same_{slug('_'.join(e['body_fields']))}_twice", doc + ".",
                              "edge_case", lines, args=args))
            for path, status in e["after"].items():
                alone = (by_path.get(path) or {}).get("first")
                if alone is None or alone == status:
                    continue  # this route changed nothing the other one answers
                other = by_path[path]
                theirs = sent(other["body_fields"], "answered")
                other_as = "data" if other["kind"] == "form" else "json"
                lines = [*start, f"resp = client.post({py(path)}, {other_as}={theirs})",
                         f"assert resp.status_code == {status}"]
                cases.append(Case(f"test_post_{name}_then_post_{slug(path.strip('/').replace('/', '_'))}",
                                  f"After {label} took the {fields} the login answered, POST {path} with it answers "
                                  f"{status} (on its own it answers {alone}).", "edge_case", lines, args=args))
        return cases

    def login_block(self) -> str:
        """The source of the login fixtures the cases use."""
        blocks = []
        issuers: dict[str, str] = {}  # a fixture -> the fixture of the user who makes it (its headers)
        while set(self.logins) - set(issuers):
            for name in set(self.logins) - set(issuers):
                how = self.logins[name]["login"]
                made_by_cli = (how["users"][how["user"]].get("__cli__") or {}).get("printed")
                issuers[name] = self.headers_name(how["issuer"]) if how.get("issuer") and not made_by_cli else ""
        for name, cred in sorted(self.logins.items()):
            how = cred["login"]
            user = how["users"][how["user"]]
            role = str(cred["role"])
            who = f"a second {role}" if how.get("rank", how["user"]) else f"a {role}"
            printed = (user.get("__cli__") or {}).get("printed")
            doc = f"{who[0].upper() + who[1:]}'s headers: {cred['source']}" + (
                "." if how.get("basic") or printed else ", carrying the session cookie it set."
                if how.get("cookie") else ", carrying the token it answered.")
            params = ", ".join(["client", *([issuers[name]] if issuers[name] in self.logins else []),
                                *(["tmp_path"] if how.get("adder") else [])])
            lines = ["", "", "@pytest.fixture", f"def {name}({params}):",
                     '    """' + textwrap.fill(doc, 112, subsequent_indent="    ") + '"""']
            cli = user.get("__cli__")
            lines += self.made_lines(how, user)
            for step in ("register", "cli", "login"):
                if step == "cli":
                    if cli:  # the app's own command makes the user (or gives it its role), as its maintainers do
                        runner = "client.application.test_cli_runner()"
                        lines += ["    with client.application.app_context():  # as `flask` runs it",
                                  f"        result = {runner}.invoke(args={py(cli['args'])})",
                                  "    assert result.exit_code == 0, result.output"]
                    continue
                route = how[step]
                if route is None or (step == "register" and cli and not cli["promote"]):
                    continue
                data = {f: user[f] for f in route["fields"] if f in user}
                issued = step == "register" and how.get("issuer") is not None  # an admin makes the user: its key
                sent = f", headers={self.headers_name(how['issuer'])}" if issued else ""
                call = (f'client.post({py(route["path"])}, {"data" if route["kind"] == "form" else "json"}='
                        f'{py(data)}{sent})')
                if route.get("basic"):  # the name and password go as HTTP Basic, for a token
                    pair = ":".join(str(user[f]) for f in route["basic"])
                    encoded = base64.b64encode(pair.encode()).decode()
                    call = f'client.post({py(route["path"])}, headers={{"Authorization": "Basic {encoded}"}})'
                    call += f"  # {pair}"
                if step == "register" and not issued and (how["login"] is not None or how.get("basic")):
                    lines.append(f"    {call}")
                else:
                    lines += [f"    resp = {call}", f"    assert resp.status_code == {how.get('status') or 200}"]
            if how.get("basic"):  # no token: the name and password go with each request
                pair = f'{how["basic"]["name"]}:{how["basic"]["password"]}'
                encoded = base64.b64encode(pair.encode()).decode()
                lines.append(f'    return {{"Authorization": "Basic {encoded}"}}  # {pair}')
                blocks.append("\n".join(lines))
                continue
            token = f'{self.json_of("resp")}[{py(how["field"])}]' if how["field"] else self.json_of("resp")
            if (cli or {}).get("printed"):  # the command printed the new user's key, last
                token = "result.output.split()[-1]"
            if how.get("cookie") and self.framework == "flask":  # Flask's session cookie, sent as a header
                lines.append(f'    session = resp.headers["Set-Cookie"].split(";")[0].removeprefix('
                             f'{py(how["cookie"] + "=")})')
                token = "session"
            elif how.get("cookie"):  # the session cookie the login set, sent as a header (not left in the jar)
                lines += [f'    session = resp.cookies[{py(how["cookie"])}]', "    client.cookies.clear()"]
                token = "session"
            header, value = next(iter((how.get("header") or {"Authorization": "Bearer TOKEN"}).items()))
            prefix = value.removesuffix("TOKEN")
            lines.append(f"    return {{{py(header)}: {py(prefix) + ' + ' if prefix else ''}{token}}}")
            if name in self.relogged:  # a test that moves the clock logs in again: the login is a function too
                helper = relogin_name(name)
                lines = ["", "", f"def {helper}(client):", '    """' + textwrap.fill(
                    f"Logs {who} in: {cred['source']}; a test that moves the app's clock calls it again.", 112,
                    subsequent_indent="    ") + '"""', *lines[5:], *lines[:5], f"    return {helper}(client)"]
            blocks.append("\n".join(lines))
        return "\n".join(blocks)

    @staticmethod
    def seed_lines(model: dict[str, Any], made: dict[str, Any]) -> list[str]:
        """A fixture's lines that add a user through the app's model, in the app context."""
        db = f"{model['db_module']['module']}.{model['db_module']['name']}"
        lines = ["    with client.application.app_context():"]
        row = dict(made["row"])
        for n, (key, parent) in enumerate(made.get("parents", {}).items()):  # the row it points to, made first
            name = f"parent{n + 1}" if len(made["parents"]) > 1 else "parent"
            values = ", ".join(f"{k}={py(v)}" for k, v in parent["row"].items())
            lines += [f"        {name} = {parent['module']}.{parent['cls']}({values})",
                      f"        {db}.session.add({name})", f"        {db}.session.flush()"]
            row[key] = Raw(f"{name}.{parent['ref']}")
        args = ", ".join(f"{k}={v.text if isinstance(v, Raw) else py(v)}" for k, v in row.items())
        password = py(made["password"])
        lines.append(f"        user = {model['module']}.{model['cls']}({args})")
        if model.get("setter"):
            lines.append(f"        user.{model['setter']}({password})")
        else:
            lines.append(f"        user.{model['password']} = werkzeug.security.generate_password_hash({password}, "
                         f"method={py(FAST_HASH)})  # one round: a test user needs no slow hash")
        return [*lines, f"        {db}.session.add(user)", f"        {db}.session.commit()"]

    def adds_users(self) -> bool:
        """True when the tests add their users through the app's model or a function of its own, on the database
        the generated `client` fixture builds the app on (a repo's own `client` fixture may build it elsewhere)."""
        return bool(self.added_by) or any((c.get("login") or {}).get(k) for c in self.logins.values()
                                          for k in ("adder", "model"))

    def made_lines(self, how: dict[str, Any], user: dict[str, Any]) -> list[str]:
        """A login fixture's lines that make its user when no route signs users up: the app's own model adds
        them, or a function of its own does, on the test's database."""
        if how.get("model") and user.get("__model__"):
            return self.seed_lines(how["model"], user["__model__"])
        if how.get("adder") and user.get("__adder__"):
            return self.adder_lines(how["adder"], user["__adder__"])
        return []

    @staticmethod
    def adder_lines(adder: dict[str, Any], made: dict[str, Any]) -> list[str]:
        """A fixture's lines that add a user by the app's own function on the test's database (the file the app
        was built on), handed it as the function takes it: a SQLAlchemy session, a sqlite3 connection, a URL or
        a path."""
        values = [py(v) for v in made["args"]] + [f"{k}={py(v)}" for k, v in made["kwargs"].items()]
        call = f"{adder['module']}.{adder['attr']}"
        url = "f\"sqlite:///{tmp_path / 'app.db'}\""
        if adder["store"] == "session":
            return [f"    engine = sqlalchemy.create_engine({url})",
                    "    with sqlalchemy.orm.Session(engine) as db_session:",
                    f"        {call}({', '.join(['db_session', *values])})", "        db_session.commit()",
                    "    engine.dispose()"]
        if adder["store"] == "sqlite3":
            return ['    conn = sqlite3.connect(tmp_path / "app.db")',
                    f"    {call}({', '.join(['conn', *values])})", "    conn.commit()", "    conn.close()"]
        store = url if adder["store"] == "url" else 'str(tmp_path / "app.db")'
        return [f"    {call}({', '.join([store, *values])})"]

    def seed_modules(self) -> set[str]:
        """The modules the login fixtures that add users through the app's model import."""
        out = set()
        for adder in [*self.added_by, *((cred.get("login") or {}).get("adder") for cred in self.logins.values())]:
            if adder:  # users a function of the app's own adds, on the store it takes
                out |= {adder["module"], *{"session": ["sqlalchemy", "sqlalchemy.orm"],
                                            "sqlite3": ["sqlite3"]}.get(adder["store"], [])}
        for cred in self.logins.values():
            model = (cred.get("login") or {}).get("model")
            if model:
                made = cred["login"]["users"][cred["login"]["user"]].get("__model__") or {}
                out |= {model["module"], model["db_module"]["module"],
                        *(p["module"] for p in made.get("parents", {}).values())}
                if not model.get("setter"):
                    out.add("werkzeug.security")
        return out

    def carrier(self, token: str | None = None) -> dict[str, Any]:
        """A route that takes a credential (its auth says which header carries it); public reads say nothing. With
        `token`, a route that was sent that token first: a staff key and a member's token may go in other headers."""
        routes = [r for r in [*self.targets, *self.routes] if (r.get("auth") or {}).get("type") not in (
            None, "session")]
        return next((r for r in routes if (r.get("observed") or {}).get("token") == token), None) or next(
            iter(routes), self.targets[0])

    def header_value(self, route: dict[str, Any], token: str) -> str:
        return py(auth_headers(route["auth"] or {}, token))

    def build(self) -> list[Case]:
        if self.forms is not None:
            form_cases = self.forms.build()
            self.gaps += self.forms.gaps
            return form_cases
        cases: list[Case] = self.refusal_cases()
        for route in self.targets:
            observed = route.get("observed", {})
            label = f"{route['method']} {route['path']}"
            if observed.get("error"):
                self.gaps.append((f"{label}: not tested", f"discovery could not exercise it ({observed['error']})"))
                continue
            if route["auth"] and route["auth"].get("type") != "session" and not self.creds:
                self.gaps.append((f"{label}: only the unauthorized case is tested",
                                  "no test credentials were found in the app's settings; add a fixture user"))
            made = self.route_cases(route, observed, label) + self.clock_cases(route, observed, label)
            for ref_field, ref in (observed.get("refs") or {}).items():
                self.with_reference(made, ref_field, ref, route["path"])
            success = next((c for c in made if c.scenario == "success"), None)
            if success is not None and route.get("view"):  # the handler's name, as a reader looks for it
                success.doc = f"{success.doc.rstrip('.')}; handled by `{route['view']}`."
            cases += made
        for route in self.routes:  # a record made under another's: a parent record first, the POST under it
            makes = (route.get("observed") or {}).get("makes")
            if makes:
                self.under_parent(cases, makes, (route.get("observed") or {}).get("token"))
        for route in self.targets:  # other routes' set-ups that make such records: a new referenced record each
            for ref_field, ref in ((route.get("observed") or {}).get("refs") or {}).items():
                self.with_reference(cases, ref_field, ref, route["path"], each=True)
        for case in cases:  # a case that sends a logged-in user's headers asks for their fixture
            used = [name for name in sorted(self.logins) if re.search(rf"\b{name}\b", "\n".join(case.lines))]
            if used:
                case.args = ", ".join([case.args, *used])
        return unique_names(cases)

    def under_parent(self, cases: list[Case], makes: dict[str, Any], maker_token: str | None = None) -> None:
        """Each `client.post("/bookings", ...)` of a set-up becomes a new parent record (`POST /rooms`) and the
        POST under it (`/rooms/{parent_id}/bookings`), as discovery made them."""
        parent = self.by_key.get(("POST", makes["parent"]))
        ok = ((parent or {}).get("observed") or {}).get("ok") or {}
        if parent is None or not ok:
            return
        token = (parent.get("observed") or {}).get("token") if parent["auth"] else None
        made = self.json_of(f"client.post({py(makes['parent'])}, json={py(ok['body'])}, headers="
                            f"{self.headers_name(token) if token else '{}'})")
        param = re.findall(r"\{(\w+)\}", makes["path"])[0]
        under = 'f"' + makes["path"].replace("{" + param + "}", "{parent_id}") + '"'
        plain = f"client.post({py(makes['collection'])},"
        for case in cases:
            lines = []
            for line in case.lines:
                if plain in line:
                    lines.append(f"parent_id = {made}[{py(makes['parent_id'])}]")
                    lines += pay_in_lines(makes.get("funded") or [], self.headers_name(maker_token))
                    line = line.replace(plain, f"client.post({under},")
                lines.append(line)
            case.lines = lines

    def with_reference(self, cases: list[Case], field: str, ref: dict[str, Any], path: str,
                       each: bool = False) -> None:
        """Cases whose body points to a record (`"account_id": 3`) make that record first and send its id. With
        `each`, every POST to `path` sending it makes a record of its own, just before it (set-ups of other
        routes' tests, as discovery replayed them)."""
        creator = self.by_key.get(("POST", ref["path"]))
        token = (creator or {}).get("observed", {}).get("token") if creator and creator["auth"] else None
        headers = self.headers_name(token) if token else "{}"
        made = self.json_of(f"client.post({py(ref['path'])}, json={py(ref['body'])}, headers={headers})")
        sent = re.compile(re.escape(f"{py(field)}: {py(ref['id'])}") + r"(?![\w.])")
        echoed = re.compile(re.escape(f"[{py(field)}] == {py(ref['id'])}") + r"(?![\w.])")
        for case in cases:
            if not each and any(sent.search(line) for line in case.lines):
                case.lines = [f"{field} = {made}[{py(ref['id_field'])}]",
                              *(echoed.sub(f"[{py(field)}] == {field}", sent.sub(f"{py(field)}: {field}", line))
                                for line in case.lines)]
            elif each:
                lines = []
                for line in case.lines:
                    if sent.search(line) and f"client.post({py(path)}" in line:
                        lines.append(f"{field} = {made}[{py(ref['id_field'])}]")
                        line = sent.sub(f"{py(field)}: {field}", line)
                    lines.append(line)
                case.lines = lines

    def route_cases(self, route: dict[str, Any], observed: dict[str, Any], label: str) -> list[Case]:
        method, path = route["method"], route["path"]
        name = f"{method.lower()}_{route_slug(path)}"
        token = observed.get("token")
        headers = self.headers_name(token) if token else "{}"
        call = method.lower()
        cases: list[Case] = []
        ok = observed.get("ok")
        is_item = "{" in path
        if observed.get("login"):
            return self.login_cases(observed["login"], name, label)
        if ok and method == "POST" and not is_item:
            cases += self.create_cases(route, ok, name, headers, label)
            cases += self.walk_cases(route, observed.get("walk"), name, headers)
        elif ok and is_item:
            cases += self.item_cases(route, ok, name, headers, label)
            cases += self.sequence_cases(route, observed.get("sequences") or [], name, label)
            if method == "GET" and observed.get("pages"):  # a listing under a record: its pages
                cases += self.listing_cases(route, {"pages": observed["pages"]}, name, headers, label)
        elif ok:
            lines = [f'resp = client.{call}("{path}", headers={headers})',
                     f"assert resp.status_code == {ok['status']}"]
            if ok.get("response_is_list"):
                lines.append(f"assert isinstance({self.json_of('resp')}, list)")
            for key in ok.get("response_keys", [])[:5]:
                lines.append(f'assert "{key}" in {self.json_of("resp")}')
            cases.append(Case(f"test_{name}_succeeds", f"{label} answers {ok['status']} with the expected shape.",
                              "success", lines))
            cases += self.listing_cases(route, observed, name, headers, label)
        elif observed.get("follow"):
            cases += self.follow_cases(route, observed["follow"], name, label)
        elif "ok_failed_status" in observed and not self.walked(route):
            self.gaps.append((f"{label}: no success case", f"no valid request was found (last answer "
                              f"{observed['ok_failed_status']}); the business rules need a hand-written fixture"))
        if route["auth"]:
            cases.append(self.unauthorized_case(route, name, label, observed.get("unauth_status")))
            wrong = observed.get("wrong_token_status")
            # a trusted identity header takes any name as a caller: there is no unknown token to refuse
            if token and wrong is not None and 400 <= wrong < 500 and not route["auth"].get("identity"):
                cases.append(self.wrong_token_case(route, name, label, wrong, ok))
            if route.get("role") and self.creds:
                cases += self.role_cases(route, observed, name, label, ok)
        return cases

    def listing_cases(self, route: dict[str, Any], observed: dict[str, Any], name: str, headers: str,
                      label: str) -> list[Case]:
        """Pagination (which record an offset/limit page holds) and query numbers past their maximum."""
        cases: list[Case] = []
        pages = observed.get("pages")
        path = route["path"]
        if pages and self.fresh_database:
            create = self.by_key.get(("POST", pages["collection"]))
            create_headers = self.headers_name(create["observed"].get("token")) if create and create["auth"] else "{}"
            key, prep, listing = pages["id_field"], [], py(path)
            parent = pages.get("parent")
            if parent:  # a listing under one record: that record first, its records made and listed under it
                owner = self.by_key.get(("POST", parent["path"]))
                owner_headers = self.headers_name(owner["observed"].get("token")) if owner and owner["auth"] else "{}"
                made = self.json_of(f"client.post({py(parent['path'])}, json={py(parent['body'])}, "
                                    f"headers={owner_headers})")
                prep = [f"parent_id = {made}[{py(parent['id_field'])}]"]
                listing = 'f"' + re.sub(r"\{[^}]+\}", "{parent_id}", path) + '"'
            post = self.json_of(f"client.post({listing if parent else py(pages['collection'])}, json=body, "
                                f"headers={create_headers})")
            for query in pages["queries"]:
                items = f'body[{py(query["items_key"])}]' if query["items_key"] else "body"
                params = ", ".join(f"{py(k)}: {py(v)}" for k, v in query["params"].items())
                lines = [*prep, f'ids = [{post}[{py(key)}] for body in {py(pages["bodies"])}]',
                         f"resp = client.get({listing}, {self.query_arg}={{{params}}}, headers={headers})",
                         "assert resp.status_code == 200",
                         f"body = {self.json_of('resp')}",
                         f"assert [item[{py(key)}] for item in {items}] == "
                         f"[{', '.join(f'ids[{i}]' for i in query['positions'])}]"]
                lines += [f"assert body[{py(k)}] {same(v)} {py(v)}" for k, v in query["scalars"].items()]
                lines += [f"assert resp.headers[{py(k)}] == {py(v)}" for k, v in (query.get("headers") or {}).items()]
                shown = ", ".join(f"{k}={v}" for k, v in query["params"].items())
                joined = "_and_".join(slug(k) for k in query["params"])
                test = {"page": f"test_{name}_pages_with_{joined}", "last page": f"test_{name}_last_full_page_with_"
                        f"{joined}"}.get(query["kind"], f"test_{name}_filters_by_{joined}")
                picked = ", ".join(str(i + 1) for i in query["positions"]) or "none"
                told = [*query["scalars"], *(query.get("headers") or {})]  # what the page says besides its records
                cases.append(Case(test, f"{label}?{shown} over three new records answers record(s) {picked}"
                                  + (" and its " + ", ".join(f"`{k}`" for k in told) + "." if told else "."),
                                  "boundary", lines))
            walk = pages.get("cursor")
            if walk:
                cases.append(self.cursor_case(pages, walk, prep, post, listing, name, headers, label))
        limit = observed.get("rate_limit")
        if limit and self.fresh_database:  # requests counted per caller: one too many is refused
            lines = [f"for _ in range({limit['after']}):",
                     f'    assert client.get("{path}", headers={headers}).status_code == 200',
                     f'resp = client.get("{path}", headers={headers})',
                     f"assert resp.status_code == {limit['status']}"]
            cases.append(Case(f"test_{name}_answers_{limit['status']}_after_{limit['after']}_requests",
                              f"{label} answers 200 {limit['after']} times in a row, then {limit['status']}.",
                              "boundary", lines))
        cases += self.filter_cases(route, observed.get("filters"), name, headers, label)
        cases += self.sort_cases(route, observed.get("sorts"), name, headers, label)
        order = observed.get("order")
        if order:
            create = self.by_key.get(("POST", order["collection"]))
            token = (create or {}).get("observed", {}).get("token") if create and create["auth"] else None
            posts = [f"client.post({py(order['collection'])}, json={py(made)}, headers={self.headers_name(token)})"
                     for made in order["made"]]
            read = f"client.get({py(path)}, headers={headers})"
            read += ".get_data(as_text=True)" if self.framework == "flask" else ".text"
            cases.append(order_case(name, label, [], posts, read, order))
        for limit in observed.get("query_limits") or []:
            side = limit.get("side", "maximum")
            where = "above" if side == "maximum" else "below"
            finding = f"{braces(label)} accepted {limit['name']}={limit['value']} with {{resp.status_code}}"
            lines = [f'resp = client.get("{path}", {self.query_arg}={{"{limit["name"]}": {limit["value"]}}}, '
                     f'headers={headers})',
                     f'assert 400 <= resp.status_code < 500, f"{finding}"']
            cases.append(Case(f"test_{name}_rejects_{slug(limit['name'])}_{where}_its_{side}",
                              f"{label} with `{limit['name']}` {where} its declared {side} is rejected.", "boundary",
                              lines, kind="rule", finding=f"{label} accepted {limit['name']}={limit['value']}"))
            edge = limit.get("edge_status")
            if isinstance(edge, int) and 200 <= edge < 300:  # the bound itself is in: the other side of the line
                lines = [f'resp = client.get("{path}", {self.query_arg}={{"{limit["name"]}": {limit["edge"]}}}, '
                         f'headers={headers})', f"assert resp.status_code == {edge}"]
                cases.append(Case(f"test_{name}_takes_{slug(limit['name'])}_at_its_{side}",
                                  f"{label} with `{limit['name']}` at its declared {side} ({limit['edge']}) answers "
                                  f"{edge}.", "boundary", lines))
        return cases

    def cursor_case(self, pages: dict[str, Any], walk: dict[str, Any], prep: list[str], post: str, listing: str,
                    name: str, headers: str, label: str) -> Case:
        """Three new records read a page of one at a time, each page asked with the cursor the last one answered,
        until the answer holds no cursor."""
        key, items = pages["id_field"], f'body[{py(walk["items_key"])}]' if walk["items_key"] else "body"
        lines = [*prep, f'ids = [{post}[{py(key)}] for body in {py(pages["bodies"])}]']
        for n, positions in enumerate(walk["pages"]):
            cursor = f', {py(walk["param"])}: body[{py(walk["answer_key"])}]' if n else ""
            lines += [f"resp = client.get({listing}, {self.query_arg}={{{py(walk['limit'])}: 1{cursor}}}, "
                      f"headers={headers})",
                      "assert resp.status_code == 200",
                      f"body = {self.json_of('resp')}",
                      f"assert [item[{py(key)}] for item in {items}] == [{', '.join(f'ids[{i}]' for i in positions)}]"]
        lines.append(f"assert body.get({py(walk['answer_key'])}) in (None, \"\")")
        order = ", ".join(str(i + 1) for page in walk["pages"] for i in page)
        return Case(f"test_{name}_follows_its_{slug(walk['answer_key'])}_page_by_page",
                    f"{label} over three new records, one per page, each page asked with the `{walk['param']}` the "
                    f"last answered in `{walk['answer_key']}`: records {order}, and no cursor after the last.",
                    "boundary", lines)

    def idempotency_case(self, path: str, body: dict[str, Any], idem: dict[str, Any], name: str, headers: str,
                         label: str) -> Case:
        """The same payload twice under one idempotency key, another payload under it, and another user's."""
        keyed = with_header(headers, idem["header"], py(idem["key"]))
        key = py(idem["id_field"])
        lines = [f'first = client.post("{path}", json={py(body)}, headers={keyed})',
                 f"assert first.status_code == {idem['first']}",
                 f'again = client.post("{path}", json={py(body)}, headers={keyed})',
                 f"assert again.status_code == {idem['again']}"]
        said = [f"the same payload again answers {idem['again']}"]
        if idem["same_record"]:
            lines.append(f"assert {self.json_of('again')}[{key}] == {self.json_of('first')}[{key}]")
            said[0] += " with the same record"
        lines += [f'resp = client.post("{path}", json={py(idem["other_body"])}, headers={keyed})',
                  f"assert resp.status_code == {idem['other']}"]
        said.append(f"another payload answers {idem['other']}")
        if idem.get("stranger_token"):
            theirs = with_header(self.headers_name(idem["stranger_token"]), idem["header"], py(idem["key"]))
            lines += [f'resp = client.post("{path}", json={py(body)}, headers={theirs})',
                      f"assert resp.status_code == {idem['stranger']}"]
            if idem["stranger_new"]:
                lines.append(f"assert {self.json_of('resp')}[{key}] != {self.json_of('first')}[{key}]")
            said.append(f"another user's request with the key answers {idem['stranger']}"
                        + (" with a record of their own" if idem["stranger_new"] else ""))
        return Case(f"test_{name}_with_the_same_{slug(idem['header'])}", f"{label} with one `{idem['header']}`: "
                    + "; ".join(said) + ".", "edge_case", lines)

    def count_limit_case(self, path: str, limit: dict[str, Any], name: str, headers: str, label: str) -> Case:
        """Records made one after another until the app refuses one; where one record pointed to is kept, each new
        record first gets new records of its own for the others."""
        lines = []
        for n, step in enumerate(limit["steps"]):
            sent = py(step["body"])
            for key, ref in step["fresh"].items():
                creator = self.by_key.get(("POST", ref["path"]))
                token = (creator or {}).get("observed", {}).get("token") if creator and creator["auth"] else None
                made = self.json_of(f"client.post({py(ref['path'])}, json={py(ref['body'])}, "
                                    f"headers={self.headers_name(token) if token else '{}'})")
                lines.append(f"{key} = {made}[{py(ref['id_field'])}]")
                sent = sent.replace(f"{py(key)}: {py(ref['value'])}", f"{py(key)}: {key}")
            last = n == len(limit["steps"]) - 1
            lines += [f'resp = client.post("{path}", json={sent}, headers={headers})',
                      f"assert resp.status_code == {limit['status'] if last else limit['made']}"]
        freed = limit.get("freed")
        if freed:  # an action on the first record (withdrawn) makes room for the one refused
            at = next(i for i, line in enumerate(lines) if line.startswith("assert resp.status_code")) + 1
            lines.insert(at, f"first = {self.json_of('resp')}[{py(freed['id_field'])}]")
            action = " then ".join(taken.rsplit("/", 1)[-1] for taken in freed["paths"])
            lines += [f'client.post(f"{re.sub(r"[{][^}]+[}]", "{first}", taken)}", headers={headers})'
                      for taken in freed["paths"]]
            lines += [f'resp = client.post("{path}", json={py(limit["steps"][-1]["body"])}, headers={headers})',
                      f"assert resp.status_code == {freed['status']}"]
        nth = ORDINALS.get(limit["after"] + 1, f"{limit['after'] + 1}th")
        kept = limit.get("kept")
        others = ", ".join(f"`{f}`" for f in limit["steps"][0]["fresh"])
        scope = f" for one `{kept}`, each with a new {others} and" if kept else ","
        return Case(f"test_{name}_refuses_a_{nth}_record" + (f"_for_one_{slug(kept.removesuffix('_id'))}"
                                                              if kept else ""),
                    f"{label} makes {limit['after']} records{scope} each answering {limit['made']}, and answers "
                    f"{limit['status']} for the {nth}" + (f"; after `{action}` on the first, the {nth} answers "
                                                          f"{freed['status']}." if freed else "."),
                    "invalid_input", lines)

    def create_cases(self, route: dict[str, Any], ok: dict[str, Any], name: str, headers: str,
                     label: str) -> list[Case]:
        path, body = route["path"], ok["body"]
        response = ok.get("response") if isinstance(ok.get("response"), dict) else {}
        cases = []
        lines = [f'resp = client.post("{path}", json={py(body)}, headers={headers})',
                 f"assert resp.status_code == {ok['status']}"]
        said = [f"answers {ok['status']}"]
        if response:
            echoed = [k for k in body if k in response]
            server_set = list((ok.get("server_set") or {}).items())[:6]
            lines.append(f"created = {self.json_of('resp')}")
            lines += [f'assert created["{k}"] == {py(response[k])}' for k in echoed]
            lines.append(f"assert sorted(created) == {py(sorted(response))}")
            lines += [f"assert created[{py(k)}] {'is' if v is None or isinstance(v, bool) else '=='} {py(v)}"
                      for k, v in server_set]
            if echoed:
                said.append("echoes it" if len(echoed) == len(body) else
                            "echoes " + ", ".join(f"`{k}`" for k in echoed))
            if server_set:
                said.append("sets " + ", ".join(f"`{k}` to {py(v)}" for k, v in server_set))
            said.append("answers exactly the fields it answered when the tests were written")
        cases.append(Case(f"test_{name}_creates_with_a_valid_payload",
                          f"{label} with a valid payload {', '.join(said[:-1])} and {said[-1]}." if len(said) > 1 else
                          f"{label} with a valid payload {said[0]}.", "success", lines))
        for default in ok.get("defaults") or []:  # an optional field left out: what the server stores instead
            field, value = default["field"], default["value"]
            lines = [f'resp = client.post("{path}", json={py(default["body"])}, headers={headers})',
                     f"assert resp.status_code == {default['status']}",
                     f"assert {self.json_of('resp')}[{py(field)}] {same(value)} {py(value)}"]
            cases.append(Case(f"test_{name}_without_{slug(field)}_stores_its_default",
                              f"{label} without `{field}` answers {default['status']} and stores `{field}` as "
                              f"{py(value)}.", "edge_case", lines))
        again = route.get("observed", {}).get("duplicate_status")
        if again is not None:
            lines = [f'first = client.post("{path}", json={py(body)}, headers={headers})',
                     f"assert first.status_code == {ok['status']}",
                     f'resp = client.post("{path}", json={py(body)}, headers={headers})',
                     f"assert resp.status_code == {again}"]
            cases.append(Case(f"test_{name}_refuses_the_same_record_twice",
                              f"{label} twice with the same payload: the second answers {again}.", "invalid_input",
                              lines))
        folded = ok.get("case_duplicate")
        if folded:  # a name unique whatever its case
            unique = folded["field"]
            lines = [f'resp = client.post("{path}", json={py(folded["first"])}, headers={headers})',
                     f"assert resp.status_code == {folded['made']}",
                     f'resp = client.post("{path}", json={py(folded["again"])}, headers={headers})',
                     f"assert resp.status_code == {folded['status']}"]
            cases.append(Case(f"test_{name}_refuses_a_{slug(unique)}_taken_in_other_case", f"{label} answers "
                              f"{folded['status']} for a `{unique}` an existing record has in other case "
                              f"({py(folded['again'][unique])} after {py(folded['first'][unique])}).",
                              "invalid_input", lines))
        idem = ok.get("idempotency")
        if idem:  # a retried create with the same key is the same create
            cases.append(self.idempotency_case(path, body, idem, name, headers, label))
        for limit in (ok.get("count_limits") or []) if self.fresh_database else []:  # made until one is refused
            cases.append(self.count_limit_case(path, limit, name, headers, label))
        for bound in (ok.get("bound_accepts") or []) if self.fresh_database else []:  # the bound itself is in
            lines = [f"resp = client.post({py(path)}, json={py(bound['body'])}, headers={headers})",
                     f"assert resp.status_code == {bound['status']}"]
            cases.append(Case(f"test_{name}_takes_{slug(bound['field'])}_at_its_{bound['side']}",
                              f"{label} takes `{bound['field']}` equal to its {bound['side']}, {bound['value']} "
                              f"(answers {bound['status']}).", "boundary", lines))
        for ref_field, unknown in (ok.get("unknown_refs") or {}).items():
            lines = [f'resp = client.post("{path}", json={py({**body, ref_field: unknown["value"]})}, '
                     f'headers={headers})',
                     f"assert resp.status_code == {unknown['status']}"]
            cases.append(Case(f"test_{name}_refuses_an_unknown_{slug(ref_field)}", f"{label} with a `{ref_field}` no "
                              f"record has answers {unknown['status']}.", "invalid_input", lines))
        item = self.by_key.get(("GET", path.rstrip("/") + "/{" + _id_param(self.routes, path) + "}"))
        param = _id_param(self.routes, path)
        key = next((k for k in (param, "id", param.removesuffix("_id")) if k in (response or {})), None)
        if response and key and item:
            lines = [f'created = {self.json_of(f"client.post({py(path)}, json={py(body)}, headers={headers})")}',
                     f'resp = client.get(f"{path.rstrip("/")}/{{created[{key!r}]}}", headers={headers})',
                     "assert resp.status_code == 200",
                     f"assert {self.json_of('resp')} == created"]
            cases.append(Case(f"test_{name}_can_be_read_back", f"A record created through {label} is stored: "
                              "reading it back gives the same record.", "side_effect", lines))
        listing = self.by_key.get(("GET", path))
        if listing and listing.get("observed", {}).get("ok", {}) and listing["observed"]["ok"].get("response_is_list"):
            lines = [f'before = len({self.json_of(f"client.get({py(path)}, headers={headers})")})',
                     f'client.post("{path}", json={py(body)}, headers={headers})',
                     f'after = len({self.json_of(f"client.get({py(path)}, headers={headers})")})',
                     "assert after == before + 1"]
            cases.append(Case(f"test_{name}_grows_the_list", f"Each successful {label} adds one entry to "
                              f"GET {path}.", "side_effect", lines))
        for effect in route.get("observed", {}).get("related") or []:
            cases += self.related_cases(route, effect, ok, name, headers, label)
        for field_info in route["body"]:
            cases += self.invalid_cases(route, field_info, body, name, headers, label)
        cases += self.web_probe_cases(route, route.get("observed", {}), name, headers, label)
        return cases

    def records_setup(self, collection: str, records: list[dict[str, Any]], key: str,
                      update: dict[str, Any] | None = None) -> list[str]:
        """Lines that make `records` through POST `collection` and keep their ids in `ids` (a record with a
        `change` is then updated with it)."""
        create = self.by_key.get(("POST", collection))
        token = (create or {}).get("observed", {}).get("token") if create and create["auth"] else None
        create_headers = self.headers_name(token) if token else "{}"
        setup = ["ids = []"]
        for made in records:
            post = self.json_of(f"client.post({py(collection)}, json={py(made['body'])}, headers={create_headers})")
            setup.append(f"ids.append({post}[{py(key)}])  # {made['label']}")
            if made.get("change") and update is not None:
                url = self.item_url(update["path"], "ids[-1]")
                sent = made["change"] if update["method"] == "PATCH" else {**made["body"], **made["change"]}
                setup.append(f'client.{update["method"].lower()}(f"{url}", json={py(sent)}, headers={create_headers})')
        return setup

    def filter_cases(self, route: dict[str, Any], filters: dict[str, Any] | None, name: str, headers: str,
                     label: str) -> list[Case]:
        """Which of a few records made to differ each value of a yes/no query parameter lists."""
        if not filters:  # only the records the test made are compared: other data in a shared app does not matter
            return []
        key = filters["id_field"]
        setup = self.records_setup(filters["collection"], filters["made"], key, filters["update"])
        cases = []
        for query in filters["queries"]:
            lines = list(setup)
            told = []
            for answer in query["answers"]:
                items = f"[{py(answer['items_key'])}]" if answer["items_key"] else ""
                listing = self.json_of(f"client.get({py(route['path'])}, {self.query_arg}={{{py(query['param'])}: "
                                       f"{py(answer['value'])}}}, headers={headers})")
                lines += [f"listed = [item[{py(key)}] for item in {listing}{items} if item[{py(key)}] in ids]",
                          f"assert listed == [{', '.join(f'ids[{i}]' for i in answer['positions'])}]"]
                told.append(f"{query['param']}={answer['value']} lists " + (", ".join(
                    filters["made"][i]["label"] for i in answer["positions"]) or "none of them"))
            cases.append(Case(f"test_{name}_filters_by_{slug(query['param'])}",
                              f"{label} over records made to differ: " + "; ".join(told) + ".", "boundary", lines))
        return cases

    def sort_cases(self, route: dict[str, Any], sorts: dict[str, Any] | None, name: str, headers: str,
                   label: str) -> list[Case]:
        """The order each value of a listing's sort parameter lists three records made to differ in, and what a
        value the app does not know answers."""
        if not sorts:
            return []
        key = sorts["id_field"]
        setup = self.records_setup(sorts["collection"], sorts["made"], key)

        def listed(answer: dict[str, Any]) -> list[str]:
            items = f"[{py(answer['items_key'])}]" if answer["items_key"] else ""
            listing = self.json_of(f"client.get({py(route['path'])}, {self.query_arg}={py(answer['params'])}, "
                                   f"headers={headers})")
            return [f"listed = [item[{py(key)}] for item in {listing}{items} if item[{py(key)}] in ids]",
                    f"assert listed == [{', '.join(f'ids[{i}]' for i in answer['positions'])}]"]

        cases: list[Case] = []
        by_value: dict[str, list[dict[str, Any]]] = {}
        for answer in sorts["answers"]:
            if answer["status"] == 200 and answer["positions"] is not None:
                by_value.setdefault(str(answer["params"][sorts["param"]]), []).append(answer)
        for value, answers in by_value.items():
            lines = list(setup)
            for answer in answers:
                lines += listed(answer)
            told = "; ".join(", ".join(f"{k}={v}" for k, v in a["params"].items()) + " lists them as record " +
                             ", ".join(str(i + 1) for i in a["positions"]) for a in answers)
            test = f"test_{name}_sorted_by_{slug(value.lstrip('-+')) or 'value'}" + (
                "_descending" if value.startswith("-") else "")
            cases.append(Case(test, f"{label} over three records made in another "
                              f"order than their fields': {told}.", "boundary", lines))
        unknown = sorts.get("unknown")
        if unknown and unknown["status"] != 200:
            lines = [f"resp = client.get({py(route['path'])}, {self.query_arg}={py(unknown['params'])}, "
                     f"headers={headers})", f"assert resp.status_code == {unknown['status']}"]
            cases.append(Case(f"test_{name}_refuses_an_unknown_{slug(sorts['param'])}",
                              f"{label} with a {sorts['param']} value the app does not know answers "
                              f"{unknown['status']}.", "invalid_input", lines))
        elif unknown and unknown["positions"] is not None:
            cases.append(Case(f"test_{name}_with_an_unknown_{slug(sorts['param'])}",
                              f"{label} with a {sorts['param']} value the app does not know still lists the records, "
                              "in the order observed.", "boundary", [*setup, *listed(unknown)]))
        return cases

    def sequence_cases(self, route: dict[str, Any], steps: list[dict[str, Any]], name: str,
                       label: str) -> list[Case]:
        """An action on a new record, then what the record reads back as, and what the next step answers."""
        match = re.fullmatch(r"(.*)/\{(\w+)\}/[\w-]+", route["path"])
        if match is None:
            return []
        collection, param = match.groups()
        create = self.by_key.get(("POST", collection)) or self.by_key.get(("POST", collection + "/"))
        reader = self.by_key.get(("GET", f"{collection}/{{{param}}}"))
        if create is None or reader is None:
            return []

        def request(r: dict[str, Any]) -> str:
            url = self.item_url(r["path"])
            token = (r.get("observed") or {}).get("token")
            sent = (r.get("observed") or {}).get("ok", {}) or {}
            body = f", json={py(sent['body'])}" if r["method"] != "GET" and sent.get("body") else ""
            headers = self.headers_name(token) if token else "{}"
            return f'client.{r["method"].lower()}(f"{url}"{body}, headers={headers})'

        cases = []
        for edge in (route.get("observed") or {}).get("number_edges") or []:
            token = (create.get("observed") or {}).get("token")
            create_headers = self.headers_name(token) if token else "{}"
            sent = (route.get("observed") or {}).get("ok", {}).get("body") or {}
            url = self.item_url(route["path"])
            action_token = (route.get("observed") or {}).get("token")
            headers = self.headers_name(action_token) if action_token else "{}"
            lines = []
            for value, answer in zip(edge["values"], edge["answers"], strict=True):
                made = f"client.post({py(create['path'])}, json={py(answer['body'])}, headers={create_headers})"
                lines += [f"item_id = {self.json_of(made)}[{py(edge['id_field'])}]",
                          f'resp = client.post(f"{url}", json={py({**sent, edge["field"]: value})}, headers={headers})',
                          f"assert resp.status_code == {answer['status']}"]
            low, high = edge["values"]
            said = [f"minus_{-v}" if v < 0 else str(v) for v in (low, high)]
            cases.append(Case(f"test_{name}_{slug(edge['field'])}_of_{said[0]}_and_{said[1]}",
                              f"{label} on a new record answers {edge['answers'][0]['status']} for `{edge['field']}` "
                              f"= {low} and {edge['answers'][1]['status']} for {high}: the edge the code draws.",
                              "boundary", lines))
        for limit in (route.get("observed") or {}).get("shared_limits") or []:
            token = (create.get("observed") or {}).get("token")
            create_headers = self.headers_name(token) if token else "{}"
            url = self.item_url(route["path"])
            first = self.headers_name((route.get("observed") or {}).get("token"))
            second = self.other_headers_name(limit["other"])
            lines = []
            for answer in limit["answers"]:
                made = f"client.post({py(create['path'])}, json={py(answer['body'])}, headers={create_headers})"
                lines += [f"item_id = {self.json_of(made)}[{py(limit['id_field'])}]",
                          f'assert client.post(f"{url}", headers={first}).status_code == {answer["first"]}',
                          f'assert client.post(f"{url}", headers={second}).status_code == {answer["second"]}']
            field_name, (one, two) = limit["field"], limit["answers"]
            cases.append(Case(f"test_{name}_by_a_second_user_with_{slug(field_name)}_of_1_and_2",
                              f"After one user's {label}, a second user gets {one['second']} on a record "
                              f"with `{field_name}` = 1 and {two['second']} with 2: the number bounds who may act.",
                              "boundary", lines))
        for step in steps:
            token = (create.get("observed") or {}).get("token")
            made = f"client.post({py(create['path'])}, json={py(step['made'])}, headers=" \
                   f"{self.headers_name(token) if token else '{}'})"
            lines = [f"item_id = {self.json_of(made)}[{py(step['id_field'])}]"]
            then = step.get("then")
            if then is None:
                lines += [f"resp = {request(route)}", "assert resp.status_code < 300"]
                test, doc = f"test_{name}_changes_the_record", f"{label} on a new record changes " + (
                    ", ".join(f"`{k}` to {py(v)}" for k, v in step["record"].items()) or "nothing") + "."
            else:
                after = self.by_key[(then["method"], then["path"])]
                lines += [request(route), f"resp = {request(after)}", f"assert resp.status_code == {step['status']}"]
                last = then["path"].rsplit("/", 1)[-1]
                edit = then["method"] in ("PUT", "PATCH") and last.startswith("{")
                test = f"test_{name}_then_{then['method'].lower()}" + ("" if edit else f"_{slug(last)}")
                doc = f"After {label}, {then['method']} {then['path']} answers {step['status']}" + (
                    " and changes " + ", ".join(f"`{k}` to {py(v)}" for k, v in step["record"].items())
                    if step["record"] else "") + "."
            if step["record"]:
                lines.append(f"stored = {self.json_of(request(reader))}")
                lines += [f"assert stored[{py(k)}] {'is' if v is None else '=='} {py(v)}"
                          for k, v in step["record"].items()]
            cases.append(Case(test, doc, "side_effect", lines))
        return cases

    def walked(self, route: dict[str, Any]) -> bool:
        """Whether a record's walk went through this action (it succeeds in a later state, not on a new record)."""
        for r in self.routes:
            walk = (r.get("observed") or {}).get("walk") or {}
            actions = walk.get("actions") or {}
            if any(actions[key]["method"] == route["method"] and actions[key]["path"] == route["path"]
                   for state in walk.get("states", []) for key in state["path"]):
                return True
        return False

    def walk_cases(self, route: dict[str, Any], walk: dict[str, Any] | None, name: str,
                   headers: str) -> list[Case]:
        """A record's states: each reached by its shortest run of actions from a new record, what it reads back as
        there, and the actions the app refuses in it (leaving the record as it was)."""
        if not walk:
            return []
        def url(path: str) -> str:
            return 'f"' + self.item_url(path) + '"'

        actions = walk["actions"]

        def act(key: str) -> str:
            action = actions[key]
            body = f", json={py(action['body'])}" if action["body"] is not None else ""
            headers = self.headers_name(action["token"]) if action.get("token") else "{}"
            return f"client.{action['method'].lower()}({url(action['path'])}{body}, headers={headers})"

        def named(key: str) -> str:
            return str(actions[key]["name"])

        reader = self.by_key.get(("GET", walk["item_path"]), {})
        read_headers = self.headers_name((reader.get("observed") or {}).get("token")) \
            if (reader.get("observed") or {}).get("token") else "{}"
        made = f"client.post({py(route['path'])}, json={py(walk['made'])}, headers={headers})"
        cases = []
        for state in walk["states"]:
            steps = [named(key) for key in state["path"]]
            refused = {key: r for key, r in state["refused"].items() if r["unchanged"]}
            lines = [f"item_id = {self.json_of(made)}[{py(walk['id_field'])}]"]
            lines += [f"assert {act(key)}.status_code < 300" for key in state["path"]]
            read = self.json_of(f"client.get({url(walk['item_path'])}, headers={read_headers})")
            if state["record"] or refused:
                lines.append(f"stored = {read}")
            lines += [f"assert stored[{py(k)}] {'is' if v is None else '=='} {py(v)}"
                      for k, v in state["record"].items()]
            lines += [f"assert {act(key)}.status_code == {r['status']}" for key, r in refused.items()]
            if refused:
                lines.append(f"assert {read} == stored")
            where = "after " + ", then ".join(steps) if steps else "new"
            shown = ", ".join(f"`{k}` = {py(v)}" for k, v in state["record"].items())
            said = ", ".join(f"{named(key)} ({r['status']})" for key, r in refused.items())
            doc = (f"A record made by POST {route['path']}" + (f" then taken through {', '.join(steps)}" if steps
                                                                else "") + (f" reads back {shown}" if shown else "")
                   + (f"; the app refuses {said} there and the record stays as it was." if said else "."))
            refusals = "_and_".join(slug(named(key)) for key in refused)
            test = f"test_{name}_{slug(where)}" + (f"_refuses_{refusals}" if refused and not steps else "")
            cases.append(Case(test, doc, "side_effect", lines))
        return cases

    def follow_cases(self, route: dict[str, Any], follow: dict[str, Any], name: str, label: str) -> list[Case]:
        """A route that serves a record another route created (`GET /{code}`): its answer and `Location`, the
        counters it changes on the record's readers, and what an unknown value answers."""
        create = self.by_key[("POST", follow["collection"])]
        token = (create.get("observed") or {}).get("token")
        create_call = (f"client.post({py(follow['collection'])}, json={py(follow['body'])}, "
                       f"headers={self.headers_name(token) if token else '{}'})")
        param = follow["param"]
        url = route["path"].replace("{" + param + "}", "{value}")
        setup = [f"value = {self.json_of(create_call)}[{py(param)}]"]
        lines = [*setup, f'resp = client.get(f"{url}")', f"assert resp.status_code == {follow['status']}"]
        if follow.get("location") is not None:
            lines.append(f'assert resp.headers["Location"] == {py(follow["location"])}')
        cases = [Case(f"test_{name}_answers_{follow['status']}",
                      f"{label} on a record made by POST {follow['collection']} answers {follow['status']}"
                      + (" and points to its target." if follow.get("location") else "."), "success", lines)]
        for effect in follow["effects"]:
            reader = effect["path"].replace("{" + param + "}", "{value}")
            read_headers = self.headers_name(effect["token"]) if effect["token"] else "{}"
            read = self.json_of(f'client.get(f"{reader}", headers={read_headers})') + f"[{py(effect['field'])}]"
            change = f"before + {effect['delta']}" if effect["delta"] > 0 else f"before - {-effect['delta']}"
            cases.append(Case(f"test_{name}_changes_{slug(effect['field'])}_read_back",
                              f"{label} changes `{effect['field']}` by {effect['delta']}, as GET {effect['path']} "
                              "then shows.", "side_effect",
                              [*setup, f"before = {read}", f'client.get(f"{url}")', f"assert {read} == {change}"]))
        unknown = follow["unknown_status"]
        missing = route["path"].replace("{" + param + "}", "unknown-0")
        cases.append(Case(f"test_{name}_unknown_value_answers_{unknown}", f"{label} for a value nothing created "
                          f"answers {unknown}.", "not_found",
                          [f"resp = client.get({py(missing)})", f"assert resp.status_code == {unknown}"]))
        return cases

    def limit_cases(self, method: str, target: str, prep: list[str], edges: list[dict[str, Any]], name: str,
                    headers: str, label: str) -> list[Case]:
        """A number on each side of a limit the code draws, sent in order; `target` is the URL as code, after the
        `prep` lines."""
        cases = []
        for edge in edges:
            field, (low, high) = edge["field"], edge["values"]
            lines = list(prep)
            for answer, sent in zip(edge["answers"], edge["bodies"], strict=True):
                lines += [f"resp = client.{method}({target}, json={py(sent)}, headers={headers})",
                          f"assert resp.status_code == {answer}"]
            spelled = [("minus_" if v < 0 else "") + slug(str(abs(v))) for v in (low, high)]
            cases.append(Case(f"test_{name}_{slug(field)}_of_{spelled[0]}_and_{spelled[1]}",
                              f"{label} answers {edge['answers'][0]} for a `{field}` of {low} and "
                              f"{edge['answers'][1]} for one of {high}: the limit the code draws.", "boundary", lines))
        return cases

    def refusal_cases(self) -> list[Case]:
        """The factory refuses to start without each key it is given (and without the environment's settings)."""
        cases = []
        factory = self.app["attr"]
        for refusal in self.app.get("refusals") or []:
            param = refusal["param"]
            args = ", ".join(a.replace("TEST_CONFIG", "_test_config(tmp_path)") for a in self.app["factory_args"]
                             if not a.startswith(param + "="))
            lines = [f"monkeypatch.delenv({py(name)}, raising=False)" for name in self.app.get("env") or {}]
            if self._relocates_instance():
                lines.append('monkeypatch.setattr(Flask, "auto_find_instance_path", lambda self: str(tmp_path / '
                             '"instance"))')
            lines += [f"with pytest.raises({refusal['raises']}):", f"    {factory}({args})"]
            unset = " and none in the environment" if self.app.get("env") else ""
            cases.append(Case(f"test_{slug(factory)}_refuses_to_start_without_{slug(param)}",
                              f"{factory} without `{param}`{unset} raises {refusal['raises']}.", "invalid_input",
                              lines, args="tmp_path, monkeypatch"))
        return cases

    def web_probe_cases(self, route: dict[str, Any], observed: dict[str, Any], name: str, headers: str,
                        label: str) -> list[Case]:
        """Length and number edges the code draws, the text a create stores for padded input, and a second user's
        listing."""
        path, cases = route["path"], []
        body = (observed.get("ok") or {}).get("body") or {}
        for edge in observed.get("length_edges") or []:
            field, (short, long) = edge["field"], edge["lengths"]
            lines = []
            bodies = edge.get("bodies") or [body, body]
            for length, answer, letter, sent in ((short, edge["answers"][0], "a", bodies[0]),
                                                 (long, edge["answers"][1], "b", bodies[1])):
                payload = with_expression(sent, field, f"{py(letter)} * {length}")
                lines += [f"resp = client.post({py(path)}, json={payload}, headers={headers})",
                          f"assert resp.status_code == {answer}"]
            cases.append(Case(f"test_{name}_{slug(field)}_of_{short}_and_{long}_characters",
                              f"{label} answers {edge['answers'][0]} for a `{field}` of {short} characters and "
                              f"{edge['answers'][1]} for one of {long}: the limit the code draws.", "boundary", lines))
        cases += self.limit_cases("post", py(path), [], observed.get("limit_edges") or [], name, headers, label)
        cases += pair_cases(py(path), [], observed.get("pair_edges") or [], name, label, headers=headers)
        for probe in observed.get("formats") or []:
            sent = {**body, probe["field"]: probe["value"]}
            cases.append(Case(f"test_{name}_answers_{probe['status']}_for_{slug(probe['field'])}_"
                              f"{slug(probe['value'])[:24]}",
                              f"{label} with `{probe['field']}` = {py(probe['value'])} answers {probe['status']}.",
                              "invalid_input",
                              [f"resp = client.post({py(path)}, json={py(sent)}, headers={headers})",
                               f"assert resp.status_code == {probe['status']}"]))
        for made in observed.get("generated") or []:
            field = made["field"]
            cases.append(Case(f"test_{name}_makes_up_a_{slug(field)}_of_{made['length']}_characters",
                              f"{label} without `{field}` answers {made['status']} with a generated `{field}` of "
                              f"{made['length']} characters.", "edge_case",
                              [f"resp = client.post({py(path)}, json={py(made['body'])}, headers={headers})",
                               f"assert resp.status_code == {made['status']}",
                               f"assert len({self.json_of('resp')}[{py(field)}]) == {made['length']}"]))
        padded = observed.get("padded")
        if padded:
            field = padded["field"]
            lines = [f"resp = client.post({py(path)}, json={py(padded['body'])}, headers={headers})",
                     f"assert resp.status_code == {padded['status']}",
                     f"assert {self.json_of('resp')}[{py(field)}] == {py(padded['stored'])}"]
            kept = padded["stored"] == padded["body"][field]
            cases.append(Case(f"test_{name}_stores_{slug(field)}_{'as_sent' if kept else 'as_normalised'}",
                              f"{label} with spaces around `{field}` stores {py(padded['stored'])}.", "edge_case",
                              lines))
        other = observed.get("other_listing")
        if other:
            key, items_key = other["id_field"], other["items_key"]
            items = f"[{py(items_key)}]" if items_key else ""
            create = self.json_of(f"client.post({py(path)}, json={py(other['body'])}, headers={headers})")
            listing = self.json_of(f"client.get({py(path)}, headers={self.other_headers_name(other['token'])})")
            lines = [f"created = {create}",
                     f"listing = {listing}{items}",
                     f"assert created[{py(key)}] not in [item[{py(key)}] for item in listing]"]
            cases.append(Case(f"test_get_{route_slug(path)}_shows_another_user_none_of_these_records",
                              f"A record created through {label} is not listed to another user of the same role.",
                              "forbidden", lines))
        return cases

    def related_cases(self, route: dict[str, Any], effect: dict[str, Any], ok: dict[str, Any], name: str,
                      headers: str, label: str) -> list[Case]:
        """The create changes a number on the record it references (stock); it must not take more than is left."""
        body, field, ref = ok["body"], effect["field"], effect["ref"]
        listing = effect["listing"]
        list_headers = self.headers_name(effect["listing_token"]) if effect["listing_token"] else "{}"
        read = (f'next(r for r in {self.json_of(f"client.get({py(listing)}, headers={list_headers})")} '
                f'if r["id"] == {py(body[ref])})["{field}"]')
        change = f"before - {-effect['delta']}" if effect["delta"] < 0 else f"before + {effect['delta']}"
        cases = [Case(f"test_{name}_changes_the_{slug(field)}_of_the_referenced_record",
                      f"{label} changes `{field}` of the record `{ref}` points to ({listing}) by {effect['delta']}.",
                      "side_effect",
                      [f"before = {read}",
                       f'resp = client.post("{route["path"]}", json={py(body)}, headers={headers})',
                       f"assert resp.status_code == {ok['status']}",
                       f"assert {read} == {change}"])]
        over = effect.get("over_status")
        amount = effect.get("amount_field")
        if amount and over is not None:
            expected = over if 400 <= over < 500 else 409
            finding = f"{braces(label)} answered {{resp.status_code}} for more {amount} than the {field} left"
            payload = "{" + ", ".join(f"{py(k)}: {'available + 1' if k == amount else py(v)}"
                                      for k, v in body.items()) + "}"
            cases.append(Case(f"test_{name}_refuses_more_{slug(amount)}_than_the_{slug(field)}_left",
                              f"Business rule: {label} cannot take more `{amount}` than the `{field}` left.",
                              "boundary",
                              [f"available = {read}",
                               f'resp = client.post("{route["path"]}", json={payload}, headers={headers})',
                               f'assert resp.status_code == {expected}, f"{finding}"'],
                              kind="rule", finding=f"{label} accepted more {amount} than the {field} left"))
            exact = effect.get("exact_status")
            if isinstance(exact, int) and 200 <= exact < 300:
                payload = "{" + ", ".join(f"{py(k)}: {'available' if k == amount else py(v)}"
                                          for k, v in body.items()) + "}"
                cases.append(Case(f"test_{name}_takes_all_the_{slug(field)}_left",
                                  f"{label} may take exactly the `{field}` left (answers {exact}).", "boundary",
                                  [f"available = {read}",
                                   f'resp = client.post("{route["path"]}", json={payload}, headers={headers})',
                                   f"assert resp.status_code == {exact}"]))
        return cases

    def invalid_cases(self, route: dict[str, Any], f: dict[str, Any], body: dict[str, Any], name: str,
                      headers: str, label: str) -> list[Case]:
        field_name, path, cases = f["name"], route["path"], []

        def rejects(variant: str, value_desc: str, payload: dict[str, Any], scenario: Scenario, doc: str,
                    rule: bool = True) -> Case:
            finding = f"{braces(label)} accepted {braces(value_desc)} with {{resp.status_code}}"
            lines = [f'resp = client.post("{path}", json={py(payload)}, headers={headers})',
                     f'assert 400 <= resp.status_code < 500, f"{finding}"']
            return Case(f"test_{name}_rejects_{variant}", doc, scenario, lines, kind="rule" if rule else "guess",
                        finding=f"{label} accepted {value_desc}" if rule else "")

        payload = {k: v for k, v in body.items() if k != field_name}
        if f.get("required"):
            cases.append(rejects(f"missing_{field_name}", f"a body without {field_name}", payload, "invalid_input",
                                 f"{label} without the required `{field_name}` is rejected with a 4xx."))
        elif field_name in body and route.get("body_kind") != "form":  # read with `.get`, yet checked by hand
            cases.append(rejects(f"missing_{field_name}", f"a body without {field_name}", payload, "invalid_input",
                                 f"{label} without `{field_name}` is rejected with a 4xx.", rule=False))
        if f["type"] in ("integer", "number"):
            cases.append(rejects(f"non_numeric_{field_name}", f"{field_name}='many'", {**body, field_name: "many"},
                                 "invalid_input", f"{label} with a non-numeric `{field_name}` is rejected."))
            if "minimum" in f:
                low = f["minimum"] - 1
                cases.append(rejects(f"{field_name}_below_minimum", f"{field_name}={low}", {**body, field_name: low},
                                     "boundary", f"{label} with `{field_name}` below its minimum is rejected."))
            if "exclusiveMinimum" in f:  # `gt=0`: the bound itself is refused
                low = f["exclusiveMinimum"]
                cases.append(rejects(f"{field_name}_at_its_exclusive_minimum", f"{field_name}={low}",
                                     {**body, field_name: low}, "boundary",
                                     f"{label} with `{field_name}` equal to its exclusive minimum is rejected."))
            if "maximum" in f:
                high = f["maximum"] + 1
                cases.append(rejects(f"{field_name}_above_maximum", f"{field_name}={high}",
                                     {**body, field_name: high}, "boundary",
                                     f"{label} with `{field_name}` above its maximum is rejected."))
            domain = any(w in field_name.lower() for w in DOMAIN_WORDS) and not re.search(r"(^|_)id$", field_name)
            if (domain and f.get("minimum", f.get("exclusiveMinimum", -1)) < 0) or (domain and "minimum" not in f \
                    and "exclusiveMinimum" not in f):
                # A negative amount is refused by any such rule; zero may be fine (a stock of nothing), so that one
                # is kept only where the app refuses it now.
                cases.append(rejects(f"zero_{field_name}", f"{field_name}=0", {**body, field_name: 0}, "boundary",
                                     f"{label} refuses a zero `{field_name}`.", rule=False))
                cases.append(rejects(f"negative_{field_name}", f"{field_name}=-1", {**body, field_name: -1},
                                     "boundary", f"Business rule: {label} must refuse a negative `{field_name}`."))
        if f["type"] == "string" and "enum" in f:
            cases.append(rejects(f"unknown_{field_name}", f"{field_name}='not-a-choice'",
                                 {**body, field_name: "not-a-choice"}, "invalid_input",
                                 f"{label} with an unknown `{field_name}` value is rejected."))
        if f["type"] == "string" and f.get("required") and "enum" not in f and f.get("minLength", 0) >= 1:
            cases.append(rejects(f"empty_{field_name}", f"an empty {field_name}", {**body, field_name: ""},
                                 "boundary", f"{label} with an empty `{field_name}` is rejected."))
        return cases

    def query_cases(self, route: dict[str, Any], prep: list[str], url: str, sent: str, name: str, headers: str,
                    label: str) -> tuple[str, list[Case]]:
        """The required query values an item request sends (the record's own where it has one: `?version=3`), as
        call arguments, and the case of another value than the record's (a stale version) when it was refused."""
        query = route.get("observed", {}).get("query") or {}
        if not query:
            return "", []

        def given(bumped: str | None = None) -> str:
            return "{" + ", ".join(f"{py(k)}: created[{py(k)}]{' + 1' if k == bumped else ''}" if v == "record"
                                   else f"{py(k)}: {py(v)}" for k, v in query.items()) + "}"

        stale = route.get("observed", {}).get("query_stale")
        cases = [Case(f"test_{name}_with_another_{slug(stale['param'])}_answers_{stale['status']}",
                      f"{label} with a `{stale['param']}` other than the record's answers {stale['status']}.",
                      "boundary", [*prep, f'resp = client.{route["method"].lower()}(f"{url}"{sent}, '
                                   f'{self.query_arg}={given(stale["param"])}, headers={headers})',
                                   f"assert resp.status_code == {stale['status']}"])] if stale else []
        return f", {self.query_arg}={given()}", cases

    def item_cases(self, route: dict[str, Any], ok: dict[str, Any], name: str, headers: str,
                   label: str) -> list[Case]:
        method, path = route["method"], route["path"]
        setup = ok.get("setup")
        cases: list[Case] = []
        if setup:
            prep, url, create_call, create_headers = self.record_prep(route, setup, headers)
            sent = f", json={py(ok['body'])}" if ok.get("body") is not None else ""
            query_sent, stale_cases = self.query_cases(route, prep, url, sent, name, headers, label)
            sent += query_sent
            cases += stale_cases
            prior = f" after POST {path}" if setup.get("prior") else ""
            precondition = route.get("observed", {}).get("if_match")
            if precondition:  # the app wants the record's current ETag in If-Match (optimistic concurrency)
                read = url if precondition["read"] == "self" else url.rsplit("/", 1)[0]
                prep.append(f'etag = client.get(f"{read}", headers={headers}).headers["ETag"]')
                changing = with_header(headers, "If-Match", "etag")
                prior += " with its current ETag in If-Match"
                cases += self.precondition_cases(route, precondition, name, label, url, headers, sent, prep)
            else:
                changing = headers
            lines = [*prep, f'resp = client.{method.lower()}(f"{url}"{sent}, headers={changing})',
                     f"assert resp.status_code == {ok['status']}"]
            if method == "GET" and ok.get("response_is_list"):  # a collection under the record (`/rooms/{id}/bookings`)
                lines.append(f'assert isinstance({self.json_of("resp")}, list)')
            elif method == "GET":
                lines.append(f'assert {self.json_of("resp")}[{py(setup["id_field"])}] == item_id')
            elif ok.get("echoed") or ok.get("counted"):  # what the update answers: the sent values, counters moved on
                lines.append(f"body = {self.json_of('resp')}")
                lines += [f"assert body[{py(k)}] {same(ok['body'][k])} {py(ok['body'][k])}"
                          for k in ok.get("echoed", [])]
                lines += [f"assert body[{py(k)}] == created[{py(k)}] + 1" for k in ok.get("counted", [])]
            cases.append(Case(f"test_{name}_succeeds", f"{label} on an existing record{prior} answers {ok['status']}.",
                              "success", lines))
            observed = route.get("observed", {})
            request = f'resp = client.{method.lower()}(f"{url}"{sent}, headers={changing})'
            if setup.get("funded"):  # the same request before the caller paid in
                bare = self.record_prep(route, {k: v for k, v in setup.items() if k != "funded"}, headers)[0]
                cases.append(Case(f"test_{name}_answers_402_before_paying_in", f"{label} on an existing record "
                                  "answers 402 until the caller pays in.", "boundary",
                                  [*bare, request, "assert resp.status_code == 402"]))
            for effect in observed.get("own_effects") or []:  # the caller's own account, read before and after
                account = self.json_of(f"client.get({py(effect['path'])}, headers={headers})")
                lines = [*prep, f"before = {account}", request, f"assert resp.status_code == {ok['status']}",
                         f"after = {account}"]
                lines += [f"assert before[{py(k)}] {same(v)} {py(v)}" for k, v in effect["before"].items()]
                lines += [f"assert after[{py(k)}] {same(v)} {py(v)}" for k, v in effect["after"].items()]
                changes = ", ".join(f"`{k}` from {py(effect['before'][k])} to {py(v)}" for k, v in
                                    effect["after"].items())
                cases.append(Case(f"test_{name}_changes_{route_slug(effect['path'])}",
                                  f"{label} changes GET {effect['path']}: {changes}.", "side_effect", lines))
            cases += self.limit_cases(method.lower(), f'f"{url}"', prep, observed.get("limit_edges") or [], name,
                                      headers, label)
            cases += pair_cases(f'f"{url}"', prep, observed.get("pair_edges") or [], name, label, headers=headers)
            kept = ok.get("kept")
            read_url = url if kept and kept["read"] == "self" else url.rsplit("/", 1)[0]
            reader = self.by_key.get(("GET", path if kept and kept["read"] == "self" else path.rsplit("/", 1)[0]))
            if kept and reader:  # the change outlives the request: read back through the record's own GET
                read_headers = self.headers_name(reader["observed"].get("token")) if reader["auth"] else "{}"
                lines = [*prep, f'resp = client.{method.lower()}(f"{url}"{sent}, headers={changing})',
                         f"assert resp.status_code == {ok['status']}"]
                if kept["same"]:
                    lines.append(f"answered = {self.json_of('resp')}")
                reading = 'client.get(f"' + read_url + f'", headers={read_headers})'
                lines.append(f"read = {self.json_of(reading)}")
                lines += [f"assert read[{py(k)}] == answered[{py(k)}]" for k in kept["same"]]
                lines += [f"assert read[{py(k)}] {same(v)} {py(v)}" for k, v in kept["values"].items()]
                shown = ", ".join(f"`{k}`" for k in [*kept["same"], *kept["values"]])
                cases.append(Case(f"test_{name}_is_kept", f"After {label}, reading the record back shows the change "
                                  f"({shown}): it outlives the request.", "side_effect", lines))
            again = route.get("observed", {}).get("again_status")
            if again is not None:
                after = route["observed"].get("again_after", 1)  # the successes before the record runs out
                request = f'resp = client.{method.lower()}(f"{url}"{sent}, headers={changing})'
                lines = [*lines[:len(prep) + 2], *[line for _ in range(after - 1) for line in (
                    request, f"assert resp.status_code == {ok['status']}")], request,
                         f"assert resp.status_code == {again}"]
                nth = ORDINALS.get(after + 1, f"{after + 1}th")
                cases.append(Case(f"test_{name}_twice_answers_{again}" if after == 1 else
                                  f"test_{name}_a_{nth}_time_answers_{again}", f"{label} a {nth} time on the same "
                                  f"record answers {again}" + (f" (the first {after} answer {ok['status']})."
                                                               if after > 1 else "."), "invalid_input", lines))
            reader = self.by_key.get(("GET", path))
            if method == "DELETE" and reader:
                read_headers = self.headers_name(reader["observed"].get("token")) if reader["auth"] else "{}"
                lines = [*lines[:len(prep) + 1],
                         f'assert client.get(f"{url}", headers={read_headers}).status_code == 404']
                cases.append(Case(f"test_{name}_then_reading_it_gives_404", f"After {label}, the record is gone.",
                                  "side_effect", lines))
            for effect in route.get("observed", {}).get("update_effects") or []:
                cases.append(self.update_case(route, effect, name, headers, label, create_headers))
            other = route.get("observed", {}).get("other_user")
            if other and _ownership_applies(route, other):
                cases.append(self.other_user_case(route, name, label, url, create_call, other["token"], sent))
        missing = route.get("observed", {}).get("missing_status")
        payload = ok.get("body") if method in ("PUT", "PATCH", "POST") else None
        # A rule kept only where the app answered it as the rule says: an unknown id is a valid request's only flaw.
        if missing == 404 and (method not in ("PUT", "PATCH", "POST") or payload or not route["body"]):
            url = re.sub(r"\{[^}]+\}", "999999", path)
            finding = f"{braces(label)} answered {{resp.status_code}} for an unknown id"
            sent = f", json={py(payload)}" if payload else ""
            lines = [f'resp = client.{method.lower()}("{url}"{sent}, headers={headers})',
                     f'assert resp.status_code == 404, f"{finding}"']
            cases.append(Case(f"test_{name}_unknown_id_gives_404", f"{label} with an unknown id answers 404.",
                              "not_found", lines, kind="rule", finding=f"{label} did not answer 404 for an unknown id"))
        return cases

    def record_prep(self, route: dict[str, Any], setup: dict[str, Any],
                    headers: str) -> tuple[list[str], str, str, str]:
        """The lines that make the record a route on one record acts on (`created`, `item_id`), its URL, the
        create call and the headers it is made with."""
        create = self.by_key[("POST", setup["path"])]
        create_headers = self.headers_name(create["observed"].get("token")) if create["auth"] else "{}"
        url = self.item_url(route["path"])
        create_call = f"client.post({py(setup['path'])}, json={py(setup['body'])}, headers={create_headers})"
        prep = [f"created = {self.json_of(create_call)}", f'item_id = created[{py(setup["id_field"])}]']
        if setup.get("prior"):  # `DELETE /x/{id}/join` undoes what `POST /x/{id}/join` did: do that first
            prep.append(f'client.post(f"{url}", headers={headers})')
        action = setup.get("after_action")
        if action:  # the record's own action first, by whoever takes it (submitted before it is decided)
            taker = self.headers_name(action["token"])
            prep.append(f'client.post(f"{self.item_url(action["path"])}", headers={taker})')
        prep += pay_in_lines(setup.get("funded") or [], headers)  # a request answered 402 before paying in
        return prep, url, create_call, create_headers

    def clock_cases(self, route: dict[str, Any], observed: dict[str, Any], label: str) -> list[Case]:
        """On each side of a moment where the route's answer changes as the app's clock moves (measured from a
        date of the record it acts on or of its own body, or from when another route acted on the record), what it
        answers: the set-up made with the clock at the hour discovery ran, then the clock moved and the request
        sent."""
        clock = self.app.get("clock")
        if not clock or not clock.get("base"):
            return []
        name = f"{route['method'].lower()}_{route_slug(route['path'])}"
        method = route["method"].lower()
        cases = []
        ok = observed.get("ok") or {}
        if ok and observed.get("clock_edges"):
            headers = self.headers_name(observed["token"]) if observed.get("token") else "{}"
            setup = ok.get("setup")
            prep, target = [], py(route["path"])
            if setup:  # the record made at the hour discovery made it
                made, url, _, _ = self.record_prep(route, setup, headers)
                prep, target = [f"clock({moment_call(clock['base'])})", *made], f'f"{url}"'
            sent = f", json={py(ok['body'])}" if ok.get("body") is not None else ""
            for edge in observed["clock_edges"]:
                text = self.anchor_text(ok, observed, edge["anchor"])
                if text is not None:
                    cases += self.edge_cases(edge, text, f"{name}_<when>_{slug(edge['anchor'][2])}",
                                             f"{label} answers <status> with the clock <when> "
                                             f"{anchor_words(edge['anchor'])}", prep,
                                             f"client.{method}({target}{sent}, headers={headers})", headers)
        for pair in observed.get("clock_after") or []:  # after another route acted on the record
            first = self.by_key.get((pair["first"]["method"], pair["first"]["path"]))
            if first is None or (pair["first"]["method"], pair["setup"]["path"]) == ("POST", route["path"]):
                continue
            first_headers = self.headers_name(pair["first"]["token"]) if pair["first"]["token"] else "{}"
            prep, first_url, _, _ = self.record_prep(first, pair["setup"], first_headers)
            first_sent = f", json={py(pair['first']['body'])}" if pair["first"]["body"] is not None else ""
            prep = [f"clock({moment_call(clock['base'])})", *prep,
                    f'client.{first["method"].lower()}(f"{first_url}"{first_sent}, headers={first_headers})']
            headers = self.headers_name(pair["token"]) if pair["token"] else "{}"
            sent = f", json={py(pair['body'])}" if pair["body"] is not None else ""
            last = first["path"].rsplit("/", 1)[-1]
            did = slug(first["method"] if "{" in last else last)
            cases += self.edge_cases(pair, clock["base"], f"{name}_<when>_{did}",
                                     f"{label} answers <status> with the clock <when> {first['method']} "
                                     f"{first['path']} ran", prep,
                                     f'client.{method}(f"{self.item_url(route["path"])}"{sent}, headers={headers})',
                                     headers)
        self.clock_used = self.clock_used or bool(cases)
        return cases

    def edge_cases(self, edge: dict[str, Any], text: str, name: str, doc: str, prep: list[str], request: str,
                   headers: str) -> list[Case]:
        """The two tests of one edge, one on each side: `prep`, the clock moved `offset` from `text`, `request`
        sent (after a new login where the app's clock outlived the fixture's token), its status and what turned.
        `name` and `doc` hold `<when>` and `<status>`."""
        cases = []
        for side, other in (("before", "after"), ("after", "before")):
            seen, beyond = edge[side], edge[other]
            relogin = self.relogin_line(headers) if seen.get("relogin") else None
            if seen.get("relogin") and relogin is None:
                continue
            lines = [*prep, f"clock({moment_call(text, seen['offset'])})", *([relogin] if relogin else []),
                     f"resp = {request}", f"assert resp.status_code == {seen['status']}"]
            turned = {k: v for k, v in seen["marks"].items() if k in beyond["marks"] and beyond["marks"][k] != v}
            if turned:
                lines.append(f"body = {self.json_of('resp')}")
                lines += [mark_assertion(k, v) for k, v in sorted(turned.items())[:3]]
            when = when_words(seen["offset"])
            said = doc.replace("<when>", when).replace("<status>", str(seen["status"]))
            cases.append(Case(f"test_{name.replace('<when>', slug(when))}_answers_{seen['status']}",
                              f"{said}, and {beyond['status']} with the clock {when_words(beyond['offset'])} it.",
                              "boundary", lines, args="client, clock"))
        return cases

    def relogin_line(self, headers: str) -> str | None:
        """The line that logs the user of fixture `headers` in anew (its token issued by the moved clock), or None
        when that login needs more than the client."""
        cred = self.logins.get(headers)
        how = (cred or {}).get("login") or {}
        if cred is None or how.get("issuer") or how.get("adder") or how.get("basic"):
            return None
        self.relogged.add(headers)
        return f"{headers} = {relogin_name(headers)}(client)  # a token of the moment the clock reads"

    def anchor_text(self, ok: dict[str, Any], observed: dict[str, Any], anchor: list[Any]) -> str | None:
        """The date the tests send that an edge is measured from (see `clock_edges` in the sandbox)."""
        where, ref, field_name = anchor
        setup = ok.get("setup") or {}
        if where == "made":
            return str(self.app["clock"]["base"])
        if where == "body":
            body = ok.get("body")
        elif where == "setup":
            body = setup.get("body")
        elif where == "ref":
            body = ((observed.get("refs") or {}).get(ref) or {}).get("body")
        else:
            maker = self.by_key.get(("POST", setup.get("path", "")))
            body = ((((maker or {}).get("observed") or {}).get("refs") or {}).get(ref) or {}).get("body")
        value = body.get(field_name) if isinstance(body, dict) else None
        return value if isinstance(value, str) else None

    def precondition_cases(self, route: dict[str, Any], precondition: dict[str, Any], name: str, label: str,
                           url: str, plain: str, sent: str, prep: list[str]) -> list[Case]:
        """What the change answers without If-Match, and with an ETag the record never had, as observed."""
        method, cases = route["method"].lower(), []
        stale = with_header(plain, "If-Match", "'\"stale\"'")
        for status, title, doc, sent_headers in (
                (precondition.get("without"), "without_if_match", "without If-Match", plain),
                (precondition.get("stale"), "with_a_stale_etag", "with an ETag the record no longer has", stale)):
            if status is None or 200 <= status < 300:
                continue
            lines = [*prep[:2], f'resp = client.{method}(f"{url}"{sent}, headers={sent_headers})',
                     f"assert resp.status_code == {status}"]
            cases.append(Case(f"test_{name}_{title}_answers_{status}", f"{label} {doc} answers {status}.",
                              "invalid_input", lines))
        return cases

    def update_case(self, route: dict[str, Any], effect: dict[str, Any], name: str, headers: str, label: str,
                    create_headers: str) -> Case:
        """After an update, reading the record back gives the created record with the sent fields replaced."""
        method, collection = route["method"].lower(), route["path"].rsplit("/{", 1)[0]
        create = next(r for r in self.routes if r["method"] == "POST" and r["path"].rstrip("/") == collection)
        read_headers = self.headers_name(effect["read_token"]) if effect["read_token"] else "{}"
        url = self.item_url(route["path"])
        read_url = self.item_url(effect["read_path"])
        create_call = f"client.post({py(create['path'])}, json={py(effect['create_body'])}, headers={create_headers})"
        lines = [f"created = {self.json_of(create_call)}",
                 f'item_id = created[{py(effect.get("id_field", "id"))}]',
                 f'resp = client.{method}(f"{url}", json={py(effect["payload"])}, headers={headers})',
                 "assert resp.status_code < 300",
                 f'stored = {self.json_of(f"client.get(f{py(read_url)}, headers={read_headers})")}']
        lines += [f'assert stored["{k}"] {same(effect["payload"][k])} {py(effect["payload"][k])}'
                  for k in effect["changed"]]
        lines += [f'assert stored["{k}"] == created["{k}"] + 1' for k in effect.get("counted", [])]
        kept = effect["kept"]
        lines += [f'assert stored["{k}"] == created["{k}"]' for k in kept]
        what = "every field it sends" if effect["kind"] == "all" else f"only `{next(iter(effect['payload']))}`"
        verb = "updates_every_field" if effect["kind"] == "all" else "changes_only_the_sent_field"
        return Case(f"test_{name}_{verb}",
                    f"{label} changes {what}; reading the record back shows it"
                    + (" and the other fields unchanged." if kept else "."), "side_effect", lines)

    def other_user_case(self, route: dict[str, Any], name: str, label: str, url: str, create_call: str,
                        token: str, sent: str = "") -> Case:
        """Another user with the same role must not reach a record the first one created."""
        role = next(c["role"] for c in self.creds if c["token"] == token)
        method = route["method"].lower()
        finding = f"{braces(label)} answered {{resp.status_code}} to another {role}"
        id_field = (route.get("observed", {}).get("ok") or {}).get("setup", {}).get("id_field", "id")
        seen = (route.get("observed", {}).get("other_user") or {}).get("status")
        expected = f"== {seen}" if seen in (403, 404) else "in (403, 404)"
        lines = [f'item_id = {self.json_of(create_call)}[{py(id_field)}]',
                 f'resp = client.{method}(f"{url}"{sent}, headers={self.other_headers_name(token)})',
                 f'assert resp.status_code {expected}, f"{finding}"']
        refused = f"refused with {seen}" if seen in (403, 404) else "refused (403 or 404)"
        return Case(f"test_{name}_refuses_another_{slug(role)}s_record",
                    f"{label} on a record another {role} created is {refused}.", "forbidden", lines,
                    kind="rule", finding=f"{label} let one {role} reach another {role}'s record")

    def wrong_token_case(self, route: dict[str, Any], name: str, label: str, status: int,
                         ok: dict[str, Any] | None) -> Case:
        """A credential the app does not know is refused with the answer it gave when the tests were written."""
        url = re.sub(r"\{[^}]+\}", "1", route["path"])
        body = [f["name"] for f in route["body"]]
        sent = ""
        if route["method"] in ("POST", "PUT", "PATCH") and body:
            sent = f", json={py((ok or {}).get('body') or {})}" if ok and ok.get("body") else ", json={}"
        auth = route["auth"] or {}
        header, value = next(iter(auth_headers(auth, "wrong-token").items()))
        token = (route.get("observed") or {}).get("token")
        known = is_basic(auth) and ":" in str(token) and not str(token).startswith("assay-login:")
        if is_basic(auth):  # a well-formed Basic header: a known name's wrong password, or a name nobody has
            pair = f"{str(token).partition(':')[0]}:not-the-password" if known else "nobody:not-the-password"
            value = auth_headers(auth, pair)["Authorization"]
        lines = [f'resp = client.{route["method"].lower()}("{url}"{sent}, headers={{{py(header)}: {py(value)}}})',
                 f"assert resp.status_code == {status}"]
        partly = ""
        if (route.get("observed") or {}).get("partial_token") and token:
            cut = {k: v[:-2] for k, v in auth_headers(auth, token).items()}
            lines += [f'resp = client.{route["method"].lower()}("{url}"{sent}, headers={py(cut)})',
                      f"assert resp.status_code == {status}"]
            partly = " (or only the start of a real one)"
        what = "the right name and a wrong password" if known else "a name and password nobody signed up with" \
            if is_basic(auth) else "a token the app does not know"
        return Case(f"test_{name}_refuses_an_unknown_token", f"{label} with {what}{partly} answers {status}.",
                    "unauthorized", lines)

    def unauthorized_case(self, route: dict[str, Any], name: str, label: str, seen: int | None = None) -> Case:
        url = re.sub(r"\{[^}]+\}", "1", route["path"])
        method = route["method"].lower()
        body = ", json={}" if route["method"] in ("POST", "PUT", "PATCH") else ""
        finding = f"{braces(label)} answered {{resp.status_code}} without credentials"
        ruled = (401, 403, 422) if route["auth"].get("required_param") else (401, 403)
        if route["auth"].get("type") != "session" and seen is not None and seen < 500 and seen not in ruled:
            # refused all the same, with an answer of the app's own (a 404 that hides the record, a body checked
            # first), or not refused (a logout that reads the session cookie if there is one): that answer is
            # pinned, and nothing is claimed about credentials
            return Case(f"test_{name}_without_credentials_answers_{seen}", f"{label} without credentials answers "
                        f"{seen}, as it did when the tests were written.", "unauthorized",
                        [f'resp = client.{method}("{url}"{body})', f"assert resp.status_code == {seen}"])
        if route["auth"].get("type") == "session":
            check = ('assert resp.status_code in (401, 403) or (resp.status_code == 302 and "login" in '
                     f'resp.headers.get("Location", "")), f"{finding}"')
        elif route["auth"].get("required_param"):
            # The key is a required header parameter: FastAPI refuses its absence with 422 before any auth code runs.
            check = f'assert resp.status_code in (401, 403, 422), f"{finding}"'
        else:
            check = f'assert resp.status_code in (401, 403), f"{finding}"'
        lines = [f'resp = client.{method}("{url}"{body})', check]
        if route["auth"].get("type") != "session" and seen in ruled:  # and which refusal, as when it was written
            lines.append(f"assert resp.status_code == {seen}")
        return Case(f"test_{name}_requires_credentials", f"{label} without credentials is refused" + (
                    f" with {seen}." if len(lines) > 2 else "."), "unauthorized", lines, kind="rule",
                    finding=f"{label} answered without credentials")

    def role_cases(self, route: dict[str, Any], observed: dict[str, Any], name: str, label: str,
                   ok: dict[str, Any] | None) -> list[Case]:
        """The check that a caller of another role is refused a route its role needs, where discovery saw the app
        refuse one (403), else a gap saying why not."""
        out: list[Case] = []
        other = next((c for c in self.creds if c["role"] != route["role"]), None)
        if other and not other.get("unproven") and observed.get("other_role_status", 403) == 403:
            out.append(self.forbidden_case(route, name, label, self.other_headers(route, other),
                                           ok or observed.get("role_request")))
        elif other and observed.get("other_role_status", 403) != 403:
            self.gaps.append((f"{label}: the {route['role']} role is not tested as a rule",
                              f"a {other['role']} was answered {observed['other_role_status']} on the "
                              "record the check makes (the guard lets more than the role through)"))
        elif other:  # a 401 to credentials the app never took would read as a refused role
            self.gaps.append((f"{label}: the {route['role']} role is not tested",
                              f"the app answered a {other['role']}'s credentials as it answers a wrong token, "
                              "so a refusal could not be told from credentials it does not take"))
        return out

    def other_headers(self, route: dict[str, Any], cred: dict[str, Any]) -> str:
        """The headers of another role's caller for `route`: their fixture's, or their own key sent in the header
        this route reads a key from when they carry it in another (a customer's key where the admin's goes)."""
        headers = self.headers_name(cred["token"])
        carried = {h.lower() for h in ((cred.get("login") or {}).get("header") or {})}
        auth = route["auth"] or {}
        wanted = auth.get("name") if auth.get("type") == "apiKey" and auth.get("in") == "header" else None
        if wanted and carried and wanted.lower() not in carried:
            return f"{{{py(wanted)}: next(iter({headers}.values()))}}"
        return headers

    def forbidden_case(self, route: dict[str, Any], name: str, label: str, headers: str,
                       ok: dict[str, Any] | None) -> Case:
        url = self.item_url(route["path"]) if ok and ok.get("setup") else re.sub(r"\{[^}]+\}", "1", route["path"])
        lines = []
        if ok and ok.get("setup"):
            setup = ok["setup"]
            create = self.by_key[("POST", setup["path"])]
            create_headers = self.headers_name(create["observed"].get("token")) if create["auth"] else "{}"
            create_call = f"client.post({py(setup['path'])}, json={py(setup['body'])}, headers={create_headers})"
            lines += [f'item_id = {self.json_of(create_call)}[{py(setup.get("id_field", "id"))}]']
        finding = f"{braces(label)} answered {{resp.status_code}} to a caller without the {route['role']} role"
        sent = ""  # the request the role opens, so the role is all that differs
        if ok and ok.get("body") and route["method"] in ("POST", "PUT", "PATCH"):
            sent = f", {'data' if route.get('body_kind') == 'form' else 'json'}={py(ok['body'])}"
        quoted = f'f"{url}"' if "{" in url else f'"{url}"'
        lines += [f'resp = client.{route["method"].lower()}({quoted}{sent}, headers={headers})',
                  f'assert resp.status_code == 403, f"{finding}"']
        return Case(f"test_{name}_is_forbidden_without_the_{slug(route['role'])}_role",
                    f"{label} needs the {route['role']} role; other callers get 403.", "forbidden", lines,
                    kind="rule", finding=f"{label} let a caller without the {route['role']} role through")

    def header(self, module_doc: str, reuse_client: str | None = None) -> str:
        """The module docstring, imports, credentials and the `client` fixture (or a note that conftest has it)."""
        env = {name: _env_source(spec) for name, spec in (self.app.get("env") or {}).items()}
        state = self.app.get("state") or []
        databases = self.app.get("databases")
        instance = self._relocates_instance()
        hashing = self.app.get("fast_hashing") or []
        fresh_env = self.app.get("fresh_env")
        caches = (fresh_env or {}).get("caches", [])
        modules = sorted({r["module"] for r in state} | {m for r in state for m, _ in r.get("aliases") or []}
                         | {r["module"] for group in (databases or {}).values()
                                                           for r in group} | {r["module"] for r in hashing}
                         | {r["module"] for r in caches} | self.seed_modules()
                         | clock_modules(self.app.get("clock") if self.clock_used else None)
                         | set(self.app.get("factory_imports") or []))
        args = [a for a, used in (("tmp_path", self.fresh_database or instance),
                                  ("monkeypatch", bool(state or databases or instance or hashing or fresh_env)))
                if used]
        return _TEMPLATES.get_template("http_header.py.j2").render(
            doc=module_doc, app=self.app, framework=self.framework, reuse_client=reuse_client,
            fresh_database=self.fresh_database, env=env, env_dir=any("_ENV_DIR" in v for v in env.values()),
            state=state, databases=databases, modules=modules, instance_path=instance,
            setup_commands=self.app.get("setup_commands") or [], fixture_args=", ".join(args),
            client_doc=self.client_doc(), forms_block=self.forms.header_block() if self.forms else "",
            login_block=self.login_block(),
            clock_block=clock_fixture(self.app["clock"], self.framework) if self.clock_used else "",
            headers={name: self.header_value(self.carrier(token), token) for name, token in sorted(self.roles.items())},
            sources={c["token"]: c["source"] for c in self.creds},
            tokens=self.roles,
        )


def relogin_name(fixture: str) -> str:
    """The function a login fixture's body becomes when a test calls it again: `patient_headers` -> `log_in_patient`."""
    return "log_in_" + fixture.removesuffix("_headers")


def _ownership_applies(route: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether "another user is refused" is a rule here: when the app refuses them now (pinned), or when the route
    changes or deletes the record itself (`PATCH /notes/{id}`). Reading a record or acting on it (`POST
    /groups/{id}/join`) may be open to everyone, so an answer that lets them through is no finding there."""
    if other.get("status") in (403, 404):
        return True
    return route["method"] in ("PUT", "PATCH", "DELETE") and bool(re.fullmatch(r"[^{]*\{\w+\}/?", route["path"]))


def with_header(headers: str, name: str, expression: str) -> str:
    """The headers expression `headers` (a name such as `USER_HEADERS`, or `{}`) plus `name: expression`."""
    added = f"{py(name)}: {expression}"
    return "{" + added + "}" if headers == "{}" else "{**" + headers + ", " + added + "}"


def with_expression(body: dict[str, Any], field: str, expression: str) -> str:
    """`body` as a dict literal whose `field` holds a Python expression (`"a" * 120`)."""
    return "{" + ", ".join(f"{py(k)}: {expression if k == field else py(v)}" for k, v in body.items()) + "}"


def is_basic(auth: dict[str, Any] | None) -> bool:
    """True for HTTP Basic auth: a name and password with each request, no token."""
    return str((auth or {}).get("scheme") or "").lower() == "basic"


def auth_headers(auth: dict[str, Any], token: str) -> dict[str, str]:
    """The headers that carry `token` the way the app reads it."""
    if auth.get("type") == "apiKey" and auth.get("in") == "header":
        return {auth.get("name") or "X-API-Key": token}
    if auth.get("type") == "apiKey" and auth.get("in") == "cookie":  # a session cookie, as a browser sends it
        return {"Cookie": f"{auth.get('name')}={token}"}
    if is_basic(auth):  # `name:password`, base64 as HTTP Basic sends it
        return {"Authorization": "Basic " + base64.b64encode(token.encode()).decode()}
    return {"Authorization": f"{auth.get('prefix') or 'Bearer'} {token}"}


def _env_source(spec: dict[str, str]) -> str:
    """The Python expression for an environment setting's test value (paths land in a temporary folder)."""
    if spec["kind"] == "url":
        return f'"sqlite:///" + os.path.join(_ENV_DIR, {py(spec["value"])})'
    if spec["kind"] == "path":
        return f"os.path.join(_ENV_DIR, {py(spec['value'])})"
    return py(spec["value"])


def _id_param(routes: list[dict[str, Any]], collection: str) -> str:
    for route in routes:
        match = re.fullmatch(re.escape(collection.rstrip("/")) + r"/\{([^}]+)\}", route["path"])
        if match:
            return match.group(1)
    return "id"


# ---------------------------------------------------------------------------- pure functions


def call_arguments(args: list[Any], kwargs: dict[str, Any]) -> str:
    """A call's arguments as Python source: the positional ones, then the keyword ones (`"a", sep="."`)."""
    return ", ".join([py(a) for a in args] + [f"{k}={py(v)}" for k, v in kwargs.items()])


def function_cases(functions: list[dict[str, Any]], request: str) -> tuple[dict[str, list[Case]], list[str]]:
    """Characterisation tests and domain probes for plain functions, grouped by module."""
    words = {w for w in re.findall(r"[a-z_]+", request.lower()) if len(w) > 2}
    chosen = [f for f in functions if f["name"].lower() in words or f["module"].rsplit(".", 1)[-1] in words
              or f.get("whole")]
    targets = chosen or functions
    by_module: dict[str, list[Case]] = {}
    for func in targets:
        cases = by_module.setdefault(func["module"], [])
        name, params = func["name"], func["params"]
        for index, case in enumerate(func["cases"]):
            call = f"{name}({call_arguments(case['args'], case.get('kwargs', {}))})"
            described = ", ".join([*(f"{p}={py(a)}" for p, a in zip(params, case["args"], strict=True)),
                                   *(f"{k}={py(v)}" for k, v in case.get("kwargs", {}).items())])
            if "raises" in case:
                lines = [f"with pytest.raises({case['raises']}):", f"    {call}"]
                if "message" in case:
                    lines = [f"with pytest.raises({case['raises']}) as raised:", f"    {call}",
                             f"assert str(raised.value) == {py(case['message'])}"]
                cases.append(Case(f"test_{name}_raises_{slug(case['raises'])}_for_case_{index}",
                                  f"{name}({described}) raises {case['raises']}.", "edge_case", lines, args=""))
            elif "called" in case:
                cases.append(Case(f"test_{name}_accepts_case_{index}", f"{name}({described}) returns normally.",
                                  "success", [call], args=""))
            else:
                scenario: Scenario = "success" if index == 0 else "edge_case"
                returned = case["returns"]
                cases.append(Case(f"test_{name}_case_{index}", f"{name}({described}) returns {py(returned)}.",
                                  scenario, [pinned(call, returned)], args=""))
        for i, param in enumerate(params):
            if func["kinds"][i] in ("int", "float", "Decimal") and any(w in param.lower() for w in DOMAIN_WORDS):
                base = next((c for c in func["cases"] if "returns" in c), None)
                if base is None:
                    continue
                args = list(base["args"])
                args[i] = {"__decimal__": "-1"} if func["kinds"][i] == "Decimal" else -1
                call = f"{name}({call_arguments(args, base.get('kwargs', {}))})"
                finding = f"{name} accepted {param}=-1"
                cases.append(Case(f"test_{name}_rejects_negative_{param}",
                                  f"Business rule: {name} must refuse a negative `{param}`.", "boundary",
                                  ["with pytest.raises((ValueError, ArithmeticError)):", f"    {call}"],
                                  kind="rule", finding=finding, args=""))
    return by_module, [] if chosen else ["the request named no function; every public function was characterised"]


def example_cases(examples: list[dict[str, Any]], request: str) -> dict[str, list[Case]]:
    """The project's documented examples, run as written, with what each shows pinned (values, reprs, output),
    grouped by the module each imports; those naming a word of the request when any does."""
    words = {w for w in re.findall(r"[a-z_]+", request.lower()) if len(w) > 2}
    named = [e for e in examples if words & {w.lower() for s in e["statements"] for w in re.findall(r"\w+",
                                                                                                  s["code"])}]
    by_module: dict[str, list[Case]] = {}
    for n, example in enumerate(named or examples, 1):
        lines: list[str] = []
        printed = False
        for step in example["statements"]:
            code = step["code"]
            if "value" in step:
                lines.append(f"assert {code} {same(step['value'])} {py(step['value'])}")
            elif "literal" in step:
                lines.append(f"assert {code} == {step['literal']}")
            elif "repr" in step:
                lines.append(f"assert repr({code}) == {py(step['repr'])}")
            elif "raises" in step:  # by name: the example need not import what its library raises
                lines += ["with pytest.raises(Exception) as raised:",
                          *(f"    {line}" for line in code.split("\n") if line.strip()),
                          f"assert type(raised.value).__name__ == {py(step['raises'])}"]
            else:
                lines += [line for line in code.split("\n") if line.strip()]
            if "printed" in step:
                lines.append(f"assert capsys.readouterr().out == {py(step['printed'])}")
                printed = True
        source = example["source"]
        cases = by_module.setdefault(example["module"], [])
        cases.append(Case(f"test_documented_example_{n}", f"The example in {source} runs as documented and shows "
                          "what it showed when the tests were written.", "success", lines,
                          args="capsys" if printed else ""))
    return by_module


def function_header(module: str, names: list[str], cases: list[Case]) -> str:
    decimal = any("Decimal(" in line for case in cases for line in case.lines)
    fraction = any("Fraction(" in line for case in cases for line in case.lines)
    dates = [name for name in ("date", "datetime", "timedelta")
             if any(re.search(rf"(?<![\w.]){name}[(.]", line) for case in cases for line in case.lines)]
    doubles = [name for name in ("returns_ok", "raises_error")
               if any(re.search(rf"\b{name}\b", line) for case in cases for line in case.lines)]
    examples = any(case.name.startswith("test_documented_example_") for case in cases)
    return _TEMPLATES.get_template("unit_header.py.j2").render(module=module, names=sorted(set(names)),
                                                               decimal=decimal, fraction=fraction, dates=dates,
                                                               doubles=doubles,
                                                               examples=examples)


# ---------------------------------------------------------------------------- test isolation


def isolation_conftest(state: list[dict[str, Any]]) -> str:
    """A conftest.py whose autouse fixture restores the shared module state around every test."""
    modules = sorted({s["module"] for s in state})
    copies = [s for s in state if not s.get("reset")]
    names = ", ".join(f"{s['module']}.{s['name']}" for s in state)
    return _TEMPLATES.get_template("isolation_conftest.py.j2").render(state=state, modules=modules, copies=copies,
                                                                      names=names)

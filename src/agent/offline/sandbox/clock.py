"""The app's own clock, moved as its tests would move it: a dependency that answers the current moment
(`Depends(get_now)`, swapped through `dependency_overrides`) or a callable setting (Flask's `CLOCK`, swapped in
`app.config`). With it pinned, a rule about time (no booking once a slot has started, cancelling up to a day
before) shows as the moment, measured from a record's own date, where an answer changes."""

import contextlib
import copy
import datetime as dt
import inspect
import itertools
import re
import sys
import time
import types
import typing

from .characterise import CHOICES, MOMENT, id_key, referenced, vary
from .credentials import auth_headers, pick_token
from .routes import route_objects
from .samples import ID_NAME, fill_item, sample
from .workspace import SETUPS

UTC = dt.UTC
DAY = 86400
HOUR, MINUTE = 3600, 60
COARSE = [-400 * DAY, -30 * DAY, -DAY, 0, DAY, 30 * DAY, 400 * DAY]
"""Offsets (seconds) from a record's moment asked first, on each side of it."""
ROUND = sorted({sign * span for sign in (-1, 1) for span in (
    MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY,
    2 * DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 60 * DAY, 90 * DAY, 180 * DAY, 365 * DAY)})
"""The spans rules are written in (`timedelta(hours=24)`): where two coarse offsets answer differently, these are
asked between them first, and one unit on either side of the pair found; halving the gap to the unit is last."""
MOST_EDGES = 3
BUDGET_S = 15.0
"""Seconds the clock probes may take in all (each moment asked is a new store, its users and its records)."""
MOST_PAIRS = 12
"""Pairs of routes on one record timed one after the other, at most."""


def read_kind(value):
    """How a clock answers: an aware or naive datetime, a date, or seconds since the epoch (None: not a clock)."""
    if isinstance(value, dt.datetime):
        return "aware" if value.tzinfo is not None else "naive"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value - time.time()) < 3600:
        return "epoch"
    return None


def as_read(moment, kind):
    """An aware UTC `moment` as a clock of `kind` answers it."""
    if kind == "naive":
        return moment.replace(tzinfo=None)
    if kind == "date":
        return moment.date()
    if kind == "epoch":
        return moment.timestamp()
    return moment


def find_clock(app, framework):
    """The app's clock as tests can replace it, or None: {"kind": "config", "key", "reads"} or {"kind":
    "dependency", "targets": [{"module", "name"}], "reads"}."""
    with contextlib.suppress(Exception):
        if framework == "flask":
            return config_clock(app)
        if hasattr(app, "dependency_overrides"):
            return dependency_clock(app)
    return None


def config_clock(app):
    """A setting holding a function that answers the current moment (`CLOCK=utcnow`)."""
    for key, value in app.config.items():
        if not isinstance(value, types.FunctionType | types.BuiltinFunctionType):
            continue
        with contextlib.suppress(Exception):
            if any(p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                   for p in inspect.signature(value).parameters.values()):
                continue
        with contextlib.suppress(Exception), app.app_context():
            kind = read_kind(value())
            if kind is not None:
                return {"kind": "config", "key": key, "reads": kind}
    return None


def dependency_clock(app):
    """Dependencies some route is handed that answer the current moment: functions of the app's own modules
    (importable by name) that take nothing and answer a datetime, a date or epoch seconds, or are annotated so."""
    found = {}

    def walk(dependant, depth=0):
        for dep in getattr(dependant, "dependencies", None) or []:
            call = dep.call
            key = (getattr(call, "__module__", None), getattr(call, "__qualname__", None))
            if key not in found and importable(call):
                kind = moment_reader(call)
                if kind is not None:
                    found[key] = kind
            if depth < 6:
                walk(dep, depth + 1)

    for route in route_objects(app):
        walk(getattr(route, "dependant", None))
    if not found:
        return None
    kinds = set(found.values())
    return {"kind": "dependency", "targets": [{"module": m, "name": n} for m, n in found],
            "reads": kinds.pop() if len(kinds) == 1 else "aware"}


def importable(call):
    """Whether a test can name `call` by its module and name (a function of the app's, not the framework's)."""
    module, name = getattr(call, "__module__", None) or "", getattr(call, "__qualname__", "")
    return isinstance(call, types.FunctionType) and bool(module) and "." not in name and \
        getattr(sys.modules.get(module), name, None) is call and not module.startswith(("fastapi", "starlette"))


def moment_reader(call):
    """The kind of moment a dependency answers, or None."""
    params = inspect.signature(call).parameters.values()
    if not any(p.default is p.empty for p in params) and not inspect.iscoroutinefunction(call):
        with contextlib.suppress(Exception):
            return read_kind(call())
        return None
    with contextlib.suppress(Exception):
        answer = typing.get_type_hints(call).get("return")
        if answer is dt.datetime:
            return "aware"
        if answer is dt.date:
            return "date"
    return None


class Pin:
    """The clock installed on each app the probes use: the real time, or `moment` while a timed request runs;
    `callers` names the functions running when the app asked it, since `listen()`."""

    def __init__(self, clock):
        self.clock, self.moment, self.callers, self.undo = clock, None, set(), []

    def now(self):
        frame: types.FrameType | None = sys._getframe(1)
        for _ in range(60):
            if frame is None:
                break
            self.callers.add(frame.f_code.co_name)
            frame = frame.f_back
        return as_read(self.moment or dt.datetime.now(UTC), self.clock["reads"])

    def listen(self):
        self.callers = set()

    def asked_by(self, c, route):
        """Whether the route's own handler asked the time since `listen()`, not only the check of its credentials:
        the handler was running when the clock was read, or the handler is handed the clock dependency itself."""
        view = (route.get("view") or "").rsplit(".", 1)[-1]
        if not self.callers or (view and view in self.callers):
            return bool(self.callers)
        app = getattr(c, "app", None)
        if self.clock["kind"] != "dependency" or app is None:
            return False
        targets = [getattr(sys.modules[t["module"]], t["name"]) for t in self.clock["targets"]]
        for found in route_objects(app):
            if getattr(found, "path", None) == route["path"] and route["method"] in (getattr(found, "methods", None)
                                                                                   or ()):
                return any(d.call in targets for d in getattr(getattr(found, "dependant", None), "dependencies", []))
        return False

    def install(self, c):
        """Put the pin in the app behind test client `c` (once per app)."""
        app = getattr(c, "application", None) or getattr(c, "app", None)
        if app is None or any(done is app for done, _ in self.undo):
            return
        if self.clock["kind"] == "config":
            before = app.config[self.clock["key"]]
            app.config[self.clock["key"]] = self.now
            self.undo.append((app, lambda: app.config.__setitem__(self.clock["key"], before)))
            return
        targets = [getattr(sys.modules[t["module"]], t["name"]) for t in self.clock["targets"]]
        for target in targets:
            app.dependency_overrides[target] = self.now
        self.undo.append((app, lambda: [app.dependency_overrides.pop(t, None) for t in targets]))

    def remove(self):
        for _, undo in self.undo:
            undo()
        self.undo.clear()


def moments(body, where, ref=None):
    """The date and date-time values of a body's top level: {(where, ref, field): text}."""
    return {(where, ref, k): v for k, v in (body or {}).items() if isinstance(v, str) and re.fullmatch(MOMENT, v)}


def parsed(text):
    """A body's moment as an aware UTC datetime (naive text is taken as UTC, a date as its midnight)."""
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def marks(data):
    """What of an answer a clock may turn: its flags, its state-like words (`"status": "expired"`) and whether
    each of its amounts is nothing, more or less (a fine, a refund: {"fine": {"sign": 1}})."""
    if not isinstance(data, dict):
        return {}
    out: dict[str, object] = {}
    for key, value in data.items():
        if isinstance(value, bool) or (isinstance(value, str) and (
                key in ("status", "state") or value in CHOICES.get(key, ()))):
            out[key] = value
        elif isinstance(value, int | float) and not ID_NAME.search(key):
            out[key] = {"sign": (value > 0) - (value < 0)}
    return out


def clock_edges(builder, client, call, routes, creates, creds, clock, relogin):
    """Per route that asks the clock, the moments (from a date of the records it acts on, or of its own body)
    where its answer changes: route["observed"]["clock_edges"] = [{"anchor": [where, ref, field], "unit",
    "before": {"offset", "status", "marks"}, "after": {...}}], `where` being `body` (the request's own),
    `setup` (the record acted on), `setup_ref` / `ref` (a record those point to, through field `ref`) or `made`
    (the moment the record acted on was made: a window that opens when it is, such as an undo or a loan). The
    set-up runs with the clock at `clock["base"]` (this hour); a side marked `relogin` logs in again once the clock
    is moved (the app checks its tokens' expiry by its own clock). `relogin(c)` makes client `c` log in anew. Then
    the windows that open when another route acts on a record (see `after_edges`)."""
    pin = Pin(clock)
    clock["base"] = dt.datetime.now(UTC).replace(minute=0, second=0, microsecond=0).isoformat()
    posts = {r["path"]: r for r in routes if r["method"] == "POST"}
    ends = time.monotonic() + BUDGET_S

    def fresh_client():
        if time.monotonic() > ends:  # what is found so far is kept; the rest of the routes go untimed
            raise TimeoutError("the clock probes' budget is spent")
        builder.fresh()
        return client()

    try:
        for route in routes:
            observed = route.get("observed") or {}
            ok = observed.get("ok")
            if not ok or observed.get("if_match") or observed.get("login"):
                continue
            with contextlib.suppress(Exception):
                edges = route_edges(fresh_client, call, route, ok, observed, posts, creates, pin, relogin)
                if edges:
                    observed["clock_edges"] = edges
        with contextlib.suppress(Exception):
            after_edges(fresh_client, call, routes, creates, posts, pin, relogin, creds)
    finally:
        pin.remove()
        builder.fresh()  # what was made here would take keys later set-ups make up


def route_edges(client, call, route, ok, observed, posts, creates, pin, relogin):
    """The edges of one route that went through when observed (see `clock_edges`), or [] when its own handler
    never asks the time."""
    headers = auth_headers(route["auth"], observed["token"]) if route["auth"] and observed.get("token") else {}
    setup = ok.get("setup")
    if setup and (setup["path"] not in posts or setup["path"] not in creates):
        return []
    if not setup and (route["method"] != "POST" or "{" in route["path"]):
        return []

    def prepared(c):
        """The timed request on a new record, its set-up made at whatever the clock reads: (path, body, the
        moments it can be measured from)."""
        body = copy.deepcopy(ok.get("body"))
        if not setup:
            body = vary(body, f"clock{next(SETUPS)}")
            refs = referenced(c, call, route, body, creates)
            found = moments(body, "body")
            for name, ref in refs.items():
                found.update(moments(ref["body"], "ref", name))
            return route["path"], body, found
        record = make_record(c, call, route["path"], setup, posts, creates)
        if record is None:
            return None
        path, made, refs, _ = record
        if setup.get("prior"):
            call(c, "POST", path, None, headers)
        found = moments(made, "setup")
        for name, ref in refs.items():
            found.update(moments(ref["body"], "setup_ref", name))
        found.update(moments(body, "body"))
        found[("made", None, "creation")] = pin.clock["base"]  # the moment the app stamped on the record
        return path, body, found

    def at(anchor, offset):
        """What the route answers with the clock `offset` seconds from the record's `anchor` moment: (status,
        marks, whether it took a new login)."""
        c = client()
        pin.install(c)
        pin.moment = parsed(pin.clock["base"])
        try:
            ready = prepared(c)
            if ready is None or anchor not in ready[2]:
                return None
            path, body, found = ready
            return timed(c, call, route["method"], path, body, headers, pin,
                         parsed(found[anchor]) + dt.timedelta(seconds=offset), relogin)
        finally:
            pin.moment = None

    c = client()
    pin.install(c)
    ready = prepared(c)
    if ready is None or not ready[2]:
        return []
    path, body, found = ready
    pin.listen()
    call(c, route["method"], path, body, headers, refs=False)
    if not pin.asked_by(c, route):  # the route never asked the time (its credentials' check may have)
        return []
    edges = []
    for anchor, text in found.items():
        unit = DAY if "T" not in text or pin.clock["reads"] == "date" else 1
        edges += [dict(e, anchor=list(anchor)) for e in anchor_edges(lambda o, anchor=anchor: at(anchor, o), unit)]
        if len(edges) >= MOST_EDGES:
            break
    return edges[:MOST_EDGES]


def make_record(c, call, path, setup, posts, creates):
    """A new record as `setup` made it (the records it points to made first): (`path` filled with its id, the
    body it was made with, {field: the record it points to}, its id), or None."""
    made = vary(setup["body"], f"clock{next(SETUPS)}")
    refs = referenced(c, call, posts[setup["path"]], made, creates)
    status, data = call(c, "POST", setup["path"], made, creates[setup["path"]][1], refs=False)
    key = id_key(path, data) if 200 <= status < 300 else None
    return (fill_item(path, data[key]), made, refs, data[key]) if key is not None else None


def timed(c, call, method, path, body, headers, pin, moment, relogin):
    """What the app answers the request with its clock at `moment`: (status, marks, whether the users logged in
    anew: a token the app's clock outlived is refused, and logging in again at that moment is what a test does)."""
    pin.moment = moment
    status, data = call(c, method, path, body, headers, refs=False)
    if status == 401 and headers and relogin(c):
        status, data = call(c, method, path, body, headers, refs=False)
        return status, marks(data), True
    return status, marks(data), False


def after_edges(client, call, routes, creates, posts, pin, relogin, creds):
    """Routes on a record whose answer turns as time passes after another route acted on it (a restore within
    seven days of the delete, a reopen within a week of the close): on a record made at the base hour, the first
    route run then, the later one with the clock moved on. later["observed"]["clock_after"] = [{"first": {"method",
    "path", "body", "token"}, "setup", "body", "token", "unit", "before", "after"}]."""
    items = [r for r in routes if "{" in r["path"]]
    firsts = sorted(items, key=lambda r: ("DELETE", "POST", "PATCH", "PUT", "GET").index(r["method"])
                    if r["method"] in ("DELETE", "POST", "PATCH", "PUT", "GET") else 9)  # what stamps a time first
    tried = 0
    quiet: list[dict] = []  # routes that never asked the time themselves
    for later, first in itertools.product(items, firsts):
        observed = first.get("observed") or {}
        setup = (observed.get("ok") or {}).get("setup")
        if first is later or first["method"] == "GET" or not setup or observed.get("if_match") or \
                setup["path"] not in posts or setup["path"] not in creates or tried >= MOST_PAIRS or \
                any(later is q for q in quiet):
            continue
        on_record = re.escape(setup["path"].rstrip("/")) + r"/\{\w+\}(/[\w-]+)?"  # the record or an action on it
        if not re.fullmatch(on_record, later["path"]) or not re.fullmatch(on_record, first["path"]):
            continue
        ask = request_of(first, creds), request_of(later, creds)

        def at(offset, first=first, later=later, setup=setup, ask=ask, seen=None):
            c = client()
            pin.install(c)
            pin.moment = parsed(pin.clock["base"])
            try:
                (body, headers, _), (then_body, then_headers, _) = ask
                record = make_record(c, call, first["path"], setup, posts, creates)
                if record is None or not 200 <= call(c, first["method"], record[0], body, headers, refs=False)[0] < 300:
                    return None
                pin.listen()
                answer = timed(c, call, later["method"], fill_item(later["path"], record[3]), then_body, then_headers,
                               pin, parsed(pin.clock["base"]) + dt.timedelta(seconds=offset), relogin)
                if seen is not None:
                    seen.append(pin.asked_by(c, later))
                return answer
            finally:
                pin.moment = None

        tried += 1
        reads: list[bool] = []
        if at(0, seen=reads) is None or not any(reads):  # the later route never asked the time itself
            if reads:
                quiet.append(later)
            continue
        unit = DAY if pin.clock["reads"] == "date" else 1
        edges = anchor_edges(at, unit, [o for o in COARSE if o >= 0])
        if edges:
            later.setdefault("observed", {}).setdefault("clock_after", []).extend(
                {"first": {"method": first["method"], "path": first["path"], "body": ask[0][0],
                           "token": ask[0][2]}, "setup": setup, "body": ask[1][0], "token": ask[1][2], **edge}
                for edge in edges[:MOST_EDGES])


def request_of(route, creds):
    """(body, headers, token) a route is sent with: what went through when it was observed, else its samples."""
    observed = route.get("observed") or {}
    ok = observed.get("ok") or {}
    body = ok.get("body") if ok else ({f["name"]: sample(f) for f in route["body"]} if route["body"] else None)
    token = observed.get("token") or (pick_token(creds, route.get("role"), route["auth"]) if route["auth"] else None)
    return body, auth_headers(route["auth"], token) if route["auth"] and token else {}, token


def anchor_edges(at, unit, coarse=COARSE):
    """The offsets, to the `unit`, where the answer changes: each a pair of neighbouring offsets one unit apart
    whose answers (status and marks) differ. Each answer is asked once, on a store of its own: the tests written
    from them run before they are kept, so an answer that does not hold again drops its test."""
    seen = {}

    def look(offset):
        if offset not in seen:
            seen[offset] = at(offset)
        return seen[offset]

    def same(a, b):
        return a is not None and b is not None and a[:2] == b[:2]

    def narrowed(points):
        """The neighbouring pair of `points` (answered differently at its ends) where the answer changes, found
        by halving, or None where an answer cannot be stood on."""
        lo, hi = 0, len(points) - 1
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if not settled(look(points[mid])):
                return None
            lo, hi = (mid, hi) if same(look(points[mid]), look(points[lo])) else (lo, mid)
        return points[lo], points[hi]

    edges = []
    for lo, hi in itertools.pairwise([o for o in coarse if o % unit == 0]):
        if not settled(look(lo)) or not settled(look(hi)) or same(look(lo), look(hi)):
            continue
        pair = narrowed([lo, *[o for o in ROUND if lo < o < hi and o % unit == 0], hi])
        if pair is None:
            continue
        lo, hi = pair
        if hi - lo > unit and settled(look(lo + unit)) and not same(look(lo + unit), look(lo)):
            hi = lo + unit
        elif hi - lo > unit and settled(look(hi - unit)) and not same(look(hi - unit), look(hi)):
            lo = hi - unit
        elif hi - lo > unit:
            pair = narrowed(list(range(lo, hi + 1, unit))) if (hi - lo) // unit < 1 << 26 else None
            if pair is None:
                continue
            lo, hi = pair
        edges.append({"unit": unit, "before": side(lo, look(lo)), "after": side(hi, look(hi))})
    return edges


def side(offset, answer):
    status, seen, relogged = answer
    return {"offset": offset, "status": status, "marks": seen, "relogin": relogged}


def settled(answer):
    """An answer an edge may stand on: the request was made and answered, without a crash or a refused token
    (a token the clock outlives expired by the real time it was issued at)."""
    return answer is not None and answer[0] < 500 and answer[0] != 401

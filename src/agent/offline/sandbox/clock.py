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
from .credentials import auth_headers
from .routes import route_objects
from .samples import fill_item
from .workspace import SETUPS

UTC = dt.UTC
DAY = 86400
HOUR, MINUTE = 3600, 60
COARSE = [-400 * DAY, -30 * DAY, -DAY, -HOUR, 0, HOUR, DAY, 30 * DAY, 400 * DAY]
"""Offsets (seconds) from a record's moment asked first, on each side of it."""
ROUND = sorted({sign * span for sign in (-1, 1) for span in (
    MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY,
    2 * DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 60 * DAY, 90 * DAY, 180 * DAY, 365 * DAY)})
"""The spans rules are written in (`timedelta(hours=24)`): where two coarse offsets answer differently, these are
asked between them first, and one unit on either side of the pair found; halving the gap to the unit is last."""
MOST_EDGES = 3


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
    if not any(p.default is p.empty for p in params):
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
    `reads` counts how often the app asked."""

    def __init__(self, clock):
        self.clock, self.moment, self.reads, self.undo = clock, None, 0, []

    def now(self):
        self.reads += 1
        return as_read(self.moment or dt.datetime.now(UTC), self.clock["reads"])

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
    """What of an answer a clock may turn: its flags and its state-like words (`"status": "expired"`)."""
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, bool) or (isinstance(v, str) and (
        k in ("status", "state") or v in CHOICES.get(k, ())))}


def clock_edges(builder, client, call, routes, creates, clock, relogin):
    """Per route that asks the clock, the moments (from a date of the records it acts on, or of its own body)
    where its answer changes: route["observed"]["clock_edges"] = [{"anchor": [where, ref, field], "unit",
    "before": {"offset", "status", "marks"}, "after": {...}}], `where` being `body` (the request's own),
    `setup` (the record acted on), `setup_ref` / `ref` (a record those point to, through field `ref`) or `made`
    (the moment the record acted on was made: a window that opens when it is, such as an undo or a loan). The
    set-up runs with the clock at `clock["base"]` (this hour); a side marked `relogin` logs in again once the clock
    is moved (the app checks its tokens' expiry by its own clock). `relogin(c)` makes client `c` log in anew."""
    pin = Pin(clock)
    clock["base"] = dt.datetime.now(UTC).replace(minute=0, second=0, microsecond=0).isoformat()
    posts = {r["path"]: r for r in routes if r["method"] == "POST" and "{" not in r["path"]}

    def fresh_client():
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
    finally:
        pin.remove()
        builder.fresh()  # what was made here would take keys later set-ups make up


def route_edges(client, call, route, ok, observed, posts, creates, pin, relogin):
    headers = auth_headers(route["auth"], observed["token"]) if route["auth"] and observed.get("token") else {}
    setup = ok.get("setup")
    if setup and (setup["path"] not in posts or setup["path"] not in creates):
        return []
    if not setup and (route["method"] != "POST" or "{" in route["path"]):
        return []

    def prepared(c):
        """The timed request on a new record (its set-up made at the real time): (path, body, moments)."""
        body = copy.deepcopy(ok.get("body"))
        if not setup:
            body = vary(body, f"clock{next(SETUPS)}")
            refs = referenced(c, call, route, body, creates)
            found = moments(body, "body")
            for name, ref in refs.items():
                found.update(moments(ref["body"], "ref", name))
            return route["path"], body, found
        made_headers = creates[setup["path"]][1]
        made = vary(setup["body"], f"clock{next(SETUPS)}")
        refs = referenced(c, call, posts[setup["path"]], made, creates)
        status, data = call(c, "POST", setup["path"], made, made_headers, refs=False)
        key = id_key(route["path"], data) if 200 <= status < 300 else None
        if key is None:
            return None
        path = fill_item(route["path"], data[key])
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
            pin.moment = parsed(found[anchor]) + dt.timedelta(seconds=offset)
            status, data = call(c, route["method"], path, body, headers, refs=False)
            if status == 401 and headers and relogin(c):
                status, data = call(c, route["method"], path, body, headers, refs=False)
                return status, marks(data), True
        finally:
            pin.moment = None
        return status, marks(data), False

    c = client()
    pin.install(c)
    ready = prepared(c)
    if ready is None or not ready[2]:
        return []
    path, body, found = ready
    pin.reads = 0
    call(c, route["method"], path, body, headers, refs=False)
    if not pin.reads:  # the route never asked the time
        return []
    edges = []
    for anchor, text in found.items():
        unit = DAY if "T" not in text or pin.clock["reads"] == "date" else 1
        edges += [dict(e, anchor=list(anchor)) for e in anchor_edges(lambda o, anchor=anchor: at(anchor, o), unit)]
        if len(edges) >= MOST_EDGES:
            break
    return edges[:MOST_EDGES]


def anchor_edges(at, unit):
    """The offsets, to the `unit`, where the answer changes: each a pair of neighbouring offsets one unit apart
    whose answers (status and marks) differ, both seen twice."""
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
    for lo, hi in itertools.pairwise([o for o in COARSE if o % unit == 0]):
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
        if not same(at(lo), look(lo)) or not same(at(hi), look(hi)):  # a flaky answer is no edge
            continue
        edges.append({"unit": unit, "before": side(lo, look(lo)), "after": side(hi, look(hi))})
    return edges


def side(offset, answer):
    status, seen, relogged = answer
    return {"offset": offset, "status": status, "marks": seen, "relogin": relogged}


def settled(answer):
    """An answer an edge may stand on: the request was made and answered, without a crash or a refused token
    (a token the clock outlives expired by the real time it was issued at)."""
    return answer is not None and answer[0] < 500 and answer[0] != 401

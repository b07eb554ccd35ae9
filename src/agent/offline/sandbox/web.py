"""Web probes beyond the first characterisation: length edges, normalised text, another user's listing, formats,
server-made values, actions on a record and their number edges, yes/no filters, records served by another route,
form length edges and listing pages, a factory's refusals, and fast password hashing for signed-in tests.

Each probe records what the current code answered; the engine pins it (or keeps it as a rule only when the app
answered as the rule says)."""

import builtins
import contextlib
import datetime as dt
import itertools
import json
import os
import re
import urllib.parse
from typing import Any

from .characterise import (
    MOMENT,
    PAGE_LIMIT,
    PAGE_NUMBER,
    PAGE_OFFSET,
    id_key,
    later_by,
    listed,
    made_on_a_client,
    shifted,
    vary,
)
from .construct import FACTORY_SECRETS, factory_call, secret_setting
from .credentials import auth_headers, pick_token, route_headers, same_role_other_token
from .forms import form_call, stamped, succeeded
from .limits import MAX_LIMIT
from .samples import ID_NAME, fill_item, fill_path, sample
from .workspace import SETUPS, WORK, repo_modules


def plain_text_fields(route, body):
    """Body fields holding free text (no enum, date, address or link, and no pattern, unless the view's own
    `len()` checks bound it and its pattern takes a run of one letter): the ones a length applies to."""
    out = []
    for f in route["body"]:
        value = body.get(f["name"])
        if f.get("type") != "string" or not isinstance(value, str) or "enum" in f or (
                "pattern" in f and not (f.get("lengths") and re.fullmatch(f["pattern"], "cccc"))):
            continue
        if "@" in value or value.startswith("https://") or re.fullmatch(r"\d{4}-\d\d-\d\d.*", value):
            continue
        out.append(f)
    return out


def length_edges(send, replay, field, limits):
    """Ask with texts of length N-1, N and N+1 around each limit; keep each pair of adjacent lengths whose answers
    differ in kind (accepted vs refused): the edge the code draws. `send(field, text)` answers (answer, kind) on a
    fresh client; `replay(field, short, long)` asks both, in order, on one client as the test will, and its
    answers are the ones kept (when they still differ in kind)."""
    edges, letters = [], itertools.cycle("cdefghijklmnopqrstuvwxyz")
    for limit in limits:
        seen = {}
        for length in (limit - 1, limit, limit + 1):
            if length >= 0:  # `1 <= len(title)`: the empty text and one letter
                seen[length] = send(field, next(letters) * length)[:2]
        for length in sorted(seen)[:-1]:
            if seen[length][1] == seen[length + 1][1]:
                continue
            (low, low_ok, low_body), (high, high_ok, high_body) = replay(field, "a" * length, "b" * (length + 1))
            if low_ok == seen[length][1] and high_ok == seen[length + 1][1]:
                edges.append({"field": field, "lengths": [length, length + 1], "answers": [low, high],
                              "bodies": [low_body, high_body]})
    return edges


def limit_edges(session, route, body):
    """Ask with N-1, N and N+1 in each number field (and in the first item of each list of objects), around
    each number the view compares a value with (`price <= 0`, `1 <= count <= 5`) and each bound its schema declares
    (`le=100`: 100 accepted, 101 refused); keep each pair of adjacent numbers whose answers differ in kind
    (accepted vs refused), asked again in order on one client as the test will: [{"field", "values", "answers",
    "bodies"}]. `session()` gives a `post(body) -> status` on one client, as `pair_edges` takes it."""
    limits = (route.get("number_limits") or [])[:4]
    fields = [(f["name"], f["name"], None, schema_bounds(f)) for f in route["body"]
              if f.get("type") in ("integer", "number") and counted(f["name"], body)]
    for holder in route["body"]:  # `lines: [{"hours": 2, ...}]`: the first line's numbers
        items = body.get(holder["name"])
        if holder.get("type") == "array" and isinstance(items, list) and items and isinstance(items[0], dict):
            props = (holder.get("items") or {}).get("properties") or []
            fields += [(f"{holder['name']}[0].{p['name']}", p["name"], holder["name"], schema_bounds(p))
                       for p in props if counted(p["name"], items[0])]
    edges: list[Any] = []

    def send(name, within, number, post=None, tag="n"):
        sent = vary(body, f"{tag}{number}")
        if within is None:
            sent[name] = number
        else:
            sent[within] = [dict(sent[within][0], **{name: number}), *sent[within][1:]]
        status = (post or session())(sent)
        return status, 200 <= status < 300, sent

    for label, name, within, bounds in fields[:6]:
        seen = {}
        for number in sorted({n for limit in {*limits, *bounds} if type(limit) is int
                              for n in (limit - 1, limit, limit + 1)}):
            seen[number] = send(name, within, number)[:2]
        for number in sorted(seen):
            if number + 1 not in seen or seen[number][1] == seen[number + 1][1] or seen[number][0] >= 500 or \
                    seen[number + 1][0] >= 500:
                continue
            post = session()
            (low, low_ok, low_body), (high, high_ok, high_body) = send(name, within, number, post, "a"), send(
                name, within, number + 1, post, "b")
            if low_ok == seen[number][1] and high_ok == seen[number + 1][1]:
                edges.append({"field": label, "values": [number, number + 1], "answers": [low, high],
                              "bodies": [low_body, high_body]})
    return edges[:6]


def pair_edges(session, route, body):
    """For two inputs of one body the code compares with each other (`ends_at <= starts_at`, `early_price >=
    price`): what a create answers with them equal, swapped, and with the later one the span the code allows after
    the earlier and a minute (a day, one) more. Kept per pair when an answer differs in kind from the sample's and
    asks again the same: [{"fields": [earlier, later], "variant", "span", "unit", "body", "status"}]; then, for two
    moments, a second record right after a first and one inside it, when those answers differ in kind. `session()`
    gives a `post(body) -> status` on one client (a new one, or the one holding the record the path names)."""
    out: list[Any] = []
    ok = None
    for pair in [p for p in route.get("pairs") or [] if all(n in body for n in p["names"])][:4]:
        a, b = pair["names"]
        moments = [moment_of(body[a]), moment_of(body[b])]
        if all(moments):
            early, late = (a, b) if moments[0] <= moments[1] else (b, a)
            unit = 86400 if "T" not in body[early] else 60
            spans = [pair["seconds"] - unit, pair["seconds"], pair["seconds"] + unit] if pair.get("seconds") and (
                pair["seconds"] % unit == 0) and pair["seconds"] > unit else []  # both sides of where it counts
        elif all(type(body[n]) in (int, float) and counted(n, body) for n in (a, b)):
            early, late = (a, b) if body[a] <= body[b] else (b, a)
            unit = 1
            spans = [pair["number"], pair["number"] + 1] if type(pair.get("number")) is int and all(
                type(body[n]) is int for n in (a, b)) else []
        else:
            continue
        seen = []
        for variant, span in [("equal", None), ("swapped", None), *(("span", span) for span in spans)]:
            sent = vary(body, f"p{len(out)}{variant[:2]}{span or ''}")
            if variant == "equal":
                sent[late] = sent[early]
            elif variant == "swapped":
                sent[early], sent[late] = sent[late], sent[early]
            else:
                sent[late] = shifted(sent[early], span)
            if (sent[late] is not None and sent[late] != sent[early]) or variant == "equal":
                seen.append({"fields": [early, late], "variant": variant, "span": span, "unit": unit, "body": sent,
                             "status": session()(sent)})
        if ok is None:
            ok = session()(vary(body, "pok"))
        if any((200 <= e["status"] < 300) != (200 <= ok < 300) and e["status"] < 500 for e in seen):
            out += [e for e in seen if e["status"] < 500 and session()(e["body"]) == e["status"]]
            if all(moments) and "T" in body[early]:
                out += next_to(session, body, early, late)
    return out[:8]


def next_to(session, body, early, late):
    """A record that starts when another ends, one that ends when another starts, and one that starts inside
    another (same other fields): kept when touching and overlapping are answered differently in kind, asked twice
    the same."""
    length = (moment_of(body[late]) - moment_of(body[early])).total_seconds()
    if length <= 60:
        return []
    tried = []
    for attempt in range(2):
        for variant in ("after", "before", "inside"):
            first = vary(body, f"n{attempt}{variant}")
            start = first[late] if variant == "after" else shifted(first[early], -length) if variant == "before" \
                else shifted(first[early], length // 120 * 60)
            second = dict(vary(body, f"m{attempt}{variant}"), **{early: start, late: shifted(start, length)})
            post = session()
            tried.append({"fields": [early, late], "variant": variant, "span": None, "unit": 60, "first": first,
                          "made": post(first), "body": second, "status": post(second)})
    kept = tried[:3]
    if [(e["made"], e["status"]) for e in kept] != [(e["made"], e["status"]) for e in tried[3:]] or \
            not all(200 <= e["made"] < 300 and e["status"] < 500 for e in kept) or \
            {200 <= e["status"] < 300 for e in kept[:2]} == {200 <= kept[2]["status"] < 300}:
        return []
    return kept


def poster(c, call, path, headers, method="POST"):
    """`post(body) -> status` on client `c` (a POST, or the `method` given)."""
    return lambda sent: call(c, method, path, sent, headers)[0]


def moment_of(value):
    """The moment a date or date-time text names (aware ones compared in UTC, naive ones as UTC), else None."""
    if not isinstance(value, str) or not re.fullmatch(MOMENT, value):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def schema_bounds(field):
    """The whole-number bounds a field's schema declares (`gt=0`, `le=100`)."""
    return {int(field[k]) for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
            if type(field.get(k)) in (int, float) and float(field[k]).is_integer()}


def case_duplicate(client, call, route, body, headers):
    """Where the same payload twice is refused: the free-text field that alone makes a record a duplicate (the
    others new), and what the app answers for a record whose text differs from an existing one only in case:
    {"field", "first", "again", "made", "status"} when that is refused too (names unique whatever their case)."""
    addresses = [f for f in route["body"] if isinstance(body.get(f["name"]), str) and "@" in body[f["name"]]]
    for f in [*addresses[:2], *plain_text_fields(route, body)[:4]]:  # an address, unique whatever its case, too
        name, first = f["name"], vary(body, "cf")
        if first[name].swapcase() == first[name]:
            continue
        c = client()
        made, _ = call(c, "POST", route["path"], first, headers)
        alone, _ = call(c, "POST", route["path"], dict(vary(body, "same"), **{name: first[name]}), headers)
        if not 200 <= made < 300 or 200 <= alone < 300:
            continue
        c, first = client(), vary(body, "cg")  # new texts: a module app keeps the first round's records
        again = dict(vary(body, "case"), **{name: first[name].swapcase()})
        made, _ = call(c, "POST", route["path"], first, headers)
        status, _ = call(c, "POST", route["path"], again, headers)
        if 200 <= made < 300 and 400 <= status < 500:
            return {"field": name, "first": first, "again": again, "made": made, "status": status}
        return None
    return None


def counted(name, holder):
    """Whether `holder[name]` is a number that counts or measures something (not a record's id)."""
    return type(holder.get(name)) in (int, float) and not ID_NAME.search(name)


def json_web_probes(client, call, route, body, headers, creds, observed):
    """After a create succeeded: its length edges, what it stores for padded text, and what a second user of
    the same role sees in the listing."""
    view_limits = route.get("limits") or []
    fields = plain_text_fields(route, body)
    edges: list[Any] = []
    for f in fields:
        hinted = f.get("lengths") or []  # `4 <= len(code) <= 12`, read as [5, 11]: the bounds are 4 and 12
        limits = sorted(set(view_limits) | {f[k] for k in ("maxLength", "minLength") if f.get(k, 0) > 1} |
                        ({hinted[0] - 1, hinted[1] + 1} - {0, 10_001} if hinted else set()))

        def send(name, text, c=None, tag="edge"):
            sent = dict(vary(body, f"{tag}{len(text)}"), **{name: text})  # unique: a module app keeps its records
            status, _ = call(c or client(), "POST", route["path"], sent, headers)
            return status, 200 <= status < 300, sent

        def replay(name, short, long):
            c = client()
            return send(name, short, c, "a"), send(name, long, c, "b")
        edges += length_edges(send, replay, f["name"], limits[:4])
    observed["length_edges"] = edges[:6]
    observed["limit_edges"] = limit_edges(lambda: poster(client(), call, route["path"], headers), route, body)
    observed["pair_edges"] = pair_edges(lambda: poster(client(), call, route["path"], headers), route, body)
    if route.get("normalises") and fields:
        name = fields[0]["name"]
        for text in (f"  {body[name].capitalize()}-PAD  ", f"  {body[name]}-pad  "):  # mixed case, else as it is
            padded = dict(vary(body, "pad"), **{name: text})
            status, data = call(client(), "POST", route["path"], padded, headers)
            if 200 <= status < 300 and isinstance(data, dict) and isinstance(data.get(name), str):
                observed["padded"] = {"body": padded, "field": name, "stored": data[name], "status": status}
                break
    observed["formats"] = format_probes(client, call, route, body, headers)
    observed["generated"] = generated_values(client, call, route, body, headers, observed)
    token = observed.get("token")
    other = same_role_other_token(creds, token) if token else None
    if other is not None:
        c = client()
        status, created = call(c, "POST", route["path"], vary(body, "mine"), headers)
        key = id_key(route["path"] + "/{id}", created)
        if 200 <= status < 300 and key is not None:
            _, mine = call(c, "GET", route["path"], None, headers)
            _, theirs = call(c, "GET", route["path"], None, auth_headers(route["auth"], other))
            own_items, items_key = listed(mine)
            other_items, other_key = listed(theirs)
            if own_items is not None and other_items is not None and items_key == other_key:
                ids = [i.get(key) for i in other_items if isinstance(i, dict)]
                if created[key] in [i.get(key) for i in own_items if isinstance(i, dict)] and created[key] not in ids:
                    observed["other_listing"] = {"token": other, "body": vary(body, "mine"), "id_field": key,
                                                 "items_key": items_key}



OTHER_FORMS = {"url": ("ftp://example.com/file", "example.com/no-scheme"),
               "email": ("not-an-address",), "date": ("2030-13-45",)}


def format_probes(client, call, route, body, headers):
    """What a create answers when a link, address or date field holds something else of the same type (another
    scheme, no `@`, no such day): each answer pinned by the tests."""
    out = []
    for f in route["body"]:
        value = body.get(f["name"])
        if not isinstance(value, str):
            continue
        kind = "url" if value.startswith("https://") else "email" if "@" in value else "date" if re.fullmatch(
            r"\d{4}-\d\d-\d\d", value) else None
        for other in OTHER_FORMS.get(kind or "", ()):
            status, _ = call(client(), "POST", route["path"], dict(body, **{f["name"]: other}), headers)
            out.append({"field": f["name"], "value": other, "status": status})
    return out[:4]


def generated_values(client, call, route, body, headers, observed):
    """Optional text fields the answer echoes: left out, what the server makes up for them (their length)."""
    out = []
    response = (observed.get("ok") or {}).get("response")
    for f in route["body"]:
        name = f["name"]
        if f.get("required") or not isinstance(response, dict) or response.get(name) != body.get(name) or \
                not isinstance(body.get(name), str):
            continue
        sent = {k: v for k, v in vary(body, "gen").items() if k != name}
        lengths = set()
        for _ in range(2):
            status, data = call(client(), "POST", route["path"], sent, headers)
            if not (200 <= status < 300 and isinstance(data, dict) and isinstance(data.get(name), str)):
                break
            lengths.add(len(data[name]))
        else:
            if len(lengths) == 1:
                out.append({"field": name, "body": sent, "status": status, "length": lengths.pop()})
    return out


ACTION_PATH = re.compile(r"^(.*)/\{(\w+)\}/([\w-]+)$")


def action_sequences(builder, client, call, routes, creates, creds):
    """Actions on a record (`POST /books/{id}/checkout`) and what follows them: on a new record, after each action
    that succeeds, what every other action and the DELETE answer, and the fields each step changes on the record
    read back (state kept, state released)."""
    for route in routes:
        match = ACTION_PATH.match(route["path"])
        if route["method"] != "POST" or not match or not (route.get("observed") or {}).get("ok"):
            continue
        collection, param = match.group(1), match.group(2)
        collection = collection if collection in creates else collection + "/"
        item_path = match.group(1) + "/{" + param + "}"
        reader = next((r for r in routes if r["method"] == "GET" and r["path"] == item_path), None)
        if collection not in creates or reader is None:
            continue
        body, create_headers, _ = creates[collection]
        nexts = [r for r in routes if r is not route and ((r["method"] == "DELETE" and r["path"] == item_path) or (
            r["method"] == "POST" and (ACTION_PATH.match(r["path"]) or [None, None])[1] == match.group(1)))]
        nexts += [r for r in routes if r["method"] in ("PUT", "PATCH") and r["path"] == item_path and
                  isinstance(((r.get("observed") or {}).get("ok") or {}).get("body"), dict)]  # an edit after it

        def headers_of(r):
            return route_headers(creds, r)

        def payload_of(r):  # the request that went through, as the tests send it
            sent = ((r.get("observed") or {}).get("ok") or {}).get("body")
            return sent if isinstance(sent, dict) and sent else \
                {f["name"]: sample(f) for f in r["body"]} if r["body"] else None

        steps = []
        for after in [None, *nexts]:
            made = vary(body, "seq")
            c, status, created = made_on_a_client(builder, client, call, collection, made, create_headers)
            key = id_key(item_path, created)
            if not 200 <= status < 300 or key is None:
                break
            url = lambda r, value=created[key]: fill_item(r["path"], value)  # noqa: E731
            first, _ = call(c, "POST", url(route), payload_of(route), headers_of(route))
            if not 200 <= first < 300:
                break
            _, record = call(c, "GET", url(reader), None, headers_of(reader))
            step = {"then": None, "record": volatile_free(record, created, key), "made": made, "id_field": key}
            if after is not None:
                status, _ = call(c, after["method"], url(after), payload_of(after), headers_of(after))
                _, again = call(c, "GET", url(reader), None, headers_of(reader))
                step.update(then={"method": after["method"], "path": after["path"]}, status=status,
                            record=volatile_free(again, record, key) if 200 <= status < 300 and
                            after["method"] != "DELETE" else {})
            steps.append(step)
        if steps:
            route["observed"]["sequences"] = steps[:5]
        route["observed"]["number_edges"] = number_edges(client, call, route, collection, item_path, body,
                                                         create_headers, headers_of(route), payload_of(route))
        if route["auth"] and not route["body"]:
            route["observed"]["shared_limits"] = shared_limits(client, call, route, collection, item_path, body,
                                                               create_headers, creds)


WALK_STATES, WALK_DEPTH, WALK_VALUES = 6, 3, 8


def walk_actions(routes):
    """The actions that may move a record between states, by the record's item path: a bodiless POST on an action
    path (`/orders/{id}/pay`), and each value of a field a route sets to one of a few values (`POST
    /tickets/{id}/status` or `PATCH /tickets/{id}` with `{"status": "resolved"}`, the rest of the body as the
    route's valid request sent it). Each action: key, method, path, body, name, field, and the route."""
    by_item: dict[str, list[dict[str, Any]]] = {}
    for route in routes:
        match = ACTION_PATH.match(route["path"])
        if route["method"] == "POST" and match and not route["body"]:
            by_item.setdefault(match.group(1) + "/{" + match.group(2) + "}", []).append(
                {"key": route["path"], "method": "POST", "path": route["path"], "body": None,
                 "name": match.group(3), "field": None, "route": route})
    for route in routes:
        ok = (route.get("observed") or {}).get("ok") or {}
        sent = ok.get("body")
        if route["method"] not in ("POST", "PUT", "PATCH") or "{" not in route["path"] or not isinstance(sent, dict) \
                or not 200 <= (ok.get("status") or 0) < 300:
            continue
        match = ACTION_PATH.match(route["path"])
        item_path = route["path"] if route["path"].endswith("}") else match.group(1) + "/{" + match.group(2) + "}" \
            if match else None
        for field in route["body"]:
            values = field.get("enum") or []
            if item_path is None or field["name"] not in sent or not 2 <= len(values) <= WALK_VALUES or \
                    not all(isinstance(v, str) for v in values):
                continue
            for value in values:
                by_item.setdefault(item_path, []).append(
                    {"key": f"{route['method']} {route['path']} {field['name']}={value}", "method": route["method"],
                     "path": route["path"], "body": dict(sent, **{field["name"]: value}),
                     "name": f"{field['name']} {value}", "field": field["name"], "route": route})
    return by_item


def state_walks(builder, client, call, routes, creates, creds):
    """The life of a record with actions (`/orders/{id}/pay`, `/ship`, `/cancel`, or a status set to each of its
    values): from a new record, each action sequence (breadth first, up to three steps) that leads to a record
    reading back differently is a state; in each state, which actions the app refuses and with what. Kept on the
    collection's POST route as `walk`."""
    for item_path, actions in walk_actions(routes).items():
        base = item_path.rsplit("/{", 1)[0]
        collection = base if base in creates else base + "/"
        create = next((r for r in routes if r["method"] == "POST" and r["path"] == collection), None)
        reader = next((r for r in routes if r["method"] == "GET" and r["path"] == item_path), None)
        if len(actions) < 2 or collection not in creates or reader is None or create is None:
            continue
        body, create_headers, _ = creates[collection]
        by_key = {a["key"]: a for a in actions}

        def headers_of(r):
            return route_headers(creds, r)

        def act(c, action, value):
            return call(c, action["method"], fill_item(action["path"], value), action["body"],
                        headers_of(action["route"]))[0]

        def replay(path, body=body, create_headers=create_headers, item_path=item_path, reader=reader,
                   collection=collection, by_key=by_key):
            """A new record taken through `path`: (client, id field, id, record read back, record as made) or
            None."""
            c, status, created = made_on_a_client(builder, client, call, collection, vary(body, f"walk{next(SETUPS)}"),
                                                  create_headers)
            key = id_key(item_path, created)
            if not 200 <= status < 300 or key is None:
                return None
            for step in path:
                if not 200 <= act(c, by_key[step], created[key]) < 300:
                    return None
            _, record = call(c, "GET", fill_item(item_path, created[key]), None, headers_of(reader))
            return c, key, created[key], record, created

        start = replay([])
        if start is None or not isinstance(start[3], dict):
            continue
        # a field set to one of its values is a state only when the record shows that field
        actions = [a for a in actions if a["field"] is None or a["field"] in start[3]]
        if len(actions) < 2:
            continue
        states: list[dict[str, Any]] = [{"path": [], "record": {}}]
        for state in states:
            if len(state["path"]) >= WALK_DEPTH:
                continue
            refused = {}
            for action in actions:
                got = replay(state["path"])
                if got is None:
                    break
                c, key, value, before, made = got
                status = act(c, action, value)
                _, after = call(c, "GET", fill_item(item_path, value), None, headers_of(reader))
                if 400 <= status < 500 and status not in (401, 403, 404):
                    refused[action["key"]] = {"status": status, "unchanged": after == before}
                elif 200 <= status < 300:
                    record = volatile_free(after, made, key)
                    if record and all(record != s["record"] for s in states) and len(states) < WALK_STATES:
                        states.append({"path": [*state["path"], action["key"]], "record": record})
            state["refused"] = refused
        kept = [s for s in states if "refused" in s and (s["path"] or s["refused"])]
        if len(kept) > 1:
            used = {k for s in kept for k in [*s["path"], *s["refused"]]}
            create.setdefault("observed", {})["walk"] = {
                "states": kept, "item_path": item_path, "made": vary(body, "walk"), "id_field": start[1],
                "actions": {a["key"]: {k: a[k] for k in ("method", "path", "body", "name")} | {
                    "token": (a["route"].get("observed") or {}).get("token")} for a in actions if a["key"] in used}}


def shared_limits(client, call, route, collection, item_path, body, create_headers, creds):
    """A record's whole number that bounds how many users may act on it (`seats`, `max_members`): the record made with
    1 and with 2, the first user acts, then a second user; kept when the second user's answer differs."""
    token = pick_token(creds, route["role"], route["auth"])
    other = same_role_other_token(creds, token) if token else None
    if other is None:
        return []
    found = []
    for name in [k for k, v in body.items() if type(v) is int][:2]:
        answers = []
        for value in (1, 2):
            c = client()
            made = dict(vary(body, "cap"), **{name: value})
            status, created = call(c, "POST", collection, made, create_headers)
            key = id_key(item_path, created)
            if not 200 <= status < 300 or key is None:
                break
            path = fill_item(route["path"], created[key])
            first, _ = call(c, "POST", path, None, auth_headers(route["auth"], token))
            second, _ = call(c, "POST", path, None, auth_headers(route["auth"], other))
            answers.append({"body": made, "first": first, "second": second})
        if len(answers) == 2 and all(200 <= a["first"] < 300 for a in answers) and \
                answers[0]["second"] != answers[1]["second"]:
            found.append({"field": name, "values": [1, 2], "answers": answers, "id_field": key, "other": other})
    return found


def number_edges(client, call, route, collection, item_path, body, create_headers, headers, payload):
    """An action's whole-number fields tried at each number of a new record, negated and one past (`delta` of -2 and
    -3 on a record holding 2): adjacent values the action answers differently, each on its own new record."""
    if not payload:
        return []
    edges: list[Any] = []
    for name in [k for k, v in payload.items() if type(v) is int][:2]:
        c = client()
        _, created = call(c, "POST", collection, vary(body, "num"), create_headers)
        key = id_key(item_path, created)
        if key is None:
            return []
        values = sorted({w for v in created.values() if type(v) is int and 0 < v < MAX_LIMIT and v != created[key]
                         for w in (-v - 1, -v, v, v + 1)})
        seen = {}
        for n, value in enumerate(values[:8]):
            made = vary(body, f"num{n}")
            status, record = call(c, "POST", collection, made, create_headers)
            if not 200 <= status < 300 or key not in (record or {}):
                return edges
            status, _ = call(c, "POST", fill_item(route["path"], record[key]), dict(payload, **{name: value}),
                             headers)
            seen[value] = {"status": status, "body": made}
        for low, high in itertools.pairwise(values):
            if high == low + 1 and low in seen and high in seen and (200 <= seen[low]["status"] < 300) != (
                    200 <= seen[high]["status"] < 300):
                edges.append({"field": name, "values": [low, high], "answers": [seen[low], seen[high]],
                              "id_field": key})
    return edges[:3]


def volatile_free(record, before, key):
    """The fields of `record` that differ from `before` (minus the id and timestamps): what a step changed."""
    if not isinstance(record, dict) or not isinstance(before, dict):
        return {}
    return {k: v for k, v in record.items() if k != key and before.get(k) != v and type(v) in (int, str, bool,
            float, type(None)) and not stamped(v)}


def item_param(routes, collection):
    """The placeholder of the item route under `collection` (`/items/{sku}` -> `sku`)."""
    for r in routes:
        match = re.fullmatch(re.escape(collection.rstrip("/")) + r"/\{(\w+)\}", r["path"])
        if match:
            return match.group(1)
    return "id"


def filter_probes(builder, client, call, route, routes, creates):
    """A listing's yes/no query parameters (`?done=true`, `?low_stock=true`) over records made to differ: the base
    record, one updated to set the parameter's own field, and records whose first two numbers sit one below, at
    and one above each other (`quantity` vs `reorder_level`). Which of them each value lists, when the values
    list different records."""
    skip = re.compile(PAGE_OFFSET.pattern + "|" + PAGE_LIMIT.pattern + "|" + PAGE_NUMBER.pattern)
    collection = route["path"] if route["path"] in creates else route["path"].rstrip("/")
    if collection not in creates:
        return None
    body, headers, _ = creates[collection]
    params = [p for p in route["params"] if p.get("location") == "query" and not skip.match(p["name"].lower())
              and (p.get("type") == "boolean" or (p.get("type") == "string" and (p["name"] not in body or
                                                                              isinstance(body[p["name"]], bool))))]
    if not params or not builder.fresh():
        return None
    key = item_param(routes, collection)
    update = next((r for r in routes if r["method"] in ("PATCH", "PUT") and r["path"] == collection.rstrip("/")
                   + "/{" + key + "}"), None)
    numbers = [k for k, v in body.items() if type(v) is int][:2]
    c = client()
    made = []
    variants: list[tuple[str, dict[str, Any], dict[str, Any] | None]] = [("base", dict(body), None)]
    for p in params:
        if update and any(f["name"] == p["name"] and f["type"] == "boolean" for f in update["body"]):
            variants.append((f"{p['name']} set", dict(body), {p["name"]: True}))
    if len(numbers) == 2:
        a, b = numbers
        for step, word in ((-1, "below"), (0, "at"), (1, "above")):
            variants.append((f"{a} {word} {b}", dict(body, **{a: body[b] + 3 + step, b: body[b] + 3}), None))
    for n, (label, one, change) in enumerate(variants):
        one = vary(one, f"q{n}")
        status, created = call(c, "POST", collection, one, headers)
        field = id_key(collection.rstrip("/") + "/{" + key + "}", created)
        ident = created.get(field) if field else None
        if not 200 <= status < 300 or ident is None:
            return None
        if change and update is not None:
            status, _ = call(c, update["method"], fill_item(update["path"], ident),
                             change if update["method"] == "PATCH" else dict(one, **change), headers)
            if not 200 <= status < 300:
                return None
        made.append({"label": label, "body": one, "change": change, "id": ident})
    ids, key = [m["id"] for m in made], field
    out = []
    for p in params:
        answers = []
        for value in ("true", "false"):
            status, data = call(c, "GET", f"{route['path']}?{p['name']}={value}", None, headers)
            items, items_key = listed(data)
            if status != 200 or items is None:
                break
            answers.append({"value": value, "items_key": items_key,
                            "positions": [ids.index(i.get(key)) for i in items if isinstance(i, dict)
                                          and i.get(key) in ids]})
        if len(answers) == 2 and answers[0]["positions"] != answers[1]["positions"]:
            out.append({"param": p["name"], "answers": answers})
    return {"collection": collection, "id_field": key, "made": made, "update": update and {
        "method": update["method"], "path": update["path"]}, "queries": out} if out else None


SORT_PARAM = re.compile(r"sort|sort_?by|order_?by|ordering|order")
DIRECTION_PARAM = re.compile(r"dir|direction|order|sort_?dir|sort_?order")
ORDERINGS = ((2, 0, 1), (1, 2, 0), (0, 2, 1))
"""Offsets given to the three records' numbers and texts, field by field: each field lists them in another order."""


def sort_probes(builder, client, call, route, routes, creates):
    """A listing's sort parameter (`?sort=price`, with `?order=desc` beside it) over three records whose numbers and
    texts sit in different orders: the order each value (and direction) lists them in, and what a value the app
    does not know answers. Kept when the values list the records in different orders."""
    collection = route["path"] if route["path"] in creates else route["path"].rstrip("/")
    if collection not in creates:
        return None
    body, headers, _ = creates[collection]
    query = [p for p in route["params"] if p.get("location") == "query" and p.get("type", "string") == "string"]
    sort = next((p for p in query if SORT_PARAM.fullmatch(p["name"].lower())), None)
    values = [v for v in (sort.get("enum") or []) if isinstance(v, str)][:6] if sort else []
    if sort is None or not values or not builder.fresh():
        return None
    direction = next((p for p in query if p is not sort and DIRECTION_PARAM.fullmatch(p["name"].lower())), None)
    directions = [v for v in direction.get("enum") or ["asc", "desc"] if isinstance(v, str)][:2] if direction \
        else [None]
    keys = [k for k, v in body.items() if (type(v) in (int, float) or (isinstance(v, str) and vary(
        {k: v}, "x")[k] == f"{v}-x")) and not k.lower().endswith("_id")]
    if not keys:
        return None
    c = client()
    made = []
    for n in range(3):
        one = dict(body)
        for index, key in enumerate(keys):
            step = ORDERINGS[index % len(ORDERINGS)][n]
            one[key] = round(body[key] + step, 6) if type(body[key]) in (int, float) else "abc"[step] + "-" + body[key]
        one = vary(one, f"s{n}")
        status, created = call(c, "POST", collection, one, headers)
        field = id_key(collection.rstrip("/") + "/{" + item_param(routes, collection) + "}", created)
        if not 200 <= status < 300 or field is None or created.get(field) is None:
            return None
        made.append({"label": ", ".join(f"{k} {one[k]}" for k in keys), "body": one, "id": created[field]})
    ids = [m["id"] for m in made]

    def listing(params):
        status, data = call(c, "GET", route["path"] + ("?" + urllib.parse.urlencode(params) if params else ""), None,
                            headers)
        items, items_key = listed(data)
        positions = [ids.index(i.get(field)) for i in items if isinstance(i, dict) and i.get(field) in ids] \
            if status == 200 and items is not None else None
        return {"params": params, "status": status, "items_key": items_key, "positions": positions}

    answers = [listing({sort["name"]: value, **({direction["name"]: way} if direction else {})})
               for value in values for way in directions]
    orders = {tuple(a["positions"]) for a in answers if a["positions"] is not None}
    if len(orders) < 2:
        return None
    return {"collection": collection, "id_field": field, "made": made, "param": sort["name"], "answers": answers,
            "unknown": listing({sort["name"]: "assay-unknown"})}


def created_with(creates, param):
    """A create whose answer holds a field named like the placeholder `param` (`/{code}` <- POST /links)."""
    for path, (body, headers, data) in creates.items():
        if isinstance(data, dict) and param in data and data[param] not in (None, ""):
            return path, body, headers
    return None


def follow_probes(client, call, routes, creates, creds):
    """Item GET routes no create sits under (`GET /{code}` beside `POST /links`): on a record made by the create
    whose answer names the placeholder, what following it answers (status, `Location`), what it changes on the
    record's other readers (counters read back), and what an unknown value answers."""
    for route in routes:
        params = re.findall(r"\{(\w+)\}", route["path"])
        observed = route.get("observed") or {}
        if route["method"] != "GET" or len(params) != 1 or observed.get("ok") or route["auth"]:
            continue
        found = created_with(creates, params[0])
        if found is None:
            continue
        collection, body, headers = found
        c = client()
        made = vary(body, "f")
        status, data = call(c, "POST", collection, made, headers)
        if not 200 <= status < 300 or not isinstance(data, dict) or params[0] not in data:
            continue
        value = data[params[0]]
        readers = [r for r in routes if r is not route and r["method"] == "GET" and
                   re.fullmatch(r"[^{]*\{" + params[0] + r"\}", r["path"])]

        def read(reader, c=c, value=value):
            token = pick_token(creds, reader["role"], reader["auth"]) if reader["auth"] else None
            _, got = call(c, "GET", fill_item(reader["path"], value), None, auth_headers(reader["auth"], token))
            return (got if isinstance(got, dict) else {}), token

        before = [read(r) for r in readers]
        url = fill_item(route["path"], value)
        resp = c.request("GET", url, follow_redirects=False) if hasattr(c, "request") else c.open(url, method="GET")
        follow = {"collection": collection, "body": made, "param": params[0], "status": resp.status_code,
                  "location": resp.headers.get("Location") if 300 <= resp.status_code < 400 else None,
                  "effects": []}
        for reader, (old, token) in zip(readers, before, strict=True):
            new, _ = read(reader)
            for key, was in old.items():
                if type(was) is int and type(new.get(key)) is int and new[key] != was:
                    follow["effects"].append({"path": reader["path"], "token": token, "field": key,
                                              "delta": new[key] - was})
        unknown, _ = call(client(), "GET", fill_path(route["path"], "unknown-0"), None, {})
        follow["unknown_status"] = unknown
        observed["follow"] = follow
        route["observed"] = observed


def form_length_edges(route, body, user_client):
    """`length_edges` for a form post (signed in when the route needs it): answers are status and redirect."""
    limits = route.get("limits") or []
    edges = []

    def send(name, text, c=None):
        status, location, _ = form_call(c or user_client(route), "POST", route["path"], dict(body, **{name: text}),
                                        route["body_kind"])
        # a form re-rendered with an error is 200: the kind of answer is its status and redirect
        return {"status": status, "location": location}, (status, location), dict(body, **{name: text})

    def replay(name, short, long):
        c = user_client(route)
        return send(name, short, c), send(name, long, c)

    for f in route["body"]:
        if isinstance(body.get(f["name"]), str) and "@" not in body[f["name"]]:
            edges += length_edges(send, replay, f["name"], limits[:3])
    numbers = sorted({n for limit in (route.get("number_limits") or [])[:4] for n in (limit - 1, limit, limit + 1)
                      if n >= 0})
    for f in route["body"]:  # a number typed in a field (`rating`: `1 <= rating <= 5`): both sides of each limit
        if not (isinstance(body.get(f["name"]), str) and body[f["name"]].isdigit()) or not numbers:
            continue
        seen = {n: send(f["name"], str(n))[1] for n in numbers}
        for n in numbers:
            if n + 1 not in seen or seen[n] == seen[n + 1] or seen[n][0] >= 500 or seen[n + 1][0] >= 500:
                continue
            (low, low_kind, low_body), (high, high_kind, high_body) = replay(f["name"], str(n), str(n + 1))
            if low_kind == seen[n] and high_kind == seen[n + 1]:
                edges.append({"field": f["name"], "values": [n, n + 1], "answers": [low, high],
                              "bodies": [low_body, high_body]})
    return edges[:8]


def form_listing_probes(route, result, user_client, flow, routes):
    """After a form create that the listing page shows: what that page shows another signed-in user, and which
    page of a paginated listing (`?page=1`, `?page=2`) shows the new record."""
    ok = result["ok"]
    page = ok["page"]
    fields = [k for k in ok.get("shows", []) if isinstance(ok["body"][k], str) and len(ok["body"][k]) >= 4
              and not re.match(r"\d{4}-\d\d-\d\d", ok["body"][k])]  # a date with a tag is no date
    if not fields:
        return
    body = dict(ok["body"], **{k: ok["body"][k] + "-mine" for k in fields})
    if route["auth"] and result["session"]:
        c = user_client(route)
        status, location, _ = form_call(c, route["method"], route["path"], body, route["body_kind"])
        if not succeeded(status, location):
            return  # the tagged record was not made: nothing to look for
        flow.switch(c, "bob")
        status, _, text = form_call(c, "GET", page)
        hidden = [k for k in fields if body[k] not in text]
        if status == 200 and hidden:
            result["other_listing"] = {"body": body, "page": page, "hidden": hidden}
    c = user_client(route)
    with contextlib.suppress(Exception):
        result["order"] = listing_order(
            lambda sent: succeeded(*form_call(c, route["method"], route["path"], sent, route["body_kind"])[:2]),
            lambda: form_call(c, "GET", page)[2], ok["body"])
    listing = next((r for r in routes if r["method"] == "GET" and r["path"] == page), None)
    number = next((p["name"] for p in (listing or {}).get("params", []) if p.get("location") == "query"
                   and PAGE_NUMBER.match(p["name"].lower())), None)
    if number is None:
        return
    c = user_client(route)
    status, location, _ = form_call(c, route["method"], route["path"], body, route["body_kind"])
    if not succeeded(status, location):
        return
    pages = []
    for value in (1, 2):
        status, _, text = form_call(c, "GET", f"{page}?{number}={value}")
        pages.append({"value": value, "status": status, "shows": [k for k in fields if body[k] in text]})
    result["pages"] = {"body": body, "page": page, "param": number, "answers": pages}


ORDER_KINDS = {"text": (2, 0, 1), "moment": (1, 2, 0), "number": (0, 2, 1)}
"""Each kind of field steps the three records in its own order, so a listing's order tells which kind it sorts by;
every field of a kind takes the same step, so a start stays before its end."""


def order_kind(value):
    if type(value) in (int, float):
        return "number"
    if isinstance(value, str) and re.fullmatch(MOMENT, value):
        return "moment"
    if isinstance(value, str) and vary({"v": value}, "x")["v"] == f"{value}-x" and not value.isdigit():
        return "text"
    return None


def listing_order(post, read, body):
    """Three records whose texts, dates and numbers sit in different orders, made one after the other with
    `post(body) -> True when it went through`, and the order the listing `read() -> text` shows them in, told by
    each one's own text. Kept when that is not the order they were made in, reads the same twice, and is either the
    order of one kind of field or newest first: {"made": [bodies], "markers": [texts], "order": [indexes, first
    listed first], "by": {"kind", "fields", "descending"} | None}."""
    kinds = {k: order_kind(v) for k, v in body.items() if not k.lower().endswith("_id")}
    texts = [k for k, kind in kinds.items() if kind == "text"]
    if not texts:
        return None
    made: list[dict[str, Any]] = []
    for attempt, stepped in enumerate(({"number", "moment", "text"}, {"moment", "text"})):
        made = []  # numbers stepped past a bound the app checks (`le=3`): again with the numbers as sent
        for n in range(3):
            one = vary(body, f"o{attempt}{n}")  # unique where it must be (a name, an address), then stepped
            for key, kind in kinds.items():
                step = ORDER_KINDS[kind][n] if kind in stepped else 0
                if kind == "number":
                    one[key] = round(body[key] + step, 6) if step else body[key]
                elif kind == "moment":  # the same day for every kind of field, not one `vary` shifted
                    one[key] = later_by(body[key], step) if step else body[key]
                elif kind == "text":
                    one[key] = "abc"[step] + "-" + one[key]
            if not post(one):
                break
            made.append(one)
        if len(made) == 3:
            break
    if len(made) < 3:
        return None
    markers = [m[texts[0]] for m in made]
    orders = []
    for _ in range(2):
        text = read()
        if any(text.count(marker) != 1 for marker in markers):
            return None
        places = [text.index(marker) for marker in markers]
        orders.append(sorted(range(3), key=places.__getitem__))
    if orders[0] != orders[1] or orders[0] == [0, 1, 2]:
        return None
    by = None
    for kind, steps in ORDER_KINDS.items():
        fields = [k for k, v in kinds.items() if v == kind]
        ascending = sorted(range(3), key=steps.__getitem__)
        if fields and orders[0] in (ascending, ascending[::-1]):
            by = {"kind": kind, "fields": fields, "descending": orders[0] != ascending}
    if by is None and orders[0] != [2, 1, 0]:
        return None  # an order none of the sent values explains (ties on a time to the second): not pinned
    return {"made": made, "markers": markers, "order": orders[0], "by": by}


def api_listing_order(client, call, route, creates, headers):
    """`listing_order` for a JSON listing whose own collection makes its records (`GET /items` beside `POST
    /items`): the records made as its create was, the listing read as the tests read it."""
    collection = route["path"] if route["path"] in creates else route["path"].rstrip("/")
    if collection not in creates:
        return None
    body, create_headers, _ = creates[collection]
    c = client()
    order = listing_order(lambda one: 200 <= call(c, "POST", collection, one, create_headers)[0] < 300,
                          lambda: json.dumps(call(c, "GET", route["path"], None, headers)[1]), body)
    return order and dict(order, collection=collection)


def factory_refusals(builder, env):
    """A factory given its keys as arguments: left without each one (and without the environment settings the repo
    reads), the built-in exception it refuses to start with. Pinned so a factory that starts half-configured
    fails a test."""
    if builder.spec["kind"] != "factory":
        return []

    saved_secrets, saved_env = list(FACTORY_SECRETS), {k: os.environ.get(k) for k in env}
    out = []
    try:
        for k in env:
            os.environ.pop(k, None)
        kwargs, _ = factory_call(builder.target, os.path.join(WORK, "refusal.db"))
        secrets = [name for name in kwargs if secret_setting(name)]
        for name in secrets:
            try:
                builder.target(**{k: v for k, v in kwargs.items() if k != name})
            except Exception as exc:
                if getattr(builtins, type(exc).__name__, None) is type(exc):
                    out.append({"param": name, "raises": type(exc).__name__})
    finally:
        FACTORY_SECRETS[:] = saved_secrets
        for k, v in saved_env.items():
            if v is not None:
                os.environ[k] = v
    return out


PASSWORD_HASHERS = {("werkzeug.security", "generate_password_hash")}


def fast_password_hashing():
    """Point the repo's password hashing (werkzeug's `generate_password_hash`, imported into an app module) at one
    round of pbkdf2, whatever method the app names (a setting may ask for scrypt), as a maintainer's test settings
    would: the same check at login, without the cost of a slow hash in every signed-in test. Returns the module
    attributes it replaced."""
    replaced = []
    for name, module in list(repo_modules()):
        for attr, value in sorted(vars(module).items()):
            if type(value) is type(fast_password_hashing) and (value.__module__, value.__name__) in PASSWORD_HASHERS:
                original = value

                def fast(password, method=None, salt_length=16, _hash=original):
                    return _hash(password, method="pbkdf2:sha256:1", salt_length=salt_length)
                setattr(module, attr, fast)
                replaced.append({"module": name, "attr": attr, "kind": "werkzeug"})
    return replaced + fast_pbkdf2()


def fast_pbkdf2():
    """The same for code that calls `hashlib.pbkdf2_hmac` itself: one iteration, so hashing and checking a
    password still agree. Returns where it was replaced (`hashlib` itself, or a module's own imported name)."""
    import hashlib

    original = hashlib.pbkdf2_hmac

    def fast(hash_name, password, salt, iterations, dklen=None):
        return original(hash_name, password, salt, 1, dklen)

    replaced: list[dict[str, str]] = []
    for name, module in list(repo_modules()):
        if vars(module).get("hashlib") is hashlib and "pbkdf2_hmac(" in read_source(module) and not any(
                r["module"] == "hashlib" for r in replaced):
            hashlib.pbkdf2_hmac = fast
            replaced.append({"module": "hashlib", "attr": "pbkdf2_hmac", "kind": "pbkdf2"})
        if vars(module).get("pbkdf2_hmac") is original:
            module.pbkdf2_hmac = fast
            replaced.append({"module": name, "attr": "pbkdf2_hmac", "kind": "pbkdf2"})
    return replaced


def read_source(module):
    import inspect

    try:
        return inspect.getsource(module)
    except (OSError, TypeError):
        return ""

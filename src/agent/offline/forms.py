"""Tests for Flask apps that speak HTML forms and sessions: the app's own register/login flow, form posts that
redirect, effects read back through the pages, and a second user for ownership.

Every case here pins what the discovery saw on the current code (`observed`), except the owner and unknown-id
checks, which are rules kept only when the discovery saw the app answer them as the rule says.
"""

from __future__ import annotations

import re
from typing import Any

from agent.offline.generate import Case, braces, order_case, pair_cases, py, route_slug, slug

_ITEM = re.compile(r"\{[^}]+\}")


def other_keys(pages: dict[str, Any]) -> list[str]:
    """The fields of the created record that some page showed (the ones a page can be told by)."""
    return [k for k in pages["body"] if any(k in a["shows"] for a in pages["answers"])]


def _choices(first: dict[str, Any], second: dict[str, Any]) -> str:
    """`size` 1 instead of 2: what changed between two bodies, in words."""
    return ", ".join(f"`{k}` {py(second[k])} instead of {py(first[k])}" for k in second if first.get(k) != second[k])


def _send(kind: str) -> str:
    return "data" if kind == "form" else "json"


class FormPlan:
    """Cases for a form-and-session Flask app, from the probe's observations."""

    def __init__(self, inventory: dict[str, Any], targets: list[dict[str, Any]]) -> None:
        self.session: dict[str, Any] | None = inventory.get("session")
        self.routes: list[dict[str, Any]] = inventory["routes"]
        self.targets = targets
        self.gaps: list[tuple[str, str]] = []

    # ------------------------------------------------------------------ header

    def header_block(self) -> str:
        """The `location` helper, and with a session flow the test users and the `log_in` helper that goes
        through the app's own forms."""
        block = ("\n\ndef location(resp):\n"
                 '    """The path a redirect points to."""\n'
                 '    return urlsplit(resp.headers.get("Location", "")).path\n')
        flow = self.session
        if not flow:
            return block
        users = flow["users"]
        login_fields = ", ".join(py(f) for f in flow["login_fields"])
        maker = flow.get("maker")
        register = "make_user(client, user)" if maker else \
            f'client.post({py(flow["register"])}, {_send(flow["register_kind"])}=user)'
        origin = f"Make `user` with the app's own `flask {maker}` command" if maker else \
            f'Register `user` through POST {flow["register"]}'
        login = (f'client.post({py(flow["login"])}, {_send(flow["login_kind"])}='
                 f"{{key: user[key] for key in ({login_fields},)}})")
        roles = flow.get("roles") or {}
        constants = "".join(f"{slug(role).upper()} = {py(how['user'])}\n"
                            f"{slug(role).upper()}_COMMAND = {py(how['command'])}  # the app's own CLI gives the role\n"
                            for role, how in roles.items())
        head = f"\nUSER = {py(users['alice'])}\nOTHER_USER = {py(users['bob'])}\n{constants}" + block + "\n\n"
        if maker:  # no route signs users up: each test user holds the arguments that make it
            head += ("def make_user(client, user):\n"
                     f'    """Make `user` with the app\'s own `flask {maker}` command, as its maintainers make users '
                     '(no route signs them up)."""\n'
                     "    with client.application.app_context():  # as `flask` runs it\n"
                     '        result = client.application.test_cli_runner().invoke(args=user["command"])\n'
                     "    assert result.exit_code == 0, result.output\n\n\n")
        if not roles:
            return (head + "def log_in(client, user):\n"
                    f'    """{origin}, then log in through POST {flow["login"]}."""\n'
                    f"    {register}\n"
                    f"    return {login}\n")
        return (head + "def log_in(client, user, command=None, made_by_command=False):\n"
                f'    """{origin} (unless the app\'s CLI `command` makes it), '
                f'run `command` (it gives the role), then log in through POST {flow["login"]}."""\n'
                "    if not made_by_command:\n"
                f"        {register}\n"
                "    if command is not None:\n"
                "        with client.application.app_context():  # as `flask` runs it\n"
                "            result = client.application.test_cli_runner().invoke(args=command)\n"
                "        assert result.exit_code == 0, result.output\n"
                f"    return {login}\n")

    def login_lines(self, route: dict[str, Any]) -> list[str]:
        """Log in as the user `route` needs: one of its role when the app's CLI gives it, else the first user."""
        role = str(route.get("role"))
        roles = (self.session or {}).get("roles") or {}
        if role in roles:
            name = slug(role).upper()
            made = "" if roles[role]["promote"] else ", made_by_command=True"
            return [f"log_in(client, {name}, {name}_COMMAND{made})"]
        return ["log_in(client, USER)"]

    def switch_lines(self) -> list[str]:
        """Log the first user out (when the app has a logout route) and the other user in."""
        logout = (self.session or {}).get("logout")
        out = [f"client.{logout['method'].lower()}({py(logout['path'])})"] if logout else []
        return [*out, "log_in(client, OTHER_USER)"]

    # ------------------------------------------------------------------ cases

    def build(self) -> list[Case]:
        cases = self.flow_cases() if self.session else []
        for role, how in ((self.session or {}).get("roles") or {}).items():
            refused = how.get("refused")
            if not refused:
                continue
            label = f"{refused['method']} {refused['path']}"
            sent = f", {_send(refused['kind'])}={py(refused['body'])}" if refused.get("body") else ""
            finding = f"{braces(label)} answered {{resp.status_code}} to a user without the {role} role"
            cases.append(Case(f"test_{refused['method'].lower()}_{route_slug(refused['path'])}_is_forbidden_without_"
                              f"the_{slug(role)}_role", f"{label} refuses a signed-in user without the {role} role "
                              f"({refused['status']}).", "forbidden",
                              ["log_in(client, USER)", f"resp = client.{refused['method'].lower()}("
                               f"{py(refused['path'])}{sent})",
                               f'assert resp.status_code == {refused["status"]}, f"{finding}"'],
                              kind="rule", finding=f"{label} let a user without the {role} role through"))
        for route in self.targets:
            observed = route.get("observed") or {}
            label = f"{route['method']} {route['path']}"
            if observed.get("flow"):
                continue
            if observed.get("error"):
                self.gaps.append((f"{label}: not tested", f"discovery could not exercise it ({observed['error']})"))
                continue
            if route["auth"] and not self.session:
                self.gaps.append((f"{label}: only the anonymous case is tested",
                                  "no register and login forms were found to sign a test user in"))
            cases += self.route_cases(route, observed, label)
        return cases

    def flow_cases(self) -> list[Case]:
        flow = self.session or {}
        reg, login = flow["register"], flow["login"]
        out = self.register_cases() if reg else []
        make = "make_user(client, USER)" if flow.get("maker") else \
            f"client.post({py(reg)}, {_send(flow['register_kind'])}=USER)"
        protected = flow.get("protected")
        logged_in = flow.get("logged_in")
        if protected and logged_in:
            ok, who = flow["login_ok"], "made" if flow.get("maker") else "registered"
            out.append(Case("test_log_in_opens_the_pages_behind_login",
                            f"POST {login} with the {who} user answers {ok['status']}; then GET {protected} "
                            f"answers {logged_in['status']}.", "success",
                            ["resp = log_in(client, USER)",
                             f"assert resp.status_code == {ok['status']}",
                             f"assert location(resp) == {py(ok['location'])}",
                             f"assert client.get({py(protected)}).status_code == {logged_in['status']}"]))
        for key, doc in (("wrong_password", "a wrong password"), ("unknown_user", "an unknown user name")):
            seen = flow.get(key)
            if not seen:
                continue
            lines = [make,
                     f"resp = client.post({py(login)}, {_send(flow['login_kind'])}={{key: USER[key] for key in "
                     f"({', '.join(py(f) for f in flow['login_fields'])},)}} | {{{py(seen['field'])}: "
                     f"{py(seen['value'])}}})",
                     f"assert resp.status_code == {seen['status']}"]
            lines += [f"assert {py(m)} in resp.get_data(as_text=True)" for m in seen["messages"]]
            if protected and seen.get("after"):
                lines.append(f"assert client.get({py(protected)}).status_code == {seen['after']['status']}")
            out.append(Case(f"test_log_in_with_{key}_is_refused", f"POST {login} with {doc} answers "
                            f"{seen['status']} and opens no session.", "unauthorized", lines))
        for key in ("forged", "missing"):  # the form's hidden token: one its page never held, and none at all
            seen = flow.get(key)
            if not seen:
                continue
            user = f"{{key: USER[key] for key in ({', '.join(py(f) for f in flow['login_fields'])},)}}"
            poster = "client" if key == "forged" else "plain"
            lines = [make,
                     *([] if key == "forged" else ["plain = FlaskClient(client.application, client.response_wrapper)"
                                                   "  # adds no token"]),
                     f"resp = {poster}.post({py(login)}, {_send(flow['login_kind'])}={user}" + (
                         f" | {{{py(seen['field'])}: \"not-the-token\"}})" if key == "forged" else ")"),
                     f"assert resp.status_code == {seen['status']}"]
            if protected and seen.get("after"):
                lines.append(f"assert {poster}.get({py(protected)}).status_code == {seen['after']['status']}")
            what = f"a `{seen['field']}` its form never held" if key == "forged" else f"no `{seen['field']}`"
            out.append(Case(f"test_log_in_with_{'a_forged' if key == 'forged' else 'no'}_{slug(seen['field'])}"
                            "_is_refused", f"POST {login} with {what} answers {seen['status']} and opens no session.",
                            "unauthorized", lines))
        logout, after = flow.get("logout"), flow.get("logged_out")
        if logout and after and protected and logged_in and after != logged_in:
            out.append(Case("test_log_out_ends_the_session",
                            f"After {logout['method']} {logout['path']}, GET {protected} answers {after['status']} "
                            "again.", "unauthorized",
                            ["log_in(client, USER)",
                             f"client.{logout['method'].lower()}({py(logout['path'])})",
                             f"resp = client.get({py(protected)})",
                             f"assert resp.status_code == {after['status']}",
                             f"assert location(resp) == {py(after['location'])}"]))
        return out

    def register_cases(self) -> list[Case]:
        """Signing up through the register form: a new user, the same one twice, a required field left empty."""
        flow = self.session or {}
        reg = flow["register"]
        send_reg = _send(flow["register_kind"])
        out: list[Case] = []
        ok = flow["register_ok"]
        out.append(Case("test_register_with_new_user", f"POST {reg} with a new user answers {ok['status']}"
                        + (f" and redirects to {ok['location']}." if ok["location"] else "."), "success",
                        [f"resp = client.post({py(reg)}, {send_reg}=USER)",
                         f"assert resp.status_code == {ok['status']}",
                         f"assert location(resp) == {py(ok['location'])}"]))
        twice = flow.get("register_twice")
        if twice:
            lines = [f"client.post({py(reg)}, {send_reg}=USER)",
                     f"resp = client.post({py(reg)}, {send_reg}=USER)",
                     f"assert resp.status_code == {twice['status']}"]
            lines += [f"assert {py(m)} in resp.get_data(as_text=True)" for m in twice["messages"]]
            out.append(Case("test_register_twice_is_refused", f"POST {reg} with a user name already taken answers "
                            f"{twice['status']}" + (" and says so." if twice["messages"] else "."),
                            "invalid_input", lines))
        for field, seen in flow.get("register_empty", {}).items():
            lines = [f"resp = client.post({py(reg)}, {send_reg}={{**OTHER_USER, {py(field)}: \"\"}})",
                     f"assert resp.status_code == {seen['status']}",
                     f"assert location(resp) == {py(seen['location'])}"]
            lines += [f"assert {py(m)} in resp.get_data(as_text=True)" for m in seen["messages"]]
            out.append(Case(f"test_register_without_{slug(field)}_is_refused",
                            f"POST {reg} with an empty `{field}` is refused with {seen['status']}.", "invalid_input",
                            lines))
        out += self.length_edge_cases("register", reg, flow["register_kind"], "OTHER_USER",
                                      flow.get("length_edges") or [], [])
        return out

    def route_cases(self, route: dict[str, Any], observed: dict[str, Any], label: str) -> list[Case]:
        method, path = route["method"], route["path"]
        name = f"{method.lower()}_{route_slug(path)}" if path != "/" else f"{method.lower()}_index"
        login = self.login_lines(route) if observed.get("session") else []
        ok = observed.get("ok")
        cases: list[Case] = []
        kind = _send(route.get("body_kind", "form"))
        if ok and "{" not in path and method == "GET":
            cases.append(Case(f"test_{name}_answers", f"{label} answers {ok['status']}.", "success",
                              [*login, f"resp = client.get({py(path)})", f"assert resp.status_code == {ok['status']}",
                               f"assert location(resp) == {py(ok['location'])}"]))
        elif ok and "{" not in path:
            lines = [*login, f"resp = client.{method.lower()}({py(path)}, {kind}={py(ok['body'])})",
                     f"assert resp.status_code == {ok['status']}",
                     f"assert location(resp) == {py(ok['location'])}"]
            if ok.get("shows"):
                lines.append(f"page = client.get({py(ok['page'])}).get_data(as_text=True)")
                lines += [f"assert {py(ok['body'][k])} in page" for k in ok["shows"]]
            cases.append(Case(f"test_{name}_with_a_valid_form", f"{label} with every field answers {ok['status']}"
                              + (f" and {ok['page']} then shows what was sent." if ok.get("shows") else "."),
                              "success", lines))
            cases += self.length_edge_cases(name, path, route.get("body_kind", "form"), py(ok["body"]),
                                            observed.get("length_edges") or [], login)
            cases += pair_cases(py(path), login, observed.get("pair_edges") or [], name, label, kind)
            cases += self.listing_cases(route, observed, name, login)
            for field, seen in (observed.get("empty") or {}).items():
                lines = [*login, f"resp = client.{method.lower()}({py(path)}, {kind}={py({**ok['body'], field: ''})})",
                         f"assert resp.status_code == {seen['status']}",
                         f"assert location(resp) == {py(seen['location'])}"]
                lines += [f"assert {py(m)} in resp.get_data(as_text=True)" for m in seen["messages"]]
                cases.append(Case(f"test_{name}_without_{slug(field)}_is_refused",
                                  f"{label} with an empty `{field}` answers {seen['status']} and stores nothing.",
                                  "invalid_input", lines))
        elif ok:
            cases += self.item_cases(route, observed, ok, name, label, login)
        elif "ok_failed_status" in observed:
            self.gaps.append((f"{label}: no success case", f"no valid request was found (last answer "
                              f"{observed['ok_failed_status']})"))
        if route["auth"]:
            cases.append(self.anonymous_case(route, name, label))
        return cases

    def listing_cases(self, route: dict[str, Any], observed: dict[str, Any], name: str,
                      login: list[str]) -> list[Case]:
        """The listing page after a create: hidden from another signed-in user; on page 1, not on page 2."""
        cases = []
        post = f"client.{route['method'].lower()}({py(route['path'])}, {_send(route.get('body_kind', 'form'))}="
        other = observed.get("other_listing")
        if other and self.session:
            lines = [*login, f"{post}{py(other['body'])})", *self.switch_lines(),
                     f"page = client.get({py(other['page'])}).get_data(as_text=True)"]
            lines += [f"assert {py(other['body'][k])} not in page" for k in other["hidden"]]
            cases.append(Case(f"test_{name}_is_not_listed_to_another_user",
                              f"A record created through {route['method']} {route['path']} does not appear on "
                              f"{other['page']} for another signed-in user.", "forbidden", lines))
        order = observed.get("order")
        if order:
            posts = [f"{post}{py(body)})" for body in order["made"]]
            page = observed["ok"].get("page") or route["path"]
            cases.append(order_case(f"get_{route_slug(page)}", f"GET {page}", login, posts,
                                    f"client.get({py(page)}).get_data(as_text=True)", order))
        pages = observed.get("pages")
        if pages:
            lines = [*login, f"{post}{py(pages['body'])})"]
            told = []
            for answer in pages["answers"]:
                lines += [f"resp = client.get({py(pages['page'])}, query_string={{{py(pages['param'])}: "
                          f"{answer['value']}}})",
                          f"assert resp.status_code == {answer['status']}"]
                for key in [k for k in other_keys(pages) if k in answer["shows"]]:
                    lines.append(f"assert {py(pages['body'][key])} in resp.get_data(as_text=True)")
                for key in [k for k in other_keys(pages) if k not in answer["shows"]]:
                    lines.append(f"assert {py(pages['body'][key])} not in resp.get_data(as_text=True)")
                told.append(f"{pages['param']}={answer['value']} " + ("shows it" if answer["shows"] else
                                                                       "does not show it"))
            cases.append(Case(f"test_{name}_appears_on_the_first_page_only" if [bool(a["shows"]) for a in
                              pages["answers"]] == [True, False] else f"test_{name}_pages_of_the_listing",
                              f"After one create, {pages['page']}?" + "; ?".join(told) + ".", "boundary", lines))
        return cases

    def length_edge_cases(self, name: str, path: str, body_kind: str, body: str, edges: list[dict[str, Any]],
                          login: list[str]) -> list[Case]:
        """A form field one character either side of a length the code compares it with: both answers pinned."""
        cases = []
        for edge in edges:
            field, number = edge["field"], "values" in edge  # a number typed in the field, else a text's length
            short, long = edge["values"] if number else edge["lengths"]
            lines = list(login)
            for size, answer, letter in ((short, edge["answers"][0], "a"), (long, edge["answers"][1], "b")):
                value = py(str(size)) if number else f"{py(letter)} * {size}"
                lines += [f"resp = client.post({py(path)}, {_send(body_kind)}={{**{body}, {py(field)}: {value}}})",
                          f"assert resp.status_code == {answer['status']}",
                          f"assert location(resp) == {py(answer['location'])}"]
            first, second = edge["answers"]
            unit = "" if number else " characters"
            cases.append(Case(f"test_{name}_{slug(field)}_of_{short}_and_{long}{unit.replace(' ', '_')}",
                              f"POST {path} answers {first['status']} for a `{field}` of {short}{unit} and "
                              f"{second['status']} for one of {long}: the limit the code draws.", "boundary", lines))
        return cases

    def item_cases(self, route: dict[str, Any], observed: dict[str, Any], ok: dict[str, Any], name: str,
                   label: str, login: list[str]) -> list[Case]:
        method, path = route["method"], route["path"]
        creator = next(r for r in self.routes if r["method"] == "POST" and r["path"] == ok["creator"])
        if login:  # whoever may make the record makes it and acts on it, as discovery did
            login = self.login_lines(creator if creator["auth"] else route)
        create = (f"client.post({py(ok['creator'])}, {_send(creator.get('body_kind', 'form'))}="
                  f"{py(ok['created'])})")
        url = _ITEM.sub(str(ok["item_id"]), path)
        sent = f", {_send(route.get('body_kind', 'form'))}={py(ok['body'])}" if ok.get("body") else ""
        first = "  # the fresh database's first record" if str(ok["item_id"]) == "1" else \
            "  # where the create sent the browser"
        setup = [*login, create, f"resp = client.{method.lower()}({py(url)}{sent}){first}"]
        cases: list[Case] = []
        lines = [*setup, f"assert resp.status_code == {ok['status']}", f"assert location(resp) == {py(ok['location'])}"]
        what = "answers " + str(ok["status"])
        if method == "GET" and ok.get("shows"):
            lines += [f"assert {py(ok['created'][k])} in resp.get_data(as_text=True)" for k in ok["shows"]]
            what += " and shows the record"
        elif ok.get("shows"):
            lines.append(f"page = client.get({py(ok['page'])}).get_data(as_text=True)")
            lines += [f"assert {py(ok['body'][k])} in page" for k in ok["shows"]]
            what += f"; {ok['page']} then shows the new values"
        elif ok.get("gone"):
            lines.append(f"page = client.get({py(ok['page'])}).get_data(as_text=True)")
            lines += [f"assert {py(ok['created'][k])} not in page" for k in ok["gone"]]
            what += f"; {ok['page']} no longer shows the record"
            after = ok.get("read_after")
            if after:
                lines.append(f"assert client.get({py(_ITEM.sub(str(ok['item_id']), after['path']))}).status_code == "
                             f"{after['status']}")
        changes = ok.get("changes") or {}
        if changes:  # a JSON answer: the fields the request changed on the record
            lines += [f"assert resp.get_json()[{py(k)}] {'is' if v is None or isinstance(v, bool) else '=='} "
                      f"{py(v)}" for k, v in changes.items()]
            what += " and sets " + ", ".join(f"`{k}` to {py(v)}" for k, v in changes.items())
        cases.append(Case(f"test_{name}_on_an_existing_record", f"{label} on a record just created {what}.",
                          "success" if method == "GET" else "side_effect", lines))
        for edge in observed.get("bound_edges") or []:
            low, high = edge["values"]
            lines = [*login, create]
            for value, seen in zip(edge["values"], edge["answers"], strict=True):
                data = dict(ok.get("body") or {}, **{edge["field"]: str(value)})
                lines += [f"resp = client.{method.lower()}({py(url)}, {_send(route.get('body_kind', 'form'))}="
                          f"{py(data)})", f"assert resp.status_code == {seen['status']}",
                          f"assert location(resp) == {py(seen['location'])}"]
            said = " and ".join(f"{value} answers {seen['status']}" + (f" to {seen['location']}" if seen["location"]
                                                                         else "")
                                for value, seen in zip(edge["values"], edge["answers"], strict=True))
            cases.append(Case(f"test_{name}_{slug(edge['field'])}_of_{low}_and_{high}".replace("-", "minus_"),
                              f"{label} with `{edge['field']}` {said}: the bound the form declares.", "boundary",
                              lines))
        again = observed.get("again_status")
        if again is not None:
            cases.append(Case(f"test_{name}_twice_answers_{again}", f"{label} a second time on the same record "
                              f"answers {again}.", "invalid_input",
                              [*setup, f"assert resp.status_code == {ok['status']}",
                               f"resp = client.{method.lower()}({py(url)}{sent})",
                               f"assert resp.status_code == {again}"]))
        changed = observed.get("again_other")
        if changed is not None:
            cases.append(Case(f"test_{name}_again_with_another_choice_answers_{changed['status']}",
                              f"{label} a second time on the same record, with {_choices(ok['body'], changed['body'])}"
                              f", answers {changed['status']}.", "invalid_input",
                              [*setup, f"assert resp.status_code == {ok['status']}",
                               f"resp = client.{method.lower()}({py(url)}, "
                               f"{_send(route.get('body_kind', 'form'))}={py(changed['body'])})",
                               f"assert resp.status_code == {changed['status']}"]))
        other = observed.get("other_user")
        if other and other["status"] in (403, 404):
            finding = f"{braces(label)} answered {{resp.status_code}} to another user"
            cases.append(Case(f"test_{name}_refuses_another_users_record",
                              f"{label} on a record another user created is refused (403 or 404).", "forbidden",
                              [*login, create, *self.switch_lines(),
                               f"resp = client.{method.lower()}({py(url)}{sent})",
                               f'assert resp.status_code in (403, 404), f"{finding}"'],
                              kind="rule", finding=f"{label} let one user reach another user's record"))
        if observed.get("missing_status") == 404:
            missing = _ITEM.sub("999999", path)
            finding = f"{braces(label)} answered {{resp.status_code}} for an unknown id"
            cases.append(Case(f"test_{name}_unknown_id_gives_404", f"{label} with an unknown id answers 404.",
                              "not_found", [*login, f"resp = client.{method.lower()}({py(missing)}{sent})",
                                            f'assert resp.status_code == 404, f"{finding}"'],
                              kind="rule", finding=f"{label} did not answer 404 for an unknown id"))
        return cases

    def anonymous_case(self, route: dict[str, Any], name: str, label: str) -> Case:
        url = _ITEM.sub("1", route["path"])
        finding = f"{braces(label)} answered {{resp.status_code}} without a session"
        login = (self.session or {}).get("login")
        sent_to = f"location(resp) == {py(login)}" if login else '"login" in location(resp)'
        # Any 4xx is a refusal: an app may check a form's CSRF token (400) or the record (404) before the session.
        check = (f'assert 400 <= resp.status_code < 500 or (resp.status_code in (302, 303) and {sent_to}), '
                 f'f"{finding}"')
        where = f" ({login})" if login else ""
        return Case(f"test_{name}_requires_credentials",
                    f"{label} without a session is refused or sent to log in{where}.",
                    "unauthorized", [f"resp = client.{route['method'].lower()}({py(url)})", check], kind="rule",
                    finding=f"{label} answered without a session")

"""Unit tests for classes of plain libraries: build an object, run a scenario of method calls, pin what each call
returned or raised and the object's observable state afterwards.

The probe ran every scenario on the current code; these tests pin it (`observed` cases), so a change in any return
value, exception or property shows up. Objects that take a clock get a fake one the test moves by hand.
"""

from __future__ import annotations

from typing import Any

from agent.offline.generate import Case, pinned, py, slug

CLOCK_CLASS = '''

class FakeClock:
    """A clock that moves only when the test says so."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now
'''


def _constructor(cls: dict[str, Any], scenario: dict[str, Any]) -> tuple[list[str], str]:
    """Setup lines and the constructor call for one scenario: its own arguments (by keyword) when exploration chose
    them, else the class's typical ones."""
    setup: list[str] = []
    args: list[str] = []
    if scenario.get("factory"):  # made by the module's own maker (`from_text("4/7")`)
        return setup, f"{scenario['factory']}({', '.join(f'{k}={py(v)}' for k, v in scenario['init'].items())})"
    if "init" in scenario:
        args = [f"{key}={py(value)}" for key, value in scenario["init"].items()]
        if scenario.get("clock"):
            setup.append("clock = FakeClock()")
            args.append(f"{scenario['clock']}=clock")
        return setup, f"{cls['name']}({', '.join(args)})"
    for spec in cls["specs"]:
        if spec.get("clock"):
            setup.append("clock = FakeClock()")
            args.append(f"{spec['name']}=clock")
        else:
            args.append(py(spec["value"]))
    return setup, f"{cls['name']}({', '.join(args)})"


def _raises(call: str, seen: dict[str, Any], imports: set[str]) -> list[str]:
    """`pytest.raises` around `call`, and the message when the code gave a stable one."""
    exc = seen["raises"]
    if seen.get("raises_module") not in (None, "builtins"):
        imports.add(exc)
    if "message" not in seen:
        return [f"with pytest.raises({exc}):", f"    {call}"]
    return [f"with pytest.raises({exc}) as raised:", f"    {call}",
            f"assert str(raised.value) == {py(seen['message'])}"]


def _arguments(step: dict[str, Any]) -> str:
    if "kwargs" in step:
        return ", ".join(f"{key}={py(value)}" for key, value in step["kwargs"].items())
    return ", ".join(py(a) for a in step["args"])


PROTOCOL_NAMES = {"__len__": "len", "__contains__": "in", "__iter__": "iter", "__getitem__": "getitem",
                  "__setitem__": "setitem", "__delitem__": "del", "__lt__": "<", "__eq__": "==",
                  "__sorted__": "sorted"}


def _call(step: dict[str, Any]) -> str:
    """The step's call as a test writes it: container methods through Python's syntax."""
    method = step["method"]
    values = [py(v) for v in (step["kwargs"].values() if "kwargs" in step else step["args"])]
    if method == "__len__":
        return "len(obj)"
    if method == "__contains__":
        return f"{values[0]} in obj"
    if method == "__iter__":
        return "list(obj)"
    if method == "__getitem__":
        return f"obj[{values[0]}]"
    if method == "__setitem__":
        return f"obj[{values[0]}] = {values[1]}"
    if method == "__delitem__":
        return f"del obj[{values[0]}]"
    if method == "__sorted__":  # the object among others made the same way, in the order the class gives
        others = next(iter(step["kwargs"].values())) if "kwargs" in step else step["args"][0]
        return f"sorted([obj, {', '.join(py(v) for v in others)}])"
    if method == "__lt__":
        return f"obj < {values[0]}"
    if method == "__eq__":
        return f"obj == {values[0]}"
    return f"obj.{method}({_arguments(step)})"


def _returns(call: str, step: dict[str, Any]) -> str:
    """The assertion pinning what the call answered."""
    value = step["returns"]
    if step["method"] == "__contains__" and isinstance(value, bool):
        return f"assert {call}" if value else f"assert {call.replace(' in obj', ' not in obj')}"
    if step["method"] in ("__lt__", "__eq__") and isinstance(value, bool):  # no `is True` after a comparison
        return f"assert {call}" if value else f"assert not ({call})"
    return pinned(call, value, approx=True)


def class_cases(cls: dict[str, Any]) -> tuple[list[Case], set[str], bool]:
    """Cases for one exercised class, the names the test module must import, and whether it needs the clock."""
    cases: list[Case] = []
    imports = {cls["name"], *cls.get("imports", [])}
    uses_clock = any(s.get("clock") for s in cls["specs"]) or any(s.get("clock") for s in cls["scenarios"])
    name = slug(cls["name"])
    for scenario in cls["scenarios"]:
        setup, build = _constructor(cls, scenario)
        if scenario.get("factory"):
            imports.add(scenario["factory"].split(".")[0])
        if "raises" in scenario:
            lines = [*setup, *_raises(build, scenario["raises"], imports)]
            cases.append(Case(f"test_{name}_{slug(scenario['name'])}",
                              f"{build} is refused with {scenario['raises']['raises']}.",
                              "invalid_input", lines, args=""))
            continue
        lines = [*setup, f"obj = {build}"]
        described = []
        for step in scenario["steps"]:
            if "advance" in step:
                lines.append(f"clock.now += {step['advance']!r}")
                if "method" not in step:
                    continue
            call = _call(step)
            described.append(PROTOCOL_NAMES.get(step["method"], step["method"]))
            if "raises" in step:
                lines += _raises(call, step, imports)
            elif "returns" in step:
                lines.append(_returns(call, step))
            else:
                lines.append(call)
        for attr, seen in scenario["state"].items():
            if "raises" in seen:
                continue
            lines.append(pinned(f"obj.{attr}", seen["value"], approx=True))
        what = ("a new object" if not described else
                "after " + ", then ".join(described))
        cases.append(Case(f"test_{name}_{slug(scenario['name'])}",
                          f"{cls['name']}: {what}; each call's answer and the state afterwards are as observed.",
                          "success" if not scenario["steps"] else "edge_case", lines, args=""))
    return cases, imports, uses_clock

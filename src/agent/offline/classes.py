"""Unit tests for classes of plain libraries: build an object, run a scenario of method calls, pin what each call
returned or raised and the object's observable state afterwards.

The probe ran every scenario on the current code; these tests pin it (`observed` cases), so a change in any return
value, exception or property shows up. Objects that take a clock get a fake one the test moves by hand.
"""

from __future__ import annotations

from typing import Any

from agent.offline.generate import Case, py, slug

CLOCK_CLASS = '''

class FakeClock:
    """A clock that moves only when the test says so."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now
'''


def _value(value: Any) -> str:
    if isinstance(value, float):
        return f"pytest.approx({value!r})"
    return py(value)


def _constructor(cls: dict[str, Any]) -> tuple[list[str], str]:
    """Setup lines and the constructor call for `cls`."""
    setup, args = [], []
    for spec in cls["specs"]:
        if spec.get("clock"):
            setup.append("clock = FakeClock()")
            args.append(f"{spec['name']}=clock")
        else:
            args.append(py(spec["value"]))
    return setup, f"{cls['name']}({', '.join(args)})"


def class_cases(cls: dict[str, Any]) -> tuple[list[Case], set[str], bool]:
    """Cases for one exercised class, the names the test module must import, and whether it needs the clock."""
    cases: list[Case] = []
    imports = {cls["name"]}
    uses_clock = any(s.get("clock") for s in cls["specs"])
    setup, build = _constructor(cls)
    name = slug(cls["name"])
    for scenario in cls["scenarios"]:
        lines = [*setup, f"obj = {build}"]
        described = []
        for step in scenario["steps"]:
            if "advance" in step:
                lines.append(f"clock.now += {step['advance']!r}")
            call = f"obj.{step['method']}({', '.join(py(a) for a in step['args'])})"
            described.append(step["method"])
            if "raises" in step:
                exc = step["raises"]
                if step.get("raises_module") not in (None, "builtins"):
                    imports.add(exc)
                lines += [f"with pytest.raises({exc}):", f"    {call}"]
            elif "returns" in step and (step["returns"] is None or isinstance(step["returns"], bool)):
                lines.append(f"assert {call} is {step['returns']!r}")
            elif "returns" in step:
                lines.append(f"assert {call} == {_value(step['returns'])}")
            else:
                lines.append(call)
        for attr, seen in scenario["state"].items():
            if "raises" in seen:
                continue
            value = seen["value"]
            if value is None or isinstance(value, bool):
                lines.append(f"assert obj.{attr} is {value!r}")
            else:
                lines.append(f"assert obj.{attr} == {_value(value)}")
        what = ("a new object" if not scenario["steps"] else
                "after " + ", then ".join(described))
        cases.append(Case(f"test_{name}_{slug(scenario['name'])}",
                          f"{cls['name']}: {what}; each call's answer and the state afterwards are as observed.",
                          "success" if not scenario["steps"] else "edge_case", lines, args=""))
    return cases, imports, uses_clock

import pytest

from statemachine import State, StateMachine, TransitionNotAllowed


class Traced(StateMachine):
    idle = State("Idle", initial=True)
    running = State("Running")
    done = State("Done", final=True)

    start = idle.to(running, cond="ready", unless="paused", before="prepare", on="launch", after="report")
    restart = running.to(running)
    finish = running.to(done)

    def __init__(self, **kwargs):
        self.calls = []
        super().__init__(**kwargs)

    def ready(self):
        self.calls.append("cond")
        return True

    def paused(self):
        self.calls.append("unless")
        return False

    def prepare(self):
        self.calls.append("before=")

    def before_start(self):
        self.calls.append("before_start")

    def on_exit_idle(self):
        self.calls.append(f"on_exit_idle in {self.state}")

    def launch(self):
        self.calls.append(f"on= in {self.state}")
        return "launched"

    def on_start(self):
        self.calls.append("on_start")
        return "started"

    def on_enter_running(self):
        self.calls.append(f"on_enter_running in {self.state}")

    def report(self):
        self.calls.append("after=")

    def after_start(self):
        self.calls.append(f"after_start, history {len(self.history)}")

    def on_exit_running(self):
        self.calls.append("on_exit_running")


def test_documented_order():
    machine = Traced()
    machine.start()
    assert machine.calls == [
        "cond",
        "unless",
        "before=",
        "before_start",
        "on_exit_idle in idle",
        "on= in idle",
        "on_start",
        "on_enter_running in running",
        "after=",
        "after_start, history 1",
    ]


def test_event_returns_the_last_on_result():
    assert Traced().start() == "started"


def test_event_without_on_callback_returns_none():
    machine = Traced(state="running")
    assert machine.finish() is None


def test_self_transition_runs_exit_and_enter():
    machine = Traced(state="running")
    machine.restart()
    assert machine.calls == ["on_exit_running", "on_enter_running in running"]
    assert machine.history == [("restart", "running", "running")]


def test_refused_event_runs_no_callback():
    machine = Traced()
    machine.paused = lambda: True
    with pytest.raises(TransitionNotAllowed):
        machine.start()
    assert machine.calls == ["cond"]
    assert machine.state == "idle"


def test_callback_error_before_the_change_keeps_the_state():
    class Fragile(StateMachine):
        a = State(initial=True)
        b = State()
        go = a.to(b)

        def on_exit_a(self):
            raise RuntimeError("disk full")

    machine = Fragile()
    with pytest.raises(RuntimeError):
        machine.go()
    assert machine.state == "a"
    assert machine.history == []


class Account(StateMachine):
    open = State(initial=True)
    frozen = State()

    freeze = open.to(frozen, cond="serious")
    thaw = frozen.to(open, after=lambda seen: seen.append("lambda"))

    def __init__(self):
        self.log = []
        super().__init__()

    def serious(self, reason=""):
        return bool(reason)

    def before_freeze(self, reason, by="system"):
        self.log.append(("before", reason, by))

    def on_enter_frozen(self, event, source, target):
        self.log.append(("enter", event, source.id, target.id))

    def after_freeze(self, **kwargs):
        self.log.append(("after", sorted(kwargs)))

    def after_thaw(self, seen):
        seen.append("method")


def test_callbacks_receive_only_the_kwargs_they_name():
    account = Account()
    account.freeze(reason="fraud", by="bank")
    assert account.log[:2] == [("before", "fraud", "bank"), ("enter", "freeze", "open", "frozen")]


def test_callbacks_with_var_kwargs_receive_everything():
    account = Account()
    account.freeze(reason="fraud")
    assert account.log[-1] == ("after", ["event", "reason", "source", "target"])
    assert account.log[0] == ("before", "fraud", "system")


def test_callable_callbacks_are_called_unbound_with_kwargs():
    account = Account()
    account.freeze(reason="fraud")
    seen = []
    account.thaw(seen=seen)
    assert seen == ["lambda", "method"]


def test_machine_kwargs_are_reserved():
    account = Account()
    account.freeze(reason="x", event="spoofed")
    assert account.log[1] == ("enter", "freeze", "open", "frozen")

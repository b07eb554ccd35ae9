import pytest

from statemachine import State, StateMachine, TransitionNotAllowed

from conftest import Publication


def test_event_moves_to_the_target(pub):
    pub.submit()
    assert pub.current_state is Publication.review
    pub.reject()
    assert pub.state == "draft"


def test_send_by_name(pub):
    pub.send("submit")
    assert pub.state == "review"


def test_unknown_event_name(pub):
    with pytest.raises(ValueError):
        pub.send("explode")


def test_history_records_event_source_and_target(pub):
    pub.submit()
    pub.reject()
    pub.submit()
    pub.approve(reviewer="bob")
    assert pub.history == [
        ("submit", "draft", "review"),
        ("reject", "review", "draft"),
        ("submit", "draft", "review"),
        ("approve", "review", "published"),
    ]


def test_history_is_a_copy(pub):
    pub.submit()
    pub.history.clear()
    assert pub.history == [("submit", "draft", "review")]


def test_event_without_transition_from_current_state(pub):
    with pytest.raises(TransitionNotAllowed) as info:
        pub.approve(reviewer="bob")
    assert info.value.event == "approve"
    assert info.value.state is Publication.draft
    assert str(info.value) == "Can't approve when in Draft."
    assert pub.state == "draft"
    assert pub.history == []


def test_guard_refusal_raises_and_keeps_the_state():
    pub = Publication(title="   ")
    with pytest.raises(TransitionNotAllowed) as info:
        pub.submit()
    assert info.value.event == "submit"
    assert info.value.state is Publication.draft
    assert pub.state == "draft"
    assert pub.history == []


def test_guards_receive_event_kwargs(pub):
    pub.submit()
    with pytest.raises(TransitionNotAllowed):
        pub.approve()
    with pytest.raises(TransitionNotAllowed):
        pub.approve(reviewer="ann")  # the author may not approve
    pub.approve(reviewer="bob")
    assert pub.state == "published"


def test_unless_guard_blocks_when_true():
    pub = Publication(title="t", locked=True)
    pub.submit()
    with pytest.raises(TransitionNotAllowed):
        pub.approve(reviewer="bob")
    pub.locked = False
    pub.approve(reviewer="bob")
    assert pub.state == "published"


def test_all_cond_guards_must_pass():
    class Gate(StateMachine):
        shut = State(initial=True)
        open = State()
        unlock = shut.to(open, cond=["has_key", "has_code"])

        def __init__(self, key, code):
            self.key, self.code = key, code
            super().__init__()

        def has_key(self):
            return self.key

        def has_code(self):
            return self.code

    assert not Gate(True, False).can("unlock")
    assert not Gate(False, True).can("unlock")
    assert Gate(True, True).can("unlock")


def test_first_passing_transition_wins():
    class Router(StateMachine):
        start = State(initial=True)
        fast = State()
        slow = State()
        go = start.to(fast, cond=lambda speed=0: speed > 10) | start.to(slow)

    router = Router()
    router.go(speed=50)
    assert router.state == "fast"
    router = Router()
    router.go(speed=5)
    assert router.state == "slow"


def test_final_state_refuses_every_event(pub):
    pub.submit()
    pub.approve(reviewer="bob")
    assert pub.is_terminated
    for event in Publication.events():
        with pytest.raises(TransitionNotAllowed) as info:
            pub.send(event, reviewer="bob")
        assert info.value.state is Publication.published
    assert pub.allowed_events == []


def test_from_any_leaves_every_non_final_state():
    for start in ("draft", "review"):
        pub = Publication(title="t", state=start)
        pub.withdraw()
        assert pub.state == "withdrawn"
        assert pub.is_terminated
        assert pub.history == [("withdraw", start, "withdrawn")]


def test_withdrawn_refuses_withdraw_again(pub):
    pub.withdraw()
    with pytest.raises(TransitionNotAllowed):
        pub.withdraw()


def test_from_any_does_not_leave_final_states():
    assert [t.source.id for t in Publication.withdraw.transitions] == ["draft", "review"]


def test_from_several_sources():
    class Ticket(StateMachine):
        new = State(initial=True)
        open = State()
        closed = State(final=True)
        start = new.to(open)
        close = closed.from_(new, open)

    ticket = Ticket()
    ticket.close()
    assert ticket.state == "closed"
    ticket = Ticket()
    ticket.start()
    ticket.close()
    assert ticket.history == [("start", "new", "open"), ("close", "open", "closed")]


def test_can(pub):
    assert pub.can("submit")
    assert not pub.can("approve")
    pub.submit()
    assert pub.can("approve", reviewer="bob")
    assert not pub.can("approve", reviewer="ann")
    assert not pub.can("approve")
    assert pub.state == "review"  # can() fires nothing


def test_can_respects_guards():
    assert not Publication(title="").can("submit")


def test_allowed_events(pub):
    assert pub.allowed_events == ["submit", "edit", "withdraw"]
    pub.submit()
    # approve needs a reviewer, which allowed_events does not pass
    assert pub.allowed_events == ["reject", "edit", "withdraw"]


def test_allowed_events_skip_guarded_out_events():
    assert Publication(title="").allowed_events == ["edit", "withdraw"]


def test_self_transition_stays(pub):
    pub.edit()
    assert pub.state == "draft"
    assert pub.history == [("edit", "draft", "draft")]

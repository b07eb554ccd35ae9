import pytest

from statemachine import Event, InvalidDefinition, State, StateMachine, StateMachineError, TransitionNotAllowed

from conftest import Publication


def test_states_in_declaration_order():
    assert [state.id for state in Publication.states()] == ["draft", "review", "published", "withdrawn"]
    assert Publication.draft.name == "Draft"
    assert Publication.draft.initial and not Publication.draft.final
    assert Publication.published.final


def test_state_name_defaults_to_the_attribute():
    class Light(StateMachine):
        off = State(initial=True)
        on = State()
        toggle = off.to(on) | on.to(off)

    assert Light.on.name == "on"
    assert Light.on.id == "on"


def test_events_in_declaration_order():
    assert Publication.events() == ["submit", "reject", "approve", "edit", "withdraw"]
    assert isinstance(Publication.submit, Event)
    assert Publication.submit.name == "submit"


def test_starts_in_the_initial_state(pub):
    assert pub.state == "draft"
    assert pub.current_state is Publication.draft
    assert pub.history == []
    assert not pub.is_terminated


def test_start_in_a_given_state():
    machine = Publication(title="x", state="review")
    assert machine.current_state is Publication.review
    with pytest.raises(ValueError):
        Publication(state="lost")


def test_machines_do_not_share_state():
    a, b = Publication(title="a"), Publication(title="b")
    a.submit()
    assert a.state == "review"
    assert b.state == "draft"
    assert b.history == []


def test_no_initial_state_is_invalid():
    with pytest.raises(InvalidDefinition):
        class Broken(StateMachine):
            a = State()
            b = State()
            go = a.to(b)


def test_two_initial_states_are_invalid():
    with pytest.raises(InvalidDefinition):
        class Broken(StateMachine):
            a = State(initial=True)
            b = State(initial=True)
            go = a.to(b)


def test_transition_out_of_a_final_state_is_invalid():
    with pytest.raises(InvalidDefinition):
        class Broken(StateMachine):
            a = State(initial=True)
            b = State(final=True)
            go = a.to(b)
            back = b.to(a)


def test_foreign_state_is_invalid():
    stray = State("stray")

    with pytest.raises(InvalidDefinition):
        class Broken(StateMachine):
            a = State(initial=True)
            go = a.to(stray)


def test_unknown_callback_name_is_invalid():
    with pytest.raises(InvalidDefinition):
        class Broken(StateMachine):
            a = State(initial=True)
            b = State()
            go = a.to(b, cond="no_such_method")


def test_exception_hierarchy():
    assert issubclass(InvalidDefinition, StateMachineError)
    assert issubclass(TransitionNotAllowed, StateMachineError)


def test_repr(pub):
    assert repr(pub) == "Publication(state='draft')"

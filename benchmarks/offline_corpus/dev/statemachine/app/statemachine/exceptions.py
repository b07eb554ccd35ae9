class StateMachineError(Exception):
    """Base class of the errors of this package."""


class InvalidDefinition(StateMachineError):
    """A machine class is defined wrongly (no or several initial states, a transition out of a final state, ...)."""


class TransitionNotAllowed(StateMachineError):
    """The event cannot fire in the current state (no transition from it, a guard refused, or a final state)."""

    def __init__(self, event, state):
        self.event = event
        self.state = state
        super().__init__(f"Can't {event} when in {state.name}.")

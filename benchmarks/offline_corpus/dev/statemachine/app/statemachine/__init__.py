"""Declarative finite state machines."""

from .exceptions import InvalidDefinition, StateMachineError, TransitionNotAllowed
from .machine import Event, StateMachine
from .states import State, Transition, TransitionList

__all__ = [
    "Event",
    "InvalidDefinition",
    "State",
    "StateMachine",
    "StateMachineError",
    "Transition",
    "TransitionList",
    "TransitionNotAllowed",
]

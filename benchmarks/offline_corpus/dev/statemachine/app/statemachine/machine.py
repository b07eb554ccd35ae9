"""The StateMachine base class."""

import inspect

from .exceptions import InvalidDefinition, TransitionNotAllowed
from .states import ANY, State, TransitionList


def _call(func, context):
    """Call ``func`` with the keyword arguments of ``context`` it accepts (all of them if it takes ``**kwargs``)."""
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):  # builtins without a signature
        return func(**context)
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        return func(**context)
    names = {p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
    return func(**{key: value for key, value in context.items() if key in names})


class Event:
    """An event of a machine class: ``Machine.submit`` is the Event, ``machine.submit(...)`` fires it."""

    def __init__(self, name, transitions):
        self.name = name
        self.transitions = transitions

    def __get__(self, machine, owner=None):
        if machine is None:
            return self

        def fire(**kwargs):
            return machine.send(self.name, **kwargs)

        fire.__name__ = self.name
        fire.__doc__ = f"Fire the {self.name!r} event."
        return fire

    def __repr__(self):
        return f"Event({self.name!r}, {self.transitions!r})"


class StateMachine:
    """Subclass and declare :class:`State` and transition class attributes; see the package README."""

    _states = ()
    _events = {}
    _initial = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        states = [value for value in vars(cls).values() if isinstance(value, State)]
        lists = {name: value for name, value in vars(cls).items() if isinstance(value, TransitionList)}
        if not states and not lists:
            return  # an abstract intermediate class
        initial = [state for state in states if state.initial]
        if len(initial) != 1:
            raise InvalidDefinition(f"{cls.__name__} must have exactly one initial state, has {len(initial)}")
        non_final = [state for state in states if not state.final]
        events = {}
        for name, transitions in lists.items():
            expanded = []
            for transition in transitions:
                for end in (transition.source, transition.target):
                    if end is not ANY and end not in states:
                        raise InvalidDefinition(f"{cls.__name__}.{name} uses {end!r}, not a state of this machine")
                for spec in transition.callbacks:
                    if isinstance(spec, str) and not callable(getattr(cls, spec, None)):
                        raise InvalidDefinition(f"{cls.__name__}.{name} names {spec!r}, which is no method")
                if transition.source is ANY:
                    # final states refuse every event, so from_any() leaves only the others
                    expanded.extend(transition.with_source(state) for state in non_final)
                    continue
                if transition.source.final:
                    raise InvalidDefinition(f"{cls.__name__}.{name} leaves the final state {transition.source.id}")
                expanded.append(transition)
            event = Event(name, expanded)
            events[name] = event
            setattr(cls, name, event)
        cls._states = tuple(states)
        cls._events = events
        cls._initial = initial[0]

    def __init__(self, state=None):
        if type(self)._initial is None:
            raise InvalidDefinition(f"{type(self).__name__} declares no states")
        if state is None:
            self._state = type(self)._initial
        else:
            self._state = self.get_state(state)
        self._history = []

    # --- introspection -----------------------------------------------------------------------------------------

    @classmethod
    def states(cls):
        return list(cls._states)

    @classmethod
    def events(cls):
        return list(cls._events)

    @classmethod
    def get_state(cls, state_id):
        for state in cls._states:
            if state.id == state_id:
                return state
        raise ValueError(f"{cls.__name__} has no state {state_id!r}")

    @property
    def current_state(self):
        return self._state

    @property
    def state(self):
        """The id of the current state."""
        return self._state.id

    @property
    def is_terminated(self):
        return self._state.final

    @property
    def history(self):
        """The transitions taken so far, as (event, source id, target id), oldest first."""
        return list(self._history)

    @property
    def allowed_events(self):
        """The events that can fire now without arguments, in the order the class declares them."""
        return [name for name in self._events if self.can(name)]

    def can(self, event, /, **kwargs):
        """True when ``send(event, **kwargs)`` would take a transition."""
        return self._select(self._event(event), kwargs) is not None

    # --- firing ------------------------------------------------------------------------------------------------

    def send(self, event, /, **kwargs):
        """Fire ``event`` with keyword arguments for its guards and callbacks; return the ``on`` callbacks' result."""
        transition = self._select(self._event(event), kwargs)
        if transition is None:
            raise TransitionNotAllowed(event, self._state)
        return self._execute(event, transition, kwargs)

    def _event(self, name):
        try:
            return self._events[name]
        except KeyError:
            raise ValueError(f"{type(self).__name__} has no event {name!r}") from None

    def _context(self, event, transition, kwargs):
        return {**kwargs, "event": event, "source": transition.source, "target": transition.target}

    def _select(self, event, kwargs):
        for transition in event.transitions:
            if transition.source is not self._state:
                continue
            context = self._context(event.name, transition, kwargs)
            if all(self._run(spec, context) for spec in transition.cond) and not any(
                self._run(spec, context) for spec in transition.unless
            ):
                return transition
        return None

    def _run(self, spec, context):
        func = getattr(self, spec) if isinstance(spec, str) else spec
        return _call(func, context)

    def _run_named(self, method, context):
        func = getattr(self, method, None)
        return _call(func, context) if callable(func) else None

    def _execute(self, event, transition, kwargs):
        context = self._context(event, transition, kwargs)
        source, target = transition.source, transition.target
        for spec in transition.before:
            self._run(spec, context)
        self._run_named(f"before_{event}", context)
        self._run_named(f"on_exit_{source.id}", context)
        result = None
        for spec in transition.on:
            result = self._run(spec, context)
        if callable(getattr(self, f"on_{event}", None)):
            result = self._run_named(f"on_{event}", context)
        self._state = target
        self._history.append((event, source.id, target.id))
        self._run_named(f"on_enter_{target.id}", context)
        for spec in transition.after:
            self._run(spec, context)
        self._run_named(f"after_{event}", context)
        return result

    def __repr__(self):
        return f"{type(self).__name__}(state={self.state!r})"

"""States and the transitions between them, as written in a machine's class body."""

ANY = object()  # the source of a from_any() transition until the machine class expands it


def _listify(spec):
    if spec is None:
        return ()
    if isinstance(spec, (list, tuple)):
        return tuple(spec)
    return (spec,)


class State:
    """A state of a machine. Its id is the class attribute's name; ``name`` defaults to the id."""

    def __init__(self, name=None, *, initial=False, final=False):
        self.name = name
        self.id = None
        self.initial = initial
        self.final = final

    def __set_name__(self, owner, attr):
        self.id = attr
        if self.name is None:
            self.name = attr

    def to(self, target, *, cond=None, unless=None, before=None, on=None, after=None):
        """A transition from this state to ``target``."""
        return TransitionList([Transition(self, target, cond=cond, unless=unless, before=before, on=on, after=after)])

    def from_(self, *sources, cond=None, unless=None, before=None, on=None, after=None):
        """One transition into this state from each of ``sources``."""
        return TransitionList(
            [Transition(source, self, cond=cond, unless=unless, before=before, on=on, after=after) for source in sources]
        )

    def from_any(self, *, cond=None, unless=None, before=None, on=None, after=None):
        """One transition into this state from every non-final state of the machine."""
        return TransitionList([Transition(ANY, self, cond=cond, unless=unless, before=before, on=on, after=after)])

    def __repr__(self):
        return f"State({self.name!r}, id={self.id!r}, initial={self.initial}, final={self.final})"


class Transition:
    def __init__(self, source, target, *, cond=None, unless=None, before=None, on=None, after=None):
        self.source = source
        self.target = target
        self.cond = _listify(cond)
        self.unless = _listify(unless)
        self.before = _listify(before)
        self.on = _listify(on)
        self.after = _listify(after)

    def with_source(self, source):
        copy = Transition(source, self.target)
        copy.cond, copy.unless = self.cond, self.unless
        copy.before, copy.on, copy.after = self.before, self.on, self.after
        return copy

    @property
    def callbacks(self):
        return self.cond + self.unless + self.before + self.on + self.after

    def __repr__(self):
        source = "*" if self.source is ANY else self.source.id
        return f"Transition({source} -> {self.target.id})"


class TransitionList:
    """The transitions of one event, tried in order. Join two with ``|``."""

    def __init__(self, transitions):
        self.transitions = list(transitions)

    def __or__(self, other):
        if not isinstance(other, TransitionList):
            return NotImplemented
        return TransitionList(self.transitions + other.transitions)

    def __iter__(self):
        return iter(self.transitions)

    def __len__(self):
        return len(self.transitions)

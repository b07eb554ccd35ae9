class RuleError(ValueError):
    """A recurrence rule that cannot be built as given."""

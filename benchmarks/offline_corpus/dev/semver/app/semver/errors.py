class InvalidVersion(ValueError):
    """The text is not a SemVer 2.0.0 version."""


class InvalidSpec(ValueError):
    """The text is not a version range this library understands."""

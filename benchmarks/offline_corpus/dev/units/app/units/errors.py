class UnitError(ValueError):
    """A unit symbol this library does not know."""


class DimensionError(TypeError):
    """An operation that mixes two dimensions (adding metres to seconds, comparing grams with feet)."""

    def __init__(self, left: str, right: str, operation: str) -> None:
        super().__init__(f"cannot {operation} {left} and {right}")
        self.left = left
        self.right = right

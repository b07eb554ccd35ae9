class CycleError(ValueError):
    """The graph has a cycle, so it has no topological order.

    `cycle` lists the nodes along the cycle in dependency order, starting and ending with the same node
    (the alphabetically smallest one on the cycle): ``["a", "b", "c", "a"]`` means a depends on b, b on c
    and c on a.
    """

    def __init__(self, cycle: list[str]) -> None:
        self.cycle = list(cycle)
        super().__init__("dependency cycle: " + " -> ".join(self.cycle))

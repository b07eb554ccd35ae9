from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator

from depgraph.errors import CycleError


class Graph:
    """A directed graph of named nodes where an edge ``a -> b`` means "a depends on b".

    Every query that returns several nodes returns them sorted, so results are stable from run to run.
    """

    def __init__(self, edges: Iterable[tuple[str, str]] = ()) -> None:
        self._deps: dict[str, set[str]] = {}
        self._dependents: dict[str, set[str]] = {}
        for a, b in edges:
            self.add_edge(a, b)

    # -- building -------------------------------------------------------------------------------

    def add_node(self, node: str) -> None:
        """Add `node` with no edges; adding a node that exists is a no-op."""
        if not isinstance(node, str) or not node:
            raise ValueError("node names must be non-empty strings")
        if node not in self._deps:
            self._deps[node] = set()
            self._dependents[node] = set()

    def add_edge(self, a: str, b: str) -> None:
        """Record that `a` depends on `b`, adding either node if needed."""
        self.add_node(a)
        self.add_node(b)
        self._deps[a].add(b)
        self._dependents[b].add(a)

    def remove_edge(self, a: str, b: str) -> None:
        self._require(a)
        self._require(b)
        if b not in self._deps[a]:
            raise KeyError((a, b))
        self._deps[a].discard(b)
        self._dependents[b].discard(a)

    def remove_node(self, node: str) -> None:
        """Remove `node` and every edge into or out of it."""
        self._require(node)
        for dep in self._deps.pop(node):
            self._dependents[dep].discard(node)
        for dependent in self._dependents.pop(node):
            self._deps[dependent].discard(node)

    # -- queries --------------------------------------------------------------------------------

    def __contains__(self, node: object) -> bool:
        return node in self._deps

    def __len__(self) -> int:
        return len(self._deps)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._deps))

    @property
    def nodes(self) -> list[str]:
        return sorted(self._deps)

    @property
    def edges(self) -> list[tuple[str, str]]:
        return sorted((a, b) for a, deps in self._deps.items() for b in deps)

    def dependencies_of(self, node: str) -> list[str]:
        """The nodes `node` depends on directly."""
        self._require(node)
        return sorted(self._deps[node])

    def dependents_of(self, node: str, transitive: bool = True) -> list[str]:
        """The nodes that depend on `node`: directly, or (by default) through any chain of edges.

        `node` itself is never part of the answer, even when it sits on a cycle.
        """
        self._require(node)
        if not transitive:
            return sorted(self._dependents[node])
        found: set[str] = set()
        stack = [node]
        while stack:
            current = stack.pop()
            for dependent in self._dependents[current]:
                if dependent not in found:
                    found.add(dependent)
                    stack.append(dependent)
        found.discard(node)
        return sorted(found)

    def topological_order(self) -> list[str]:
        """Every node after all of its dependencies; among nodes that are ready together, alphabetical order.

        Raises CycleError when the graph has a cycle.
        """
        remaining = {node: len(deps) for node, deps in self._deps.items()}
        ready = sorted(node for node, count in remaining.items() if count == 0)
        order: list[str] = []
        while ready:
            node = ready.pop(0)
            order.append(node)
            for dependent in sorted(self._dependents[node]):
                remaining[dependent] -= 1
                if remaining[dependent] == 0:
                    bisect.insort(ready, dependent)
        if len(order) < len(self._deps):
            raise CycleError(self._find_cycle())
        return order

    def levels(self) -> list[list[str]]:
        """Nodes grouped by depth: level 0 has no dependencies, a node's level is one more than its deepest
        dependency's. Each level is sorted.
        """
        depth: dict[str, int] = {}
        for node in self.topological_order():
            deps = self._deps[node]
            depth[node] = 1 + max(depth[d] for d in deps) if deps else 0
        grouped: list[list[str]] = []
        for node, level in depth.items():
            while len(grouped) <= level:
                grouped.append([])
            grouped[level].append(node)
        return [sorted(level) for level in grouped]

    def subgraph(self, nodes: Iterable[str]) -> Graph:
        """A new graph with only `nodes` and the edges between them."""
        keep = set(nodes)
        for node in keep:
            self._require(node)
        sub = Graph()
        for node in sorted(keep):
            sub.add_node(node)
            for dep in self._deps[node]:
                if dep in keep:
                    sub.add_edge(node, dep)
        return sub

    def copy(self) -> Graph:
        return self.subgraph(self._deps)

    # -- helpers --------------------------------------------------------------------------------

    def _require(self, node: str) -> None:
        if node not in self._deps:
            raise KeyError(node)

    def _find_cycle(self) -> list[str]:
        """One cycle, as a path that starts and ends with its smallest node."""
        WHITE, GREY, BLACK = 0, 1, 2
        colour = dict.fromkeys(self._deps, WHITE)
        path: list[str] = []

        def visit(node: str) -> list[str] | None:
            colour[node] = GREY
            path.append(node)
            for dep in sorted(self._deps[node]):
                if colour[dep] == GREY:
                    return path[path.index(dep):]
                if colour[dep] == WHITE:
                    found = visit(dep)
                    if found is not None:
                        return found
            path.pop()
            colour[node] = BLACK
            return None

        for start in sorted(self._deps):
            if colour[start] == WHITE:
                cycle = visit(start)
                if cycle is not None:
                    first = cycle.index(min(cycle))
                    rotated = cycle[first:] + cycle[:first]
                    return rotated + [rotated[0]]
        raise AssertionError("no cycle found in a graph that has no topological order")

"""Dependency graphs of named nodes.

    >>> g = Graph()
    >>> g.add_edge("app", "db")      # app depends on db
    >>> g.topological_order()
    ['db', 'app']
"""

from depgraph.errors import CycleError
from depgraph.graph import Graph

__all__ = ["CycleError", "Graph"]

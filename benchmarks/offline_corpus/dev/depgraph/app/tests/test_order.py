import pytest

from depgraph import CycleError, Graph


def test_dependencies_come_first():
    g = Graph([("app", "db"), ("db", "driver")])
    assert g.topological_order() == ["driver", "db", "app"]


def test_ties_are_broken_alphabetically():
    g = Graph()
    for name in ["zeta", "alpha", "mu"]:
        g.add_node(name)
    assert g.topological_order() == ["alpha", "mu", "zeta"]


def test_nodes_that_become_ready_are_merged_in_alphabetical_order():
    # After "base", both "cli" (now ready) and "zlib" (ready from the start) wait; "cli" sorts first.
    g = Graph([("app", "zlib"), ("app", "base"), ("cli", "base")])
    g.add_node("zlib")
    assert g.topological_order() == ["base", "cli", "zlib", "app"]


def test_order_does_not_depend_on_insertion_order():
    edges = [("b", "a"), ("c", "a"), ("d", "b"), ("d", "c"), ("e", "a")]
    forward = Graph(edges).topological_order()
    backward = Graph(list(reversed(edges))).topological_order()
    assert forward == backward == ["a", "b", "c", "d", "e"]


def test_empty_graph():
    assert Graph().topological_order() == []
    assert Graph().levels() == []


def test_levels_group_by_depth():
    g = Graph([("app", "web"), ("app", "db"), ("web", "core"), ("db", "core"), ("cli", "core")])
    assert g.levels() == [["core"], ["cli", "db", "web"], ["app"]]


def test_a_node_sits_one_level_below_its_deepest_dependency():
    g = Graph([("report", "raw"), ("report", "clean"), ("clean", "raw")])
    assert g.levels() == [["raw"], ["clean"], ["report"]]


def test_each_level_is_sorted():
    g = Graph([("app", "zlib"), ("app", "base"), ("cli", "base")])
    assert g.levels() == [["base", "zlib"], ["app", "cli"]]


def test_cycle_error_carries_the_cycle_in_order():
    g = Graph([("b", "c"), ("c", "a"), ("a", "b"), ("d", "a")])
    with pytest.raises(CycleError) as info:
        g.topological_order()
    assert info.value.cycle == ["a", "b", "c", "a"]
    assert str(info.value) == "dependency cycle: a -> b -> c -> a"


def test_self_dependency_is_a_cycle():
    g = Graph([("a", "a")])
    with pytest.raises(CycleError) as info:
        g.topological_order()
    assert info.value.cycle == ["a", "a"]


def test_levels_of_a_cyclic_graph_raise():
    g = Graph([("x", "y"), ("y", "x")])
    with pytest.raises(CycleError):
        g.levels()


def test_cycle_error_is_a_value_error():
    with pytest.raises(ValueError):
        Graph([("x", "y"), ("y", "x")]).topological_order()


def test_removing_a_node_breaks_the_cycle():
    g = Graph([("a", "b"), ("b", "c"), ("c", "a")])
    g.remove_node("c")
    assert g.topological_order() == ["b", "a"]

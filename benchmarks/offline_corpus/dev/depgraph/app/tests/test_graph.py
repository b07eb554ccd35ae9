import pytest

from depgraph import Graph


@pytest.fixture
def build():
    """A small build: the app needs the web layer and the db layer, both need core."""
    return Graph(
        [
            ("app", "web"),
            ("app", "db"),
            ("web", "core"),
            ("db", "core"),
            ("cli", "core"),
        ]
    )


def test_edges_add_their_nodes(build):
    assert build.nodes == ["app", "cli", "core", "db", "web"]
    assert len(build) == 5
    assert "web" in build
    assert "nginx" not in build


def test_add_node_twice_is_a_no_op():
    g = Graph()
    g.add_node("a")
    g.add_node("a")
    assert g.nodes == ["a"]


def test_node_names_must_be_strings():
    with pytest.raises(ValueError):
        Graph().add_node("")


def test_dependencies_of_lists_direct_dependencies(build):
    assert build.dependencies_of("app") == ["db", "web"]
    assert build.dependencies_of("core") == []


def test_direct_dependents(build):
    assert build.dependents_of("core", transitive=False) == ["cli", "db", "web"]


def test_dependents_are_transitive_by_default(build):
    assert build.dependents_of("core") == ["app", "cli", "db", "web"]
    assert build.dependents_of("db") == ["app"]
    assert build.dependents_of("app") == []


def test_dependents_exclude_the_node_on_a_cycle():
    g = Graph([("a", "b"), ("b", "a"), ("c", "a")])
    assert g.dependents_of("a") == ["b", "c"]


@pytest.mark.parametrize("query", ["dependencies_of", "dependents_of", "remove_node"])
def test_unknown_nodes_raise_key_error(build, query):
    with pytest.raises(KeyError):
        getattr(build, query)("nginx")


def test_remove_node_drops_its_edges(build):
    build.remove_node("db")
    assert "db" not in build
    assert build.dependencies_of("app") == ["web"]
    assert build.dependents_of("core", transitive=False) == ["cli", "web"]
    assert ("app", "db") not in build.edges
    assert build.topological_order() == ["core", "cli", "web", "app"]


def test_remove_edge(build):
    build.remove_edge("app", "db")
    assert build.dependencies_of("app") == ["web"]
    assert build.dependents_of("db") == []
    with pytest.raises(KeyError):
        build.remove_edge("app", "db")


def test_subgraph_keeps_only_edges_between_its_nodes(build):
    sub = build.subgraph(["app", "db", "core"])
    assert sub.nodes == ["app", "core", "db"]
    assert sub.edges == [("app", "db"), ("db", "core")]
    assert sub.topological_order() == ["core", "db", "app"]


def test_subgraph_is_independent_of_the_original(build):
    sub = build.subgraph(["db", "core"])
    sub.remove_node("core")
    assert "core" in build
    assert build.dependencies_of("db") == ["core"]


def test_subgraph_of_unknown_node_raises(build):
    with pytest.raises(KeyError):
        build.subgraph(["app", "nginx"])

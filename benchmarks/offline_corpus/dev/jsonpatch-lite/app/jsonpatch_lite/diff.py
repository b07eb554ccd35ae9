"""Compute a patch that turns one document into another."""

from .patch import Patch, json_equal
from .pointer import JsonPointer


def make_patch(source, target):
    """A :class:`Patch` such that ``make_patch(a, b).apply(a) == b``.

    Objects are compared member by member (recursively); members are visited in sorted order so the result is
    deterministic: removals first, then changes, then additions. Arrays and scalars that differ are replaced whole.
    """
    operations = []
    _diff(source, target, JsonPointer(""), operations)
    return Patch(operations)


def _diff(source, target, pointer, operations):
    if json_equal(source, target):
        return
    if not (isinstance(source, dict) and isinstance(target, dict)):
        operations.append({"op": "replace", "path": str(pointer), "value": target})
        return
    for key in sorted(source.keys() - target.keys()):
        operations.append({"op": "remove", "path": str(pointer / key)})
    for key in sorted(source.keys() & target.keys()):
        _diff(source[key], target[key], pointer / key, operations)
    for key in sorted(target.keys() - source.keys()):
        operations.append({"op": "add", "path": str(pointer / key), "value": target[key]})

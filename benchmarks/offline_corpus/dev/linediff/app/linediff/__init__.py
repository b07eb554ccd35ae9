"""Line diffs based on the longest common subsequence.

    >>> from linediff import diff_lines, unified, apply_unified
    >>> old = ["a", "b", "c"]
    >>> new = ["a", "B", "c"]
    >>> diff_lines(old, new)
    [Opcode(tag='equal', i1=0, i2=1, j1=0, j2=1), Opcode(tag='replace', i1=1, i2=2, j1=1, j2=2), Opcode(tag='equal', i1=2, i2=3, j1=2, j2=3)]
    >>> apply_unified(old, unified(old, new)) == new
    True
"""

from .diff import Opcode, diff_lines
from .patch import PatchError, apply_unified
from .unified import unified

__all__ = ["Opcode", "PatchError", "apply_unified", "diff_lines", "unified"]

"""Flake reruns: the given test ids in the given order, in a clean child, every status and message kept."""


from .recorder import _pytest_args, _Recorder
from .state import _write


def _run(job, spec, out):
    """One flake rerun: the given ids in the given order, in a clean child, every status and message kept."""
    import pytest

    recorder = _Recorder()
    pytest.main([*_pytest_args(job[2]), "--assert=plain", "--tb=line"], plugins=[recorder])
    _write(out, {"job": "run", "outcomes": recorder.outcomes, "messages": recorder.messages})
    return 0

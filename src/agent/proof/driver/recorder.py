"""The pytest plugin every child runs with: the test running now, each test's status and first failure."""


from .state import IMPORT


class _Recorder:
    """pytest plugin: the test running now, each test's status (as the runner adapter names them) and message."""

    def __init__(self):
        self.current = IMPORT
        self.switch = None
        """coverage.py's `switch_context`, when coverage traces the run."""
        self.outcomes = {}
        self.messages = {}
        self.failure = None

    def pytest_runtest_logstart(self, nodeid, location):
        self.current = nodeid
        if self.switch is not None:
            self.switch(nodeid)

    def pytest_runtest_logreport(self, report):
        status = _status(report)
        if status is not None and self.outcomes.get(report.nodeid) in (None, "passed"):
            self.outcomes[report.nodeid] = status
        if report.failed:
            message = str(getattr(report, "longreprtext", "") or "").strip().splitlines()
            line = (message[-1] if message else "")[:300]
            self.messages.setdefault(report.nodeid, line)
            if self.failure is None:
                self.failure = {"test": report.nodeid, "message": line}


def _status(report):
    if hasattr(report, "wasxfail"):
        return "xfailed" if report.skipped else "xpassed"
    if report.failed:
        return "failed" if report.when == "call" else "error"
    if report.when == "call" or (report.when == "setup" and report.skipped):
        return report.outcome
    return None


def _pytest_args(tests):
    return [*tests, "-q", "-p", "no:cacheprovider", "-p", "no:randomly"]

"""pytest plugin loaded into the coverage run: each test's lines are recorded under its node id.

`Coverage.switch_context` applies to the whole collector, so lines that an app runs in another
thread (FastAPI's TestClient, for one) are still attributed to the test that caused them.
"""

import coverage


def pytest_runtest_setup(item):
    cov = coverage.Coverage.current()
    if cov is not None:
        cov.switch_context(item.nodeid)


def pytest_runtest_teardown(item, nextitem):
    cov = coverage.Coverage.current()
    if cov is not None:
        cov.switch_context("")

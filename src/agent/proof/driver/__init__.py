"""The mutation driver: runs INSIDE the sandbox, in the repo's own interpreter (standard library + pytest).

One process imports the third-party modules the tests need once, then forks a child per job
(as mutmut 3 does), so each mutant costs a pytest session, not an interpreter start and an
import of every dependency. A child installs an import hook that serves the mutated source for
the target file, so nothing is written into the repo: the mutant lives only in that child.

Jobs: a traced run (the new tests, unmutated, under coverage.py with one context per test, or a Python
line tracer where coverage.py is missing: which test reaches which target line, which lines run at
import, and the line/branch coverage), the flake reruns, then one child per mutant running only the
tests that reach its line, `-x`, each with a timeout, all within a budget. Every job draws a token from
one pipe shared with the zygote (workers = cores + 1), so the phases overlap. With spec["go"] the driver
starts before the runtime's first test run and waits for its jobs in that file.
Reads a JSON spec (argv[1]); writes a JSON result (spec["out"]); both typed in `protocol.py`. Nothing here
imports the rest of `agent`: `agent.offline.bundle` ships the package as one script (entry `drive`).
"""

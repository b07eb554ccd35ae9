"""The offline engine's in-sandbox side: scripts that run in the target repo's own interpreter.

Standard library only (plus what the app itself imports), and nothing from the rest of `agent`: the engine ships
this package to the sandbox as one script (`agent.offline.bundle`), and reads back the one envelope line each
entry prints (`protocol.py`). Entries: `probe` (discovery inventory), `isolation` (flaky-suite diagnosis).
"""

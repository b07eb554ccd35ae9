"""The offline engine: deterministic discovery and generation of tests, no model, no network."""

"""Proofs that a test is worth keeping: assertion scan, flake reruns (more to come: mutants, coverage)."""

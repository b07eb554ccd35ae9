"""Skill autoresearch: `assay optimize-skill` evolves a skill with GEPA on the dev split and keeps a change only
when the holdout split shows it better beyond noise."""

from __future__ import annotations

from agent.optimize.cli import cli_main

__all__ = ["cli_main"]

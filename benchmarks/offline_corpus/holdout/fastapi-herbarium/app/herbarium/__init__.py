"""Herbarium catalogue API."""

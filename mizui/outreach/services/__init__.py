"""Outreach services: imports, batch screening, lists, campaigns and their measurement (plain functions)."""

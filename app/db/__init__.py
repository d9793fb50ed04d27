"""Persistence: engine and sessions, tables, repositories."""

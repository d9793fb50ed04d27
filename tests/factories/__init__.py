"""Shared test factories: small async `create_*` helpers and fixed payloads, one module per area.

Test modules import helpers from here (or from conftest, probleemcodes, contract, pgadmin,
scaleout), never from another test module; tests/unit/test_test_hygiene.py holds that line.
"""

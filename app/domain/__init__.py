"""Pure domain: aggregates, value objects and domain errors. No framework imports."""

"""Use cases: load, decide (domain and rules), authorise, store, log."""

"""Authentication (JWT), the typed claims and the policy of who may do what."""

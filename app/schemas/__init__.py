"""Request and response models: the API contract, with camelCase aliases."""

"""Authentication and authorisation failures."""


class NotAuthenticated(Exception):
    """No valid token: missing, malformed, badly signed, expired, or not matching the registry."""

    code = "niet-geauthenticeerd"

    def __init__(self, detail: str, *, code: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            self.code = code


class AccessDenied(Exception):
    """A valid caller who may not do this."""

    code = "geen-toegang"

    def __init__(self, detail: str, *, code: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            self.code = code

"""The claims of a valid token for the demo partnership, to vary one at a time in tests."""

import time
from typing import Any

from app.config import Settings


def claims(settings: Settings, **overrides: Any) -> dict[str, Any]:
    """A government participant's claims; an override of None leaves that claim out."""
    now = int(time.time())
    result: dict[str, Any] = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": "medewerker-1",
        "iat": now,
        "exp": now + 300,
        "zvh": "zvh-demo",
        "deelnemer": "politie",
        "deelnemertype": "overheid",
        "gezamenlijkVerwerkingsverantwoordelijke": True,
        "rollen": ["medewerker"],
    }
    result.update(overrides)
    return {k: v for k, v in result.items() if v is not None}

"""Development tokens signed with the local key pair (`zvh token`, tests). Never in production."""

import time
from typing import Any

from app.auth.keys import DEV_KID, dev_key_pair
from app.auth.tokens import sign
from app.config import ConfigurationError, Environment, Settings


def issue_dev_token(
    settings: Settings,
    *,
    zvh: str,
    deelnemer: str,
    deelnemertype: str,
    gvv: bool,
    rollen: list[str],
    sub: str | None = None,
    ttl: int | None = None,
    extra: dict[str, Any] | None = None,
) -> str:
    if settings.env is Environment.PRODUCTION:
        raise ConfigurationError("development tokens are refused when ZVH_ENV=production")
    now = int(time.time())
    ttl = settings.jwt_max_lifetime_seconds if ttl is None else ttl
    claims: dict[str, Any] = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": sub or f"dev-{deelnemer}",
        "iat": now,
        "exp": now + ttl,
        "zvh": zvh,
        "deelnemer": deelnemer,
        "deelnemertype": deelnemertype,
        "gezamenlijkVerwerkingsverantwoordelijke": gvv,
        "rollen": rollen,
        **(extra or {}),
    }
    return sign(claims, dev_key_pair(settings).private_pem, algorithm="RS256", kid=DEV_KID)

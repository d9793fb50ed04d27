"""Notifications to subscribed organisations (contract v2, "Integration").

Pure: the channels and actions, the delivery states, the Standard Webhooks signature
(https://www.standardwebhooks.com, "Signature scheme") and the retry schedule. What is
sent is `{kanaal, resource, resourceUrl, actie, aanmaakdatum}`: which resource changed
and how, never what it holds (no personal data).
"""

import base64
import binascii
import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class Kanaal(StrEnum):
    """A channel an organisation subscribes to."""

    CASUSSEN = "casussen"
    GEGEVENSVERZOEKEN = "gegevensverzoeken"
    INSTEMMINGSVERZOEKEN = "instemmingsverzoeken"
    BETROKKENENVERZOEKEN = "betrokkenenverzoeken"
    DATALEKKEN = "datalekken"
    PRIORITERINGSLIJSTEN = "prioriteringslijsten"


class Actie(StrEnum):
    """What happened to the resource."""

    AANGEMAAKT = "aangemaakt"
    GEWIJZIGD = "gewijzigd"
    AFGESLOTEN = "afgesloten"
    HEROPEND = "heropend"
    BEANTWOORD = "beantwoord"
    GEPUBLICEERD = "gepubliceerd"
    INGETROKKEN = "ingetrokken"
    BESLOTEN = "besloten"


class Afleverstatus(StrEnum):
    """Where one notification to one subscription stands."""

    WACHTEND = "wachtend"  # to be sent (again) from `volgende_poging` on
    AFGELEVERD = "afgeleverd"  # the receiver answered 2xx
    MISLUKT = "mislukt"  # dead letter: every attempt failed; `zvh notifications redeliver`
    VERVALLEN = "vervallen"  # not sent: the organisation may no longer read the resource


@dataclass(frozen=True, slots=True)
class Bericht:
    """The body of a notification: which resource, how it changed, when."""

    kanaal: Kanaal
    resource: str
    resource_url: str
    actie: Actie
    aanmaakdatum: datetime

    def as_json(self) -> dict[str, str]:
        return {
            "kanaal": self.kanaal.value,
            "resource": self.resource,
            "resourceUrl": self.resource_url,
            "actie": self.actie.value,
            "aanmaakdatum": self.aanmaakdatum.isoformat().replace("+00:00", "Z"),
        }


# --- Standard Webhooks -----------------------------------------------------------------

SECRET_PREFIX = "whsec_"  # noqa: S105 - the format's prefix, not a secret
# The specification asks for secrets of 24 to 64 bytes.
SECRET_MIN_BYTES = 24
SECRET_MAX_BYTES = 64


class GeheimOngeldig(ValueError):
    """A secret that is not `whsec_` followed by base64 of 24 to 64 bytes."""


def new_secret() -> str:
    """A fresh secret in the Standard Webhooks form: `whsec_` + base64 of 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def secret_bytes(secret: str) -> bytes:
    """The key a secret stands for (its base64 part decoded); GeheimOngeldig otherwise."""
    if not secret.startswith(SECRET_PREFIX):
        raise GeheimOngeldig(f"Een geheim begint met {SECRET_PREFIX}.")
    try:
        key = base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise GeheimOngeldig(f"Na {SECRET_PREFIX} volgt base64.") from exc
    if not SECRET_MIN_BYTES <= len(key) <= SECRET_MAX_BYTES:
        raise GeheimOngeldig(
            f"Het geheim is {SECRET_MIN_BYTES} tot {SECRET_MAX_BYTES} bytes (voor base64)."
        )
    return key


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The `webhook-signature` value: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`."""
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_bytes(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(secret: str, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The three headers of a Standard Webhooks message."""
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, message_id, timestamp, body),
    }


# --- Retries ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Herhaalbeleid:
    """Exponential backoff with jitter, and when to give up (a dead letter)."""

    max_pogingen: int
    basis_seconden: float
    max_seconden: float

    def wachttijd(self, poging: int, toeval: Callable[[], float]) -> timedelta:
        """The wait after failed attempt `poging` (1-based): half the exponential step fixed,
        half random ("equal jitter"), so that receivers coming back are not hit in step."""
        stap = min(self.max_seconden, self.basis_seconden * 2 ** (poging - 1))
        return timedelta(seconds=stap / 2 + stap / 2 * toeval())

    def opgeven(self, poging: int) -> bool:
        """Whether attempt `poging` was the last one."""
        return poging >= self.max_pogingen

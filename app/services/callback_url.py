"""Where the service may POST a notification: a callback URL's rules.

`https` in production (contract v2, "Integration"); never with credentials in the URL;
and never to a private, loopback, link-local or otherwise non-public address unless
ZVH_WEBHOOK_ALLOW_PRIVATE says the receivers live inside the network. A host name is
resolved and every address it has is checked, when subscribing and again before each
delivery (a name can be pointed elsewhere later).
"""

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from app.domain.errors import InvalidParam

MAX_LENGTH = 2000
VELD = "callbackUrl"


def form_problems(url: str, *, https_vereist: bool) -> list[InvalidParam]:
    """What is wrong with the URL itself (no look-up)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return [InvalidParam(VELD, "callback-url-ongeldig", "Geen geldige URL.")]
    problems: list[InvalidParam] = []
    if parts.scheme not in ("https", "http") or not parts.hostname:
        problems.append(
            InvalidParam(VELD, "callback-url-ongeldig", "Geef een absolute http(s)-URL met host.")
        )
    elif parts.scheme != "https" and https_vereist:
        problems.append(
            InvalidParam(
                VELD, "callback-url-geen-https", "In productie alleen een https-URL (TLS)."
            )
        )
    if parts.username is not None or parts.password is not None or parts.fragment:
        problems.append(
            InvalidParam(
                VELD,
                "callback-url-ongeldig",
                "Geen gebruikersnaam, wachtwoord of fragment in de URL; de ondertekening "
                "bewijst de afzender.",
            )
        )
    return problems


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


async def addresses(host: str) -> list[str]:
    """Every address `host` stands for (itself when it is one); empty if it does not resolve."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return sorted({str(info[4][0]) for info in infos})


async def address_problems(url: str, *, allow_private: bool) -> list[InvalidParam]:
    """Whether the URL's host resolves, and only to addresses the service may reach."""
    host = urlsplit(url).hostname or ""
    found = await addresses(host)
    if not found:
        return [
            InvalidParam(
                VELD, "callback-url-onbekende-host", "De host van de URL is niet te vinden."
            )
        ]
    if not allow_private and not all(_public(a) for a in found):
        return [
            InvalidParam(
                VELD,
                "callback-url-intern-adres",
                "De host wijst naar een intern adres (privé, loopback of link-local); dat is "
                "alleen toegestaan als de dienst zo is ingesteld (ZVH_WEBHOOK_ALLOW_PRIVATE).",
            )
        ]
    return []
